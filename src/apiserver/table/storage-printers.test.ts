import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage-printers.js';
import { ago, pick, row } from './testing.js';

describe('PersistentVolume printer', () => {
  test('a bound volume prints capacity, modes, policy, phase, claim and class', () => {
    const pv = {
      metadata: { name: 'pv-data-0', creationTimestamp: ago(3600) },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'shop', name: 'data-db-0' },
        storageClassName: 'local-path',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    };
    assert.deepEqual(row(persistentVolumePrinter, pv), {
      Name: 'pv-data-0',
      Capacity: '10Gi',
      'Access Modes': 'RWO,RWX',
      'Reclaim Policy': 'Retain',
      Status: 'Bound',
      Claim: 'shop/data-db-0',
      StorageClass: 'local-path',
      VolumeAttributesClass: '<unset>',
      Reason: '',
      Age: '60m',
      VolumeMode: 'Filesystem',
    });
  });

  test('a volume being deleted is Terminating and the beta class annotation wins', () => {
    const pv = {
      metadata: {
        name: 'pv-old',
        deletionTimestamp: ago(1),
        annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' },
      },
      spec: { storageClassName: 'fast' },
      status: { phase: 'Released', reason: 'ClaimDeleted' },
    };
    assert.deepEqual(
      pick(persistentVolumePrinter, pv, ['Capacity', 'Status', 'Claim', 'StorageClass', 'Reason', 'VolumeMode']),
      {
        Capacity: '0',
        Status: 'Terminating',
        Claim: '',
        StorageClass: 'slow',
        Reason: 'ClaimDeleted',
        VolumeMode: '<unset>',
      },
    );
  });
});

describe('PersistentVolumeClaim printer', () => {
  const claim = (spec: Record<string, unknown>, status: Record<string, unknown>) => ({
    metadata: { name: 'data-db-0', creationTimestamp: ago(3600) },
    spec: { resources: { requests: { storage: '5Gi' } }, accessModes: ['ReadWriteOnce'], ...spec },
    status,
  });

  test('a bound claim prints the volume’s capacity and modes', () => {
    const pvc = claim(
      {
        volumeName: 'pv-data-0',
        storageClassName: 'local-path',
        volumeMode: 'Filesystem',
        volumeAttributesClassName: 'gold',
      },
      { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] },
    );
    assert.deepEqual(row(persistentVolumeClaimPrinter, pvc), {
      Name: 'data-db-0',
      Status: 'Bound',
      Volume: 'pv-data-0',
      Capacity: '10Gi',
      'Access Modes': 'RWO',
      StorageClass: 'local-path',
      VolumeAttributesClass: 'gold',
      Age: '60m',
      VolumeMode: 'Filesystem',
    });
  });

  test('a pending claim prints no capacity or modes', () => {
    assert.deepEqual(
      pick(persistentVolumeClaimPrinter, claim({}, { phase: 'Pending' }), [
        'Status',
        'Volume',
        'Capacity',
        'Access Modes',
        'StorageClass',
      ]),
      {
        Status: 'Pending',
        Volume: '',
        Capacity: '',
        'Access Modes': '',
        StorageClass: '',
      },
    );
  });
});

describe('StorageClass printer', () => {
  test('the default class is marked and missing policies read as their defaults', () => {
    const sc = {
      metadata: {
        name: 'local-path',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        creationTimestamp: ago(3600),
      },
      provisioner: 'rancher.io/local-path',
    };
    assert.deepEqual(row(storageClassPrinter, sc), {
      Name: 'local-path (default)',
      Provisioner: 'rancher.io/local-path',
      ReclaimPolicy: 'Delete',
      VolumeBindingMode: 'Immediate',
      AllowVolumeExpansion: false,
      Age: '60m',
    });
  });

  test('explicit policies are printed as set', () => {
    const sc = {
      metadata: { name: 'fast', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'false' } },
      provisioner: 'csi.example.com',
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    };
    assert.deepEqual(
      pick(storageClassPrinter, sc, ['Name', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion']),
      {
        Name: 'fast',
        ReclaimPolicy: 'Retain',
        VolumeBindingMode: 'WaitForFirstConsumer',
        AllowVolumeExpansion: true,
      },
    );
  });
});
