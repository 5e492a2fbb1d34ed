/** `spec.os`: linux pods may not use Windows options; windows pods may not use Linux-only ones. */
import {
  type FieldError,
  type FieldPath,
  forbidden,
  notSupported,
  required,
} from '../../../../../machinery/field-errors.js';
import { isObj, isSet, type Obj, objects, text } from './common.js';

const WINDOWS_FORBIDDEN_POD = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'sysctls',
  'runAsUser',
  'runAsGroup',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'seLinuxChangePolicy',
];
const WINDOWS_FORBIDDEN_CONTAINER = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

/** Every container with its path: regular, init and ephemeral. */
function containersWithPaths(spec: Obj, path: FieldPath): [Obj, FieldPath][] {
  return (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((key) =>
    objects(spec[key]).map((c, i): [Obj, FieldPath] => [c, path.child(key).index(i)]),
  );
}

function linuxErrors(spec: Obj, path: FieldPath): FieldError[] {
  const message = 'windows options cannot be set for a linux pod';
  const errors: FieldError[] = [];
  if (isObj(spec.securityContext) && spec.securityContext.windowsOptions !== undefined) {
    errors.push(forbidden(path.child('securityContext', 'windowsOptions'), message));
  }
  for (const [c, at] of containersWithPaths(spec, path)) {
    if (isObj(c.securityContext) && c.securityContext.windowsOptions !== undefined) {
      errors.push(forbidden(at.child('securityContext', 'windowsOptions'), message));
    }
  }
  return errors;
}

function windowsErrors(spec: Obj, path: FieldPath): FieldError[] {
  const message = 'cannot be set for a windows pod';
  const errors: FieldError[] = [];
  const sc = isObj(spec.securityContext) ? spec.securityContext : {};
  for (const key of WINDOWS_FORBIDDEN_POD)
    if (sc[key] !== undefined) errors.push(forbidden(path.child('securityContext', key), message));
  if (spec.hostUsers !== undefined) errors.push(forbidden(path.child('hostUsers'), message));
  for (const key of ['hostPID', 'hostIPC']) if (isSet(spec[key])) errors.push(forbidden(path.child(key), message));
  if (spec.shareProcessNamespace !== undefined) errors.push(forbidden(path.child('shareProcessNamespace'), message));
  for (const [c, at] of containersWithPaths(spec, path)) {
    if (!isObj(c.securityContext)) continue;
    for (const key of WINDOWS_FORBIDDEN_CONTAINER) {
      if (c.securityContext[key] !== undefined) errors.push(forbidden(at.child('securityContext', key), message));
    }
  }
  return errors;
}

export function podOSErrors(spec: Obj, path: FieldPath): FieldError[] {
  const os = spec.os;
  if (!isObj(os)) return [];
  const name = text(os.name);
  if (name === '') return [required(path.child('os', 'name'), 'cannot be empty')];
  if (name === 'linux') return linuxErrors(spec, path);
  if (name === 'windows') return windowsErrors(spec, path);
  return [notSupported(path.child('os'), name, ['linux', 'windows'])];
}
