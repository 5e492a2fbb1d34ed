/**
 * The checks of each persistent volume source that users meet most: the fields each source requires,
 * paths without `..`, absolute NFS paths, CSI secret references with name and namespace.
 */
import {
  type FieldError,
  type FieldPath,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { list, num, type Obj, obj, optObj, text } from '../validation/json.js';
import { inclusiveRangeError } from '../validation/names.js';

/** Required fields per source, with upstream's path name for the source where it differs from the JSON name. */
const REQUIRED: Record<string, { readonly path?: string; readonly fields: readonly string[] }> = {
  gcePersistentDisk: { path: 'persistentDisk', fields: ['pdName'] },
  awsElasticBlockStore: { fields: ['volumeID'] },
  hostPath: { fields: ['path'] },
  glusterfs: { fields: ['endpoints', 'path'] },
  nfs: { fields: ['server', 'path'] },
  rbd: { fields: ['monitors', 'image'] },
  iscsi: { fields: ['targetPortal', 'iqn'] },
  cinder: { fields: ['volumeID'] },
  cephfs: { fields: ['monitors'] },
  flexVolume: { fields: ['driver'] },
  azureFile: { fields: ['secretName', 'shareName'] },
  vsphereVolume: { fields: ['volumePath'] },
  quobyte: { fields: ['registry', 'volume'] },
  azureDisk: { fields: ['diskName', 'diskURI'] },
  photonPersistentDisk: { fields: ['pdID'] },
  portworxVolume: { fields: ['volumeID'] },
  scaleIO: { fields: ['gateway', 'system', 'volumeName'] },
  local: { fields: ['path'] },
  csi: { fields: ['driver', 'volumeHandle'] },
};

const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];
const CSI_SECRET_REFS = [
  'controllerPublishSecretRef',
  'nodeStageSecretRef',
  'nodePublishSecretRef',
  'controllerExpandSecretRef',
  'nodeExpandSecretRef',
];

const isEmpty = (v: unknown): boolean => (Array.isArray(v) ? v.length === 0 : text(v) === '');

function noBacksteps(value: string, path: FieldPath): FieldError[] {
  return value.split(/[\\/]/).includes('..') ? [invalid(path, value, "must not contain '..'")] : [];
}

function validateCSI(csi: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  for (const ref of CSI_SECRET_REFS) {
    const secret = optObj(csi[ref]);
    if (secret === undefined) continue;
    if (text(secret.name) === '') errors.push(required(path.child(ref, 'name'), `${ref}.name can not be empty`));
    if (text(secret.namespace) === '')
      errors.push(required(path.child(ref, 'namespace'), `${ref}.namespace can not be empty`));
  }
  return errors;
}

function validatePartition(source: Obj, path: FieldPath): FieldError[] {
  const partition = num(source.partition);
  return partition < 0 || partition > 255
    ? [invalid(path.child('partition'), partition, inclusiveRangeError(1, 255))]
    : [];
}

/** The errors of the source `name` at `spec.<name>`. */
export function validateSource(name: string, value: unknown, spec: FieldPath): FieldError[] {
  const source = obj(value);
  const rule = REQUIRED[name];
  const path = spec.child(rule?.path ?? name);
  const errors: FieldError[] = [];
  for (const field of rule?.fields ?? []) if (isEmpty(source[field])) errors.push(required(path.child(field)));
  switch (name) {
    case 'hostPath': {
      errors.push(...noBacksteps(text(source.path), path.child('path')));
      const type = text(source.type);
      if (!HOST_PATH_TYPES.includes(type)) errors.push(notSupported(path.child('type'), type, HOST_PATH_TYPES));
      break;
    }
    case 'local':
      errors.push(...noBacksteps(text(source.path), path.child('path')));
      break;
    case 'nfs':
      if (text(source.path) !== '' && !text(source.path).startsWith('/')) {
        errors.push(invalid(path.child('path'), text(source.path), 'must be an absolute path'));
      }
      break;
    case 'gcePersistentDisk':
    case 'awsElasticBlockStore':
      errors.push(...validatePartition(source, path));
      break;
    case 'fc': {
      const wwns = list(source.targetWWNs);
      const wwids = list(source.wwids);
      if (wwns.length === 0 && wwids.length === 0) {
        errors.push(required(path.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
      }
      if (wwns.length > 0 && wwids.length > 0) {
        errors.push(
          invalid(path.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'),
        );
      }
      break;
    }
    case 'csi':
      errors.push(...validateCSI(source, path));
      break;
  }
  return errors;
}
