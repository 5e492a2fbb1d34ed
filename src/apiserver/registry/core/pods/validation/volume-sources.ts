/** Checks of the individual volume sources (upstream's validate<Source>VolumeSource). */
import {
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
} from '../../../../../machinery/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, inclusiveRangeError } from './formats.js';
import { downwardAPIFileErrors } from './downward-api.js';
import {
  fileModeErrors,
  invalidEach,
  isObj,
  localDescendingPath,
  localNonReservedPath,
  num,
  type Obj,
  objects,
  pathNoBacksteps,
  strings,
  text,
} from './common.js';

export interface SourceContext {
  /** The pod is being validated (not a template): some sources need more. */
  readonly isPod: boolean;
  /** The pod has a service account (projected tokens need one). */
  readonly hasServiceAccount: boolean;
}

type Check = (source: Obj, path: FieldPath, ctx: SourceContext) => FieldError[];

const requireText = (source: Obj, key: string, path: FieldPath, detail = ''): FieldError[] =>
  text(source[key]) === '' ? [required(path.child(key), detail)] : [];

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

function keyToPathErrors(items: unknown, path: FieldPath): FieldError[] {
  return objects(items).flatMap((kp, i) => {
    const at = path.index(i);
    return [
      ...requireText(kp, 'key', at),
      ...requireText(kp, 'path', at),
      ...localNonReservedPath(text(kp.path), at.child('path')),
      ...fileModeErrors(kp.mode, at.child('mode')),
    ];
  });
}

const partitionErrors = (source: Obj, path: FieldPath): FieldError[] => {
  const p = num(source.partition) ?? 0;
  return p < 0 || p > 255 ? [invalid(path.child('partition'), p, inclusiveRangeError(1, 255))] : [];
};

function iqnErrors(value: string, path: FieldPath, detail: string): FieldError[] {
  if (!/^(iqn|eui|naa)/.test(value)) return [invalid(path, value, detail)];
  const formats: Record<string, RegExp> = {
    iqn: /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\s]+)$/,
    eui: /^eui.[A-Za-z0-9]{16}$/,
    naa: /^naa.[A-Za-z0-9]{32}$/,
  };
  return formats[value.slice(0, 3)]?.test(value) ? [] : [invalid(path, value, 'must be valid format')];
}

function projectedErrors(source: Obj, path: FieldPath, ctx: SourceContext): FieldError[] {
  const errors = fileModeErrors(source.defaultMode, path.child('defaultMode'));
  const paths = new Set<string>();
  const claim = (p: string, badValue: unknown): void => {
    if (p === '') return;
    if (paths.has(p)) errors.push(invalid(path, badValue, 'conflicting duplicate paths'));
    paths.add(p);
  };
  objects(source.sources).forEach((src, i) => {
    const at = path.child('sources').index(i);
    let count = 0;
    for (const key of ['secret', 'configMap'] as const) {
      const ref = src[key];
      if (!isObj(ref)) continue;
      count++;
      errors.push(...requireText(ref, 'name', at.child(key)), ...keyToPathErrors(ref.items, at.child(key, 'items')));
      for (const kp of objects(ref.items)) claim(text(kp.path), text(ref.name));
    }
    if (isObj(src.downwardAPI)) {
      count++;
      for (const file of objects(src.downwardAPI.items)) {
        errors.push(...downwardAPIFileErrors(file, at.child('downwardAPI')));
        claim(text(file.path), text(file.path));
      }
    }
    const token = src.serviceAccountToken;
    if (isObj(token)) {
      count++;
      const seconds = num(token.expirationSeconds) ?? 0;
      const secondsPath = at.child('serviceAccountToken', 'expirationSeconds');
      if (seconds < 600) errors.push(invalid(secondsPath, seconds, 'may not specify a duration less than 10 minutes'));
      if (seconds > 2 ** 32)
        errors.push(invalid(secondsPath, seconds, 'may not specify a duration larger than 2^32 seconds'));
      if (text(token.path) === '') errors.push(required(path.child('path')));
      else errors.push(...localNonReservedPath(text(token.path), path.child('path')));
      if (ctx.isPod && !ctx.hasServiceAccount) {
        errors.push(
          forbidden(at.child('serviceAccountToken'), 'must not be specified when serviceAccountName is not set'),
        );
      }
    }
    const bundle = src.clusterTrustBundle;
    if (isObj(bundle)) {
      count++;
      const bundlePath = at.child('clusterTrustBundle');
      if (bundle.name !== undefined && bundle.signerName !== undefined) {
        errors.push(invalid(bundlePath, bundle, 'only one of name and signerName may be used'));
      } else if (bundle.name === undefined && bundle.signerName === undefined) {
        errors.push(required(bundlePath, 'either name or signerName must be specified'));
      }
      errors.push(
        ...requireText(bundle, 'path', bundlePath),
        ...localNonReservedPath(text(bundle.path), bundlePath.child('path')),
      );
      claim(text(bundle.path), text(bundle.path));
    }
    if (isObj(src.podCertificate)) count++;
    if (count > 1) errors.push(forbidden(at, 'may not specify more than 1 volume type per source'));
  });
  return errors;
}

