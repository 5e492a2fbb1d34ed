import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PersistentVolumeKind } from '../../../../api/core/v1/persistent-volume.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../validation/strategy-harness.js';
import { persistentvolumesStrategy } from './strategy.js';

const pv = (spec: Record<string, unknown>): ApiObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-1' },
  spec,
});
const hostPathPV = (extra: Record<string, unknown> = {}): ApiObject =>
  pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' }, ...extra });

describe('persistentvolumes strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a host path volume is valid', input: hostPathPV(), errors: [] },
    {
      name: 'a volume needs a source',
      input: pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] }),
      errors: ['spec: Required value: must specify a volume type'],
    },
    {
      name: 'a volume has one source only',
      input: hostPathPV({ nfs: { server: 'nfs.example.com', path: '/exports' } }),
      errors: ['spec.nfs: Forbidden: may not specify more than 1 volume type'],
    },
    {
      name: 'a volume needs access modes',
      input: hostPathPV({ accessModes: [] }),
      errors: ['spec.accessModes: Required value'],
    },
    {
      name: 'ReadWriteOncePod stands alone',
      input: hostPathPV({ accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'] }),
      errors: ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'],
    },
    {
      name: 'capacity is storage only and positive',
      input: hostPathPV({ capacity: { storage: '0' } }),
      errors: ['spec.capacity[storage]: Invalid value: "0": must be greater than zero'],
    },
    {
      name: 'an unknown reclaim policy is rejected',
      input: hostPathPV({ persistentVolumeReclaimPolicy: 'Keep' }),
      errors: [
        'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
      ],
    },
    {
      name: 'an NFS path must be absolute',
      input: pv({
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteMany'],
        nfs: { server: 'nfs', path: 'exports' },
      }),
      errors: ['spec.nfs.path: Invalid value: "exports": must be an absolute path'],
    },
    {
      name: 'a local volume needs node affinity',
      input: pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt/disk' } }),
      errors: ['spec.nodeAffinity: Required value: Local volume requires node affinity'],
    },
    {
      name: 'node affinity needs at least one term',
      input: hostPathPV({ nodeAffinity: { required: { nodeSelectorTerms: [] } } }),
      errors: [
        'spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term',
      ],
    },
    {
      name: 'a CSI volume needs a driver and a handle',
      input: pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: {} }),
      errors: ['spec.csi.driver: Required value', 'spec.csi.volumeHandle: Required value'],
    },
  ];
  for (const c of cases)
    test(c.name, () =>
      assert.deepEqual(create(persistentvolumesStrategy, PersistentVolumeKind, c.input).errors, c.errors),
    );

  test('a new volume is Pending, retained and a filesystem', () => {
    const { obj } = create(persistentvolumesStrategy, PersistentVolumeKind, hostPathPV());
    assert.deepEqual(obj.status, { phase: 'Pending', lastPhaseTransitionTime: '2024-05-01T10:00:00Z' });
    const spec = obj.spec as Record<string, unknown>;
    assert.equal(spec.persistentVolumeReclaimPolicy, 'Retain');
    assert.equal(spec.volumeMode, 'Filesystem');
  });

  test('the source cannot change after creation', () => {
    const old = stored(persistentvolumesStrategy, PersistentVolumeKind, hostPathPV());
    const { errors } = update(
      persistentvolumesStrategy,
      PersistentVolumeKind,
      hostPathPV({ hostPath: { path: '/other' } }),
      old,
    );
    assert.deepEqual(errors, [
      'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation',
    ]);
  });

  test('the reclaim policy may change', () => {
    const old = stored(persistentvolumesStrategy, PersistentVolumeKind, hostPathPV());
    assert.deepEqual(
      update(
        persistentvolumesStrategy,
        PersistentVolumeKind,
        hostPathPV({ persistentVolumeReclaimPolicy: 'Delete' }),
        old,
      ).errors,
      [],
    );
  });

  test('a phase change stamps the transition time', () => {
    const old = stored(persistentvolumesStrategy, PersistentVolumeKind, hostPathPV());
    (old.status as Record<string, unknown>).lastPhaseTransitionTime = '2024-01-01T00:00:00Z';
    const next = { ...hostPathPV(), status: { phase: 'Available' } };
    const { obj } = updateStatus(persistentvolumesStrategy, PersistentVolumeKind, next, old);
    assert.deepEqual(obj.status, { phase: 'Available', lastPhaseTransitionTime: '2024-05-01T10:00:00Z' });
  });
});
