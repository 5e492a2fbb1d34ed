import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IngressClassKind } from '../../../../api/networking/v1/ingress-class.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { ingressClassesStrategy } from './strategy.js';

const ingressClass = (spec: Record<string, unknown>): ApiObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'nginx' },
  spec,
});

describe('ingressclasses strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a domain-prefixed controller is valid', { controller: 'k8s.io/ingress-nginx' }, []],
    ['a controller is required', {}, ['spec.controller: Required value']],
    [
      'a controller without a domain is rejected',
      { controller: 'nginx' },
      ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")'],
    ],
    [
      'namespaced parameters need a namespace',
      { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'Config', name: 'c', scope: 'Namespace' } },
      ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
    ],
    [
      'cluster parameters may not have a namespace',
      { controller: 'k8s.io/ingress-nginx', parameters: { kind: 'Config', name: 'c', namespace: 'x' } },
      ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
    ],
  ];
  for (const [name, spec, errors] of cases) {
    test(name, () =>
      assert.deepEqual(create(ingressClassesStrategy, IngressClassKind, ingressClass(spec)).errors, errors),
    );
  }

  test('the controller cannot change', () => {
    const old = stored(ingressClassesStrategy, IngressClassKind, ingressClass({ controller: 'k8s.io/ingress-nginx' }));
    assert.deepEqual(
      update(ingressClassesStrategy, IngressClassKind, { ...old, spec: { controller: 'example.com/other' } }, old)
        .errors,
      ['spec.controller: Invalid value: "example.com/other": field is immutable'],
    );
  });
});
