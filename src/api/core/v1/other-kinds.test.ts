import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { elementOf, idOf, propertiesOf, shapeOf } from '../../schema/inspect.js';
import { PROTOBUF } from '../../schema/struct.js';
import { applyDefaults } from '../../schema/defaults.js';
import type { KindDefinition } from '../../schema/kind.js';
import { CORE_KINDS } from './other-kinds.js';
import { PROTOBUF_EMBEDDED } from './embedded-field.js';
import { ServiceKind } from './service.js';
import { NodeKind } from './node.js';
import { LimitRangeKind } from './limit-range.js';
import { PersistentVolumeKind } from './persistent-volume.js';
import { PersistentVolumeClaimKind } from './persistent-volume-claim.js';
import { SecretKind } from './secret.js';
import { EventKind } from './event.js';

type Rec = Record<string, unknown>;

/** Every struct reachable from a schema, by definition name. */
function structsOf(schema: TSchema, found = new Map<string, TSchema>()): Map<string, TSchema> {
  switch (shapeOf(schema)) {
    case 'struct': {
      const id = idOf(schema) ?? '?';
      if (found.get(id) === schema) return found;
      found.set(id, schema);
      for (const child of Object.values(propertiesOf(schema))) structsOf(child, found);
      return found;
    }
    case 'list':
    case 'map':
      return structsOf(elementOf(schema), found);
    default:
      return found;
  }
}

const fieldOf = (kind: KindDefinition, path: string[]): Rec => {
  let schema: TSchema = kind.schema;
  for (const name of path) {
    let next = propertiesOf(schema)[name];
    while (next !== undefined && shapeOf(next) !== 'struct' && path.indexOf(name) < path.length - 1)
      next = elementOf(next);
    assert.ok(next, `no field ${path.join('.')}`);
    schema = next;
  }
  return schema as Rec;
};

describe('core/v1 kinds outside the Pod family', () => {
  test('every field but apiVersion and kind has a protobuf number', () => {
    for (const kind of CORE_KINDS) {
      for (const [id, struct] of structsOf(kind.schema)) {
        for (const [name, field] of Object.entries(propertiesOf(struct))) {
          if (struct === kind.schema && (name === 'apiVersion' || name === 'kind')) continue;
          assert.equal(typeof (field as Rec)[PROTOBUF], 'number', `${id}.${name} has no protobuf number`);
        }
      }
    }
  });

  test('protobuf numbers are unique within each struct, embedded messages included', () => {
    for (const kind of CORE_KINDS) {
      for (const [id, struct] of structsOf(kind.schema)) {
        const direct = new Set<number>();
        const embedded = new Map<number, Set<number>>();
        for (const [name, field] of Object.entries(propertiesOf(struct))) {
          const number = (field as Rec)[PROTOBUF] as number | undefined;
          if (number === undefined) continue;
          const outer = (field as Rec)[PROTOBUF_EMBEDDED] as number | undefined;
          const seen =
            outer === undefined ? direct : (embedded.get(outer) ?? embedded.set(outer, new Set()).get(outer)!);
          assert.ok(!seen.has(number), `${id}.${name} reuses protobuf number ${number}`);
          seen.add(number);
        }
        for (const outer of embedded.keys()) assert.ok(!direct.has(outer), `${id}: embedded message ${outer} clashes`);
      }
    }
  });

  const spotChecks: { kind: KindDefinition; path: string[]; number: number; embedded?: number }[] = [
    { kind: ServiceKind, path: ['spec', 'clusterIPs'], number: 18 },
    { kind: ServiceKind, path: ['spec', 'ipFamilyPolicy'], number: 17 },
    { kind: ServiceKind, path: ['spec', 'trafficDistribution'], number: 23 },
    { kind: ServiceKind, path: ['spec', 'ports', 'appProtocol'], number: 6 },
    { kind: ServiceKind, path: ['status', 'loadBalancer', 'ingress', 'ipMode'], number: 3 },
    { kind: SecretKind, path: ['immutable'], number: 5 },
    { kind: SecretKind, path: ['stringData'], number: 4 },
    { kind: SecretKind, path: ['type'], number: 3 },
    { kind: EventKind, path: ['reportingInstance'], number: 15 },
    { kind: EventKind, path: ['eventTime'], number: 10 },
    { kind: NodeKind, path: ['spec', 'podCIDRs'], number: 7 },
    { kind: NodeKind, path: ['spec', 'externalID'], number: 2 },
    { kind: NodeKind, path: ['status', 'declaredFeatures'], number: 14 },
    { kind: NodeKind, path: ['status', 'nodeInfo', 'swap'], number: 11 },
    { kind: PersistentVolumeKind, path: ['spec', 'csi'], number: 22, embedded: 2 },
    { kind: PersistentVolumeKind, path: ['spec', 'hostPath'], number: 3, embedded: 2 },
    { kind: PersistentVolumeKind, path: ['spec', 'volumeAttributesClassName'], number: 10 },
    { kind: PersistentVolumeKind, path: ['spec', 'iscsi', 'chapAuthSession'], number: 11 },
    { kind: PersistentVolumeClaimKind, path: ['spec', 'dataSourceRef'], number: 8 },
    { kind: PersistentVolumeClaimKind, path: ['spec', 'selector'], number: 4 },
    { kind: PersistentVolumeClaimKind, path: ['status', 'allocatedResourceStatuses'], number: 7 },
    { kind: LimitRangeKind, path: ['spec', 'limits', 'maxLimitRequestRatio'], number: 6 },
  ];
  for (const c of spotChecks) {
    test(`${c.kind.kind} ${c.path.join('.')} is protobuf field ${c.number}`, () => {
      const field = fieldOf(c.kind, c.path);
      assert.equal(field[PROTOBUF], c.number);
      assert.equal(field[PROTOBUF_EMBEDDED], c.embedded);
    });
  }

  test('resource names, scopes and short names are upstream’s', () => {
    const summary = CORE_KINDS.map((k) => [k.plural, k.namespaced, (k.shortNames ?? []).join(',')]);
    assert.deepEqual(summary, [
      ['namespaces', false, 'ns'],
      ['configmaps', true, 'cm'],
      ['services', true, 'svc'],
      ['endpoints', true, 'ep'],
      ['secrets', true, ''],
      ['serviceaccounts', true, 'sa'],
      ['nodes', false, 'no'],
      ['events', true, 'ev'],
      ['limitranges', true, 'limits'],
      ['resourcequotas', true, 'quota'],
      ['persistentvolumes', false, 'pv'],
      ['persistentvolumeclaims', true, 'pvc'],
    ]);
    assert.deepEqual(ServiceKind.categories, ['all']);
  });

  test('selectable fields read the values upstream indexes', () => {
    const event = { involvedObject: { kind: 'Pod', name: 'web' }, reportingComponent: 'kubelet', type: 'Normal' };
    assert.equal(EventKind.selectableFields?.['involvedObject.name']?.(event), 'web');
    assert.equal(EventKind.selectableFields?.source?.(event), 'kubelet');
    assert.equal(NodeKind.selectableFields?.['spec.unschedulable']?.({}), 'false');
    assert.equal(SecretKind.selectableFields?.type?.({ type: 'Opaque' }), 'Opaque');
  });
});

