import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { StorageClassKind } from '../../../../api/storage/v1/storage-class.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { storageClassesStrategy as strategy } from './strategy.js';

const sc = (fields: Record<string, unknown>): ApiObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'fast' },
  provisioner: 'example.com/ssd',
  ...fields,
});

describe('storageclasses strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a class with a provisioner is valid', { parameters: { type: 'ssd' } }, []],
    ['a provisioner is required', { provisioner: '' }, ['provisioner: Required value']],
    [
      'an unknown reclaim policy is rejected',
      { reclaimPolicy: 'Recycle' },
      ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    ],
    [
      'an unknown binding mode is rejected',
      { volumeBindingMode: 'Lazy' },
      ['volumeBindingMode: Unsupported value: "Lazy": supported values: "Immediate", "WaitForFirstConsumer"'],
    ],
  ];
  for (const [name, fields, errors] of cases)
    test(name, () => assert.deepEqual(create(strategy, StorageClassKind, sc(fields)).errors, errors));

  test('parameters, provisioner and reclaim policy cannot change; allowVolumeExpansion can', () => {
    const old = stored(strategy, StorageClassKind, sc({ parameters: { type: 'ssd' } }));
    assert.deepEqual(update(strategy, StorageClassKind, { ...old, allowVolumeExpansion: true }, old).errors, []);
    const changed = { ...old, provisioner: 'example.com/hdd', parameters: { type: 'hdd' }, reclaimPolicy: 'Retain' };
    assert.deepEqual(update(strategy, StorageClassKind, changed, old).errors, [
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
    ]);
  });
});
