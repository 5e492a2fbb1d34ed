import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { IngressSchema } from './ingress.js';
import { IngressClassSchema } from './ingress-class.js';
import { NetworkPolicySchema, defaultNetworkPolicy } from './network-policy.js';
import { applyDefaults } from '../../schema/defaults.js';

describe('networking.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['Ingress', IngressSchema, 'spec.ingressClassName', 4],
    ['Ingress', IngressSchema, 'spec.rules.http.paths.pathType', 3],
    ['Ingress', IngressSchema, 'spec.defaultBackend.service', 4],
    ['Ingress', IngressSchema, 'status.loadBalancer.ingress.ports', 4],
    ['IngressClass', IngressClassSchema, 'spec.parameters.namespace', 5],
    ['NetworkPolicy', NetworkPolicySchema, 'spec.policyTypes', 4],
    ['NetworkPolicy', NetworkPolicySchema, 'spec.ingress.from.ipBlock', 3],
    ['NetworkPolicy', NetworkPolicySchema, 'spec.egress.ports.endPort', 3],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('an Ingress rule carries http inside the embedded IngressRuleValue (field 2)', () => {
    const rules = (
      IngressSchema.properties.spec as unknown as {
        properties: { rules: { items: { properties: Record<string, Record<string, unknown>> } } };
      }
    ).properties.rules.items.properties;
    assert.equal(rules.http?.['x-protobuf'], 1);
    assert.equal(rules.http?.['x-protobuf-embedded'], 2);
  });

  const policyCases: [string, Record<string, unknown>, string[]][] = [
    ['a policy without policyTypes and without egress rules is about Ingress', {}, ['Ingress']],
    ['a policy with egress rules is about Ingress and Egress', { egress: [{}] }, ['Ingress', 'Egress']],
    ['given policyTypes are kept', { policyTypes: ['Egress'] }, ['Egress']],
  ];
  for (const [name, spec, types] of policyCases) {
    test(name, () => {
      const obj: Record<string, unknown> = { spec };
      defaultNetworkPolicy(obj);
      assert.deepEqual((obj.spec as Record<string, unknown>).policyTypes, types);
    });
  }

  test('network policy ports default to TCP and the pod selector to everything', () => {
    const obj: Record<string, unknown> = { spec: { ingress: [{ ports: [{ port: 80 }] }] } };
    applyDefaults(obj, NetworkPolicySchema);
    const spec = obj.spec as { podSelector: unknown; ingress: { ports: unknown[] }[] };
    assert.deepEqual(spec.podSelector, {});
    assert.deepEqual(spec.ingress[0]?.ports, [{ port: 80, protocol: 'TCP' }]);
  });

  test('ingress class parameters default to cluster scope only when present', () => {
    const withParams: Record<string, unknown> = {
      spec: { controller: 'a.io/b', parameters: { kind: 'K', name: 'n' } },
    };
    applyDefaults(withParams, IngressClassSchema);
    assert.equal((withParams.spec as { parameters: { scope: string } }).parameters.scope, 'Cluster');
    const without: Record<string, unknown> = { spec: { controller: 'a.io/b' } };
    applyDefaults(without, IngressClassSchema);
    assert.deepEqual(without.spec, { controller: 'a.io/b' });
  });
});