describe('core/v1 defaults', () => {
  const defaulted = (kind: KindDefinition, obj: Rec): Rec => {
    const copy = structuredClone(obj);
    applyDefaults(copy, kind.schema);
    kind.defaults?.(copy);
    return copy;
  };

  test('a secret without a type is Opaque', () => {
    assert.equal(defaulted(SecretKind, { data: {} }).type, 'Opaque');
  });

  test('node allocatable defaults to capacity', () => {
    const node = defaulted(NodeKind, { status: { capacity: { cpu: '4', pods: '110' } } });
    assert.deepEqual((node.status as Rec).allocatable, { cpu: '4', pods: '110' });
  });

  test('a persistent volume is Pending, Retain and Filesystem by default', () => {
    const pv = defaulted(PersistentVolumeKind, { spec: { hostPath: { path: '/data' } } });
    assert.deepEqual(pv.status, { phase: 'Pending' });
    const spec = pv.spec as Rec;
    assert.equal(spec.persistentVolumeReclaimPolicy, 'Retain');
    assert.equal(spec.volumeMode, 'Filesystem');
    assert.deepEqual(spec.hostPath, { path: '/data', type: '' });
  });

  test('a claim asks for a filesystem volume by default', () => {
    const pvc = defaulted(PersistentVolumeClaimKind, { spec: { accessModes: ['ReadWriteOnce'] } });
    assert.equal((pvc.spec as Rec).volumeMode, 'Filesystem');
    assert.deepEqual(pvc.status, { phase: 'Pending' });
  });

  test('container limit ranges default the limit to max and the request to the limit', () => {
    const lr = defaulted(LimitRangeKind, {
      spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] },
    });
    const [item] = (lr.spec as { limits: Rec[] }).limits;
    assert.deepEqual(item?.default, { cpu: '2' });
    assert.deepEqual(item?.defaultRequest, { cpu: '2', memory: '64Mi' });
  });

  test('a service port targets its own port unless told otherwise', () => {
    const svc = defaulted(ServiceKind, { spec: { ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] } });
    assert.deepEqual((svc.spec as Rec).ports, [
      { port: 80, protocol: 'TCP', targetPort: 80 },
      { port: 443, protocol: 'TCP', targetPort: 'https' },
    ]);
  });

  test('a headless service without a selector asks for dual-stack', () => {
    const spec = defaulted(ServiceKind, { spec: { clusterIP: 'None' } }).spec as Rec;
    assert.equal(spec.ipFamilyPolicy, 'RequireDualStack');
    const withSelector = defaulted(ServiceKind, { spec: { clusterIP: 'None', selector: { app: 'db' } } }).spec as Rec;
    assert.equal(withSelector.ipFamilyPolicy, 'SingleStack');
  });

  test('an ExternalName service gets no IP family or traffic policy', () => {
    const spec = defaulted(ServiceKind, { spec: { type: 'ExternalName', externalName: 'x.example.com' } }).spec as Rec;
    assert.equal(spec.ipFamilyPolicy, undefined);
    assert.equal(spec.internalTrafficPolicy, undefined);
    assert.equal(spec.sessionAffinity, 'None');
  });
});
