/** A pod's volumes: unique DNS-label names and exactly one valid source each (upstream's ValidateVolumes). */
import {
  duplicate,
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  required,
} from '../../../../../machinery/field-errors.js';
import { isObj, type Obj, objects, text } from './common.js';
import { isDNS1123Label, isDNS1123Subdomain } from './formats.js';
import { SOURCE_CHECKS, type SourceContext } from './volume-sources.js';

/** Upstream checks the sources in this order; the second one found is the one reported. */
const SOURCE_ORDER = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
] as const;

/** Where upstream's messages name a source differently from its JSON field. */
const FORBIDDEN_NAME: Record<string, string> = { cephfs: 'cephFS', downwardAPI: 'downwarAPI' };
const CHECK_NAME: Record<string, string> = { gcePersistentDisk: 'persistentDisk' };

export interface VolumesResult {
  /** The valid volumes by name (mounts may only reference these). */
  readonly volumes: Map<string, Obj>;
  readonly errors: FieldError[];
}

export interface VolumeContext extends SourceContext {
  /** The pod's name, when validating a pod: ephemeral volumes make PVCs named after it. */
  readonly podName?: string;
}

function sourceErrors(volume: Obj, path: FieldPath, ctx: VolumeContext): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const name of SOURCE_ORDER) {
    const source = volume[name];
    if (!isObj(source)) continue;
    if (count > 0) {
      errors.push(forbidden(path.child(FORBIDDEN_NAME[name] ?? name), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    errors.push(...(SOURCE_CHECKS[name]?.(source, path.child(CHECK_NAME[name] ?? name), ctx) ?? []));
    const volName = text(volume.name);
    if (
      name === 'iscsi' &&
      source.initiatorName !== undefined &&
      `${volName}:${text(source.targetPortal)}`.length > 64
    ) {
      errors.push(
        invalid(
          path.child('name'),
          volName,
          'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.',
        ),
      );
    }
    if (name === 'ephemeral' && ctx.podName && volName !== '') {
      const pvcName = `${ctx.podName}-${volName}`;
      for (const m of isDNS1123Subdomain(pvcName))
        errors.push(invalid(path.child('name'), volName, `PVC name "${pvcName}": ${m}`));
    }
  }
  if (count === 0) errors.push(required(path, 'must specify a volume type'));
  return errors;
}

/** Validates `spec.volumes` (at `path`). */
export function validateVolumes(volumes: unknown, path: FieldPath, ctx: VolumeContext): VolumesResult {
  const valid = new Map<string, Obj>();
  const errors: FieldError[] = [];
  const list = objects(volumes);
  const createdClaims = new Set(
    ctx.podName ? list.filter((v) => isObj(v.ephemeral)).map((v) => `${ctx.podName ?? ''}-${text(v.name)}`) : [],
  );
  list.forEach((volume, i) => {
    const at = path.index(i);
    const name = text(volume.name);
    const namePath = at.child('name');
    const own = sourceErrors(volume, at, ctx);
    if (name === '') own.push(required(namePath));
    else own.push(...isDNS1123Label(name).map((m) => invalid(namePath, name, m)));
    if (valid.has(name)) own.push(duplicate(namePath, name));
    if (own.length === 0) valid.set(name, volume);
    else errors.push(...own);
    const claim = isObj(volume.persistentVolumeClaim) ? text(volume.persistentVolumeClaim.claimName) : '';
    if (claim !== '' && createdClaims.has(claim)) {
      errors.push(
        invalid(
          at.child('persistentVolumeClaim', 'claimName'),
          claim,
          'must not reference a PVC that gets created for an ephemeral volume',
        ),
      );
    }
  });
  return { volumes: valid, errors };
}
