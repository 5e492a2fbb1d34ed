import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PersistentVolumeClaimKind } from '../../../../api/core/v1/persistent-volume-claim.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../validation/strategy-harness.js';
import { persistentvolumeclaimsStrategy } from './strategy.js';

type Rec = Record<string, unknown>;
const pvc = (spec: Rec = {}): ApiObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});

describe('persistentvolumeclaims strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a claim for storage is valid', input: pvc(), errors: [] },
    {
      name: 'a claim needs an access mode',
      input: pvc({ accessModes: [] }),
      errors: ['spec.accessModes: Required value: at least 1 access mode is required'],
    },
    {
      name: 'a claim needs a storage request',
      input: pvc({ resources: {} }),
      errors: ['spec.resources[storage]: Required value'],
    },
    {
      name: 'an unknown volume mode is rejected',
      input: pvc({ volumeMode: 'Raw' }),
      errors: ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"'],
    },
    {
      name: 'a core data source must be a claim',
      input: pvc({ dataSourceRef: { kind: 'Secret', name: 's' } }),
      errors: [
        'spec.dataSource: Invalid value: "Secret": must be \'PersistentVolumeClaim\' when referencing the default apiGroup',
        'spec.dataSourceRef: Invalid value: "Secret": must be \'PersistentVolumeClaim\' when referencing the default apiGroup',
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      assert.deepEqual(create(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, c.input).errors, c.errors),
    );
  }

  test('a new claim is Pending and copies its data source into dataSourceRef', () => {
    const source = { kind: 'PersistentVolumeClaim', name: 'origin' };
    const { obj } = create(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, pvc({ dataSource: source }));
    assert.deepEqual(obj.status, { phase: 'Pending' });
    assert.deepEqual((obj.spec as Rec).dataSourceRef, source);
    assert.equal((obj.spec as Rec).volumeMode, 'Filesystem');
  });

  test('the binder may set the volume name once', () => {
    const old = stored(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, pvc());
    assert.deepEqual(
      update(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, pvc({ volumeName: 'pv-1' }), old).errors,
      [],
    );
  });

  test('other spec changes are forbidden', () => {
    const old = stored(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, pvc());
    const { errors } = update(
      persistentvolumeclaimsStrategy,
      PersistentVolumeClaimKind,
      pvc({ storageClassName: 'fast' }),
      old,
    );
    assert.deepEqual(errors, [
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    ]);
  });

  test('a bound claim may grow but not shrink below its capacity', () => {
    const old = stored(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, pvc());
    old.status = { phase: 'Bound', capacity: { storage: '1Gi' } };
    const bigger = pvc({ resources: { requests: { storage: '2Gi' } } });
    assert.deepEqual(update(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, bigger, old).errors, []);
    const smaller = pvc({ resources: { requests: { storage: '512Mi' } } });
    assert.deepEqual(update(persistentvolumeclaimsStrategy, PersistentVolumeClaimKind, smaller, old).errors, [
      'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    ]);
  });
});
