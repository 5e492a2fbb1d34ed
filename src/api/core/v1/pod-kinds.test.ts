import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { PROTOBUF } from '../../schema/struct.js';
import { PROTOBUF_EMBEDDED } from './embedded-field.js';
import { POD_KINDS } from './pod-kinds.js';
import { PodSchema } from './pod.js';
import { ReplicationControllerSchema } from './replication-controller.js';

type Rec = Record<string, unknown>;

/** Every struct schema reachable from `root`, by definition name. */
function structs(root: TSchema): Map<string, Rec> {
  const found = new Map<string, Rec>();
  const visit = (s: unknown): void => {
    if (s === null || typeof s !== 'object') return;
    const r = s as Rec;
    if (r.properties && typeof r.properties === 'object') {
      const id = String(r.$id ?? '(anonymous)');
      if (found.has(id)) return;
      found.set(id, r);
      for (const child of Object.values(r.properties as Rec)) visit(child);
    }
    visit(r.items);
    if (r.additionalProperties && typeof r.additionalProperties === 'object') visit(r.additionalProperties);
  };
  visit(root);
  return found;
}

/** The protobuf position of a field: `7`, or `1.3` for field 3 of the embedded message at 1. */
function position(fieldSchema: unknown): string | undefined {
  const f = fieldSchema as Rec;
  if (typeof f[PROTOBUF] !== 'number') return undefined;
  return f[PROTOBUF_EMBEDDED] === undefined
    ? String(f[PROTOBUF])
    : `${String(f[PROTOBUF_EMBEDDED])}.${String(f[PROTOBUF])}`;
}

/** The field of `path` (dot form, `[]` steps into list items) within `schema`. */
function fieldAt(schema: TSchema, path: string): Rec {
  let cur = schema as unknown as Rec;
  for (const step of path.split('.')) {
    if (cur.type === 'array') cur = cur.items as Rec;
    const next = (cur.properties as Rec | undefined)?.[step];
    assert.ok(next, `no field ${step} in ${path}`);
    cur = next as Rec;
    if (cur.type === 'array' && step !== path.split('.').at(-1)) cur = cur.items as Rec;
  }
  return cur;
}

describe('the Pod family schemas', () => {
  for (const kind of POD_KINDS) {
    const all = structs(kind.schema);

    test(`every field of every struct under ${kind.kind} has a protobuf number (but apiVersion and kind)`, () => {
      for (const [id, s] of all) {
        for (const [name, f] of Object.entries(s.properties as Rec)) {
          if (s === (kind.schema as unknown) && (name === 'apiVersion' || name === 'kind')) continue;
          assert.ok(position(f), `${id}.${name} has no protobuf number`);
        }
      }
    });

    test(`protobuf numbers are unique within each struct under ${kind.kind}`, () => {
      for (const [id, s] of all) {
        const seen = new Map<string, string>();
        const direct = new Set<string>();
        const outers = new Set<string>();
        for (const [name, f] of Object.entries(s.properties as Rec)) {
          const pos = position(f);
          if (pos === undefined) continue;
          assert.equal(seen.get(pos), undefined, `${id}: ${name} and ${seen.get(pos) ?? ''} share ${pos}`);
          seen.set(pos, name);
          if (pos.includes('.')) outers.add(pos.split('.')[0] ?? '');
          else direct.add(pos);
        }
        for (const outer of outers)
          assert.ok(!direct.has(outer), `${id}: embedded message ${outer} collides with a field`);
      }
    });
  }

  test('spot checks against upstream generated.proto', () => {
    const cases: [TSchema, string, string][] = [
      [PodSchema, 'metadata', '1'],
      [PodSchema, 'spec.volumes', '1'],
      [PodSchema, 'spec.initContainers', '20'],
      [PodSchema, 'spec.containers', '2'],
      [PodSchema, 'spec.ephemeralContainers', '34'],
      [PodSchema, 'spec.automountServiceAccountToken', '21'],
      [PodSchema, 'spec.shareProcessNamespace', '27'],
      [PodSchema, 'spec.setHostnameAsFQDN', '35'],
      [PodSchema, 'spec.workloadRef', '42'],
      [PodSchema, 'spec.containers.envFrom', '19'],
      [PodSchema, 'spec.containers.terminationMessagePolicy', '20'],
      [PodSchema, 'spec.containers.startupProbe', '22'],
      [PodSchema, 'spec.containers.restartPolicyRules', '25'],
      [PodSchema, 'spec.containers.livenessProbe.httpGet', '1.2'],
      [PodSchema, 'spec.containers.livenessProbe.terminationGracePeriodSeconds', '7'],
      [PodSchema, 'spec.containers.env.valueFrom.configMapKeyRef.name', '1.1'],
      [PodSchema, 'spec.containers.securityContext.windowsOptions', '10'],
      [PodSchema, 'spec.ephemeralContainers.image', '1.2'],
      [PodSchema, 'spec.ephemeralContainers.targetContainerName', '2'],
      [PodSchema, 'spec.volumes.name', '1'],
      [PodSchema, 'spec.volumes.projected', '2.26'],
      [PodSchema, 'spec.volumes.portworxVolume', '2.24'],
      [PodSchema, 'spec.volumes.image', '2.30'],
      [PodSchema, 'spec.volumes.iscsi.chapAuthSession', '11'],
      [PodSchema, 'spec.volumes.configMap.name', '1.1'],
      [PodSchema, 'spec.securityContext.seLinuxChangePolicy', '13'],
      [PodSchema, 'status.hostIPs', '16'],
      [PodSchema, 'status.observedGeneration', '17'],
      [PodSchema, 'status.conditions.observedGeneration', '7'],
      [PodSchema, 'status.containerStatuses.stopSignal', '15'],
      [ReplicationControllerSchema, 'spec.minReadySeconds', '4'],
      [ReplicationControllerSchema, 'status.readyReplicas', '4'],
      [ReplicationControllerSchema, 'status.observedGeneration', '3'],
    ];
    for (const [schema, path, expected] of cases) assert.equal(position(fieldAt(schema, path)), expected, path);
  });
});
