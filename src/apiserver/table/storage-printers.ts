/** Printers for storage: PersistentVolume, PersistentVolumeClaim, StorageClass. */
import { at, has, optQuantity, optStr, str, strings } from './accessors.js';
import { AGE, NAME, column } from './columns.js';
import { accessModes, age, name } from './format.js';
import type { Cell, Printer } from './types.js';

/** The legacy annotation that, when present, overrides spec.storageClassName. */
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const storageClassOf = (obj: unknown): string =>
  optStr(obj, 'metadata', 'annotations', BETA_STORAGE_CLASS_ANNOTATION) ?? str(obj, 'spec', 'storageClassName');

/** `Terminating` once a deletion is pending, else status.phase. */
const phaseOf = (obj: unknown): string =>
  at(obj, 'metadata', 'deletionTimestamp') != null ? 'Terminating' : str(obj, 'status', 'phase');

export const persistentVolumePrinter: Printer = {
  columns: [
    NAME,
    column('Capacity', 'string', 'The storage capacity of the volume.'),
    column('Access Modes', 'string', 'How the volume can be mounted: RWO, ROX, RWX, RWOP.'),
    column('Reclaim Policy', 'string', 'What happens to the volume when its claim is released.'),
    column('Status', 'string', 'The phase of the volume.'),
    column('Claim', 'string', 'The claim bound to the volume, as namespace/name.'),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', 'Why the volume is in its phase.'),
    AGE,
    column('VolumeMode', 'string', 'Whether the volume is a filesystem or a raw block device.', { priority: 1 }),
  ],
  cells(pv, now): Cell[] {
    const claim = has(pv, 'spec', 'claimRef')
      ? `${str(pv, 'spec', 'claimRef', 'namespace')}/${str(pv, 'spec', 'claimRef', 'name')}`
      : '';
    return [
      name(pv),
      optQuantity(pv, 'spec', 'capacity', 'storage') ?? '0',
      accessModes(strings(pv, 'spec', 'accessModes')),
      str(pv, 'spec', 'persistentVolumeReclaimPolicy'),
      phaseOf(pv),
      claim,
      storageClassOf(pv),
      optStr(pv, 'spec', 'volumeAttributesClassName') ?? '<unset>',
      str(pv, 'status', 'reason'),
      age(pv, now),
      optStr(pv, 'spec', 'volumeMode') ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    NAME,
    column('Status', 'string', 'The phase of the claim.'),
    column('Volume', 'string', 'The volume bound to the claim.'),
    column('Capacity', 'string', 'The capacity of the bound volume.'),
    column('Access Modes', 'string', 'How the bound volume can be mounted: RWO, ROX, RWX, RWOP.'),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE,
    column('VolumeMode', 'string', 'Whether the claim wants a filesystem or a raw block device.', { priority: 1 }),
  ],
  cells(pvc, now): Cell[] {
    const volumeName = str(pvc, 'spec', 'volumeName');
    const bound = volumeName !== '';
    return [
      name(pvc),
      phaseOf(pvc),
      volumeName,
      bound ? (optQuantity(pvc, 'status', 'capacity', 'storage') ?? '0') : '',
      bound ? accessModes(strings(pvc, 'status', 'accessModes')) : '',
      // The annotation wins, then spec.storageClassName when set.
      storageClassOf(pvc),
      optStr(pvc, 'spec', 'volumeAttributesClassName') ?? '<unset>',
      age(pvc, now),
      optStr(pvc, 'spec', 'volumeMode') ?? '<unset>',
    ];
  },
};

/** The annotations that mark the default StorageClass (GA, then beta). */
const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
] as const;

export const storageClassPrinter: Printer = {
  columns: [
    NAME,
    column('Provisioner', 'string', 'The volume plugin that provisions volumes of the class.'),
    column('ReclaimPolicy', 'string', 'The reclaim policy of volumes provisioned for the class.'),
    column('VolumeBindingMode', 'string', 'When volumes are provisioned and bound: Immediate or WaitForFirstConsumer.'),
    column('AllowVolumeExpansion', 'string', 'Whether claims of the class may be resized.'),
    AGE,
  ],
  cells(sc, now): Cell[] {
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => str(sc, 'metadata', 'annotations', a) === 'true');
    return [
      isDefault ? `${name(sc)} (default)` : name(sc),
      str(sc, 'provisioner'),
      optStr(sc, 'reclaimPolicy') ?? 'Delete',
      optStr(sc, 'volumeBindingMode') ?? 'Immediate',
      at(sc, 'allowVolumeExpansion') === true,
      age(sc, now),
    ];
  },
};