/** Each source's own checks, keyed by its JSON field name. */
export const SOURCE_CHECKS: Record<string, Check> = {
  emptyDir: (s, p) => {
    const limit = s.sizeLimit;
    return typeof limit === 'string' && limit.startsWith('-')
      ? [forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity')]
      : [];
  },
  hostPath: (s, p) => {
    if (text(s.path) === '') return [required(p.child('path'))];
    const type = s.type;
    return [
      ...pathNoBacksteps(text(s.path), p.child('path')),
      ...(type !== undefined && !HOST_PATH_TYPES.includes(String(type))
        ? [notSupported(p.child('type'), type, HOST_PATH_TYPES)]
        : []),
    ];
  },
  gitRepo: (s, p) => [
    ...requireText(s, 'repository', p),
    ...localDescendingPath(text(s.directory), p.child('directory')),
  ],
  gcePersistentDisk: (s, p) => [...requireText(s, 'pdName', p), ...partitionErrors(s, p)],
  awsElasticBlockStore: (s, p) => [...requireText(s, 'volumeID', p), ...partitionErrors(s, p)],
  secret: (s, p) => [
    ...requireText(s, 'secretName', p),
    ...fileModeErrors(s.defaultMode, p.child('defaultMode')),
    ...keyToPathErrors(s.items, p.child('items')),
  ],
  nfs: (s, p) => [
    ...requireText(s, 'server', p),
    ...requireText(s, 'path', p),
    ...(text(s.path).startsWith('/') ? [] : [invalid(p.child('path'), text(s.path), 'must be an absolute path')]),
  ],
  iscsi: (s, p) => {
    const errors = [...requireText(s, 'targetPortal', p), ...requireText(s, 'iqn', p)];
    const iqn = text(s.iqn);
    if (iqn !== '')
      errors.push(...iqnErrors(iqn, p.child('iqn'), 'must be valid format starting with iqn, eui, or naa'));
    const lun = num(s.lun) ?? 0;
    if (lun < 0 || lun > 255) errors.push(invalid(p.child('lun'), lun, inclusiveRangeError(0, 255)));
    if ((s.chapAuthDiscovery === true || s.chapAuthSession === true) && !isObj(s.secretRef))
      errors.push(required(p.child('secretRef')));
    if (typeof s.initiatorName === 'string') {
      errors.push(
        ...iqnErrors(s.initiatorName, p.child('initiatorname'), 'must be valid format starting with iqn, eui, or naa'),
      );
    }
    return errors;
  },
  glusterfs: (s, p) => [...requireText(s, 'endpoints', p), ...requireText(s, 'path', p)],
  flocker: (s, p) => {
    const errors: FieldError[] = [];
    const name = text(s.datasetName);
    const uuid = text(s.datasetUUID);
    if (name === '' && uuid === '') errors.push(required(p, 'one of datasetName and datasetUUID is required'));
    if (name !== '' && uuid !== '')
      errors.push(invalid(p, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
    if (name.includes('/')) errors.push(invalid(p.child('datasetName'), name, "must not contain '/'"));
    return errors;
  },
  persistentVolumeClaim: (s, p) => requireText(s, 'claimName', p),
  rbd: (s, p) => [
    ...(strings(s.monitors).length === 0 ? [required(p.child('monitors'))] : []),
    ...requireText(s, 'image', p),
  ],
  cinder: (s, p) => [
    ...requireText(s, 'volumeID', p),
    ...(isObj(s.secretRef) ? requireText(s.secretRef, 'name', p.child('secretRef')) : []),
  ],
  cephfs: (s, p) => (strings(s.monitors).length === 0 ? [required(p.child('monitors'))] : []),
  quobyte: (s, p) => {
    if (text(s.registry) === '') {
      return [
        required(p.child('registry'), 'must be a host:port pair or multiple pairs separated by commas'),
        ...requireText(s, 'volume', p),
      ];
    }
    const badPair = text(s.registry)
      .split(',')
      .some((pair) => !pair.includes(':'));
    return [
      ...(badPair
        ? [invalid(p.child('registry'), s.registry, 'must be a host:port pair or multiple pairs separated by commas')]
        : []),
      ...requireText(s, 'volume', p),
    ];
  },
  downwardAPI: (s, p) => [
    ...fileModeErrors(s.defaultMode, p.child('defaultMode')),
    ...objects(s.items).flatMap((file) => downwardAPIFileErrors(file, p)),
  ],
  fc: (s, p) => {
    const wwns = strings(s.targetWWNs);
    const wwids = strings(s.wwids);
    const errors: FieldError[] = [];
    if (wwns.length === 0 && wwids.length === 0) {
      errors.push(required(p.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
    }
    if (wwns.length > 0 && wwids.length > 0) {
      errors.push(invalid(p.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
    }
    if (wwns.length > 0) {
      const lun = num(s.lun);
      if (lun === undefined) errors.push(required(p.child('lun'), 'lun is required if targetWWNs is specified'));
      else if (lun < 0 || lun > 255) errors.push(invalid(p.child('lun'), lun, inclusiveRangeError(0, 255)));
    }
    return errors;
  },
  flexVolume: (s, p) => requireText(s, 'driver', p),
  configMap: (s, p) => [
    ...requireText(s, 'name', p),
    ...fileModeErrors(s.defaultMode, p.child('defaultMode')),
    ...keyToPathErrors(s.items, p.child('items')),
  ],
  azureFile: (s, p) => [...requireText(s, 'secretName', p), ...requireText(s, 'shareName', p)],
  vsphereVolume: (s, p) => requireText(s, 'volumePath', p),
  photonPersistentDisk: (s, p) => requireText(s, 'pdID', p),
  portworxVolume: (s, p) => requireText(s, 'volumeID', p),
  azureDisk: (s, p) => {
    const errors = [...requireText(s, 'diskName', p), ...requireText(s, 'diskURI', p)];
    const modes = ['None', 'ReadOnly', 'ReadWrite'];
    const kinds = ['Dedicated', 'Managed', 'Shared'];
    if (s.cachingMode !== undefined && !modes.includes(String(s.cachingMode))) {
      errors.push(notSupported(p.child('cachingMode'), s.cachingMode, modes));
    }
    if (s.kind !== undefined && !kinds.includes(String(s.kind)))
      errors.push(notSupported(p.child('kind'), s.kind, kinds));
    return errors;
  },
  storageos: (s, p) => {
    const errors = requireText(s, 'volumeName', p);
    if (text(s.volumeName) !== '')
      errors.push(...invalidEach(p.child('volumeName'), s.volumeName, isDNS1123Label(text(s.volumeName))));
    if (text(s.volumeNamespace) !== '') {
      errors.push(
        ...invalidEach(p.child('volumeNamespace'), s.volumeNamespace, isDNS1123Label(text(s.volumeNamespace))),
      );
    }
    if (isObj(s.secretRef)) errors.push(...requireText(s.secretRef, 'name', p.child('secretRef')));
    return errors;
  },
  projected: projectedErrors,
  scaleIO: (s, p) => [
    ...requireText(s, 'gateway', p),
    ...requireText(s, 'system', p),
    ...requireText(s, 'volumeName', p),
  ],
  csi: (s, p) => {
    const driver = text(s.driver);
    const errors = driver === '' ? [required(p.child('driver'))] : [];
    if (driver.length > 63) errors.push(tooLong(p.child('driver'), '', 63));
    errors.push(...invalidEach(p.child('driver'), driver, isDNS1123Subdomain(driver.toLowerCase())));
    if (isObj(s.nodePublishSecretRef)) {
      const name = text(s.nodePublishSecretRef.name);
      if (name === '') errors.push(required(p.child('nodePublishSecretRef', 'name')));
      else errors.push(...invalidEach(p.child('name'), name, isDNS1123Subdomain(name)));
    }
    return errors;
  },
  ephemeral: (s, p) =>
    isObj(s.volumeClaimTemplate)
      ? claimTemplateErrors(s.volumeClaimTemplate, p.child('volumeClaimTemplate'))
      : [required(p.child('volumeClaimTemplate'))],
  image: (s, p, ctx) => {
    const errors = ctx.isPod ? requireText(s, 'reference', p) : [];
    const policies = ['Always', 'IfNotPresent', 'Never'];
    if (text(s.pullPolicy) === '') errors.push(required(p.child('pullPolicy')));
    else if (!policies.includes(text(s.pullPolicy)))
      errors.push(notSupported(p.child('pullPolicy'), s.pullPolicy, policies));
    return errors;
  },
};

/** The essentials of a PersistentVolumeClaimTemplate (the claim's own strategy checks the rest). */
function claimTemplateErrors(template: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const meta = isObj(template.metadata) ? template.metadata : {};
  for (const key of Object.keys(meta)) {
    if (key !== 'labels' && key !== 'annotations') errors.push(forbidden(path.child('metadata', key), 'cannot be set'));
  }
  const spec = isObj(template.spec) ? template.spec : {};
  const specPath = path.child('spec');
  if (strings(spec.accessModes).length === 0)
    errors.push(required(specPath.child('accessModes'), 'at least 1 access mode is required'));
  const requests = isObj(spec.resources) && isObj(spec.resources.requests) ? spec.resources.requests : {};
  if (requests.storage === undefined) errors.push(required(specPath.child('resources').key('storage')));
  return errors;
}
