/** A container's ports, environment, mounts, devices and resize policy. */
import {
  duplicate,
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notFound,
  notSupported,
  required,
} from '../../../../../machinery/field-errors.js';
import {
  enumErrors,
  invalidEach,
  isObj,
  localDescendingPath,
  num,
  type Obj,
  objects,
  pathNoBacksteps,
  text,
} from './common.js';
import { ENV_FIELD_PATHS, objectFieldSelectorErrors, resourceFieldSelectorErrors } from './downward-api.js';
import { isConfigMapKey, isDNS1123Subdomain, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from './formats.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function portsErrors(ports: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  objects(ports).forEach((port, i) => {
    const at = path.index(i);
    const name = text(port.name);
    if (name !== '') {
      const messages = isValidPortName(name);
      if (messages.length > 0) errors.push(...invalidEach(at.child('name'), name, messages));
      else if (names.has(name)) errors.push(duplicate(at.child('name'), name));
      else names.add(name);
    }
    const containerPort = num(port.containerPort) ?? 0;
    if (containerPort === 0) errors.push(required(at.child('containerPort')));
    else errors.push(...invalidEach(at.child('containerPort'), containerPort, isValidPortNum(containerPort)));
    const hostPort = num(port.hostPort) ?? 0;
    if (hostPort !== 0) errors.push(...invalidEach(at.child('hostPort'), hostPort, isValidPortNum(hostPort)));
    errors.push(...enumErrors(port.protocol, PROTOCOLS, at.child('protocol')));
  });
  return errors;
}

/** Host ports must not collide (same protocol, host IP and port) within `containers`. */
export function hostPortConflicts(containers: Obj[], path: FieldPath): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  containers.forEach((container, ci) => {
    objects(container.ports).forEach((port, pi) => {
      const hostPort = num(port.hostPort) ?? 0;
      if (hostPort === 0) return;
      const key = `${text(port.protocol)}/${text(port.hostIP)}/${hostPort}`;
      if (seen.has(key)) errors.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      seen.add(key);
    });
  });
  return errors;
}

function keySelectorErrors(selector: Obj, path: FieldPath): FieldError[] {
  const errors = invalidEach(path.child('name'), text(selector.name), isDNS1123Subdomain(text(selector.name)));
  const key = text(selector.key);
  if (key === '') errors.push(required(path.child('key')));
  else errors.push(...invalidEach(path.child('key'), key, isConfigMapKey(key)));
  return errors;
}

function valueFromErrors(env: Obj, path: FieldPath): FieldError[] {
  const from = env.valueFrom;
  if (!isObj(from)) return [];
  const errors: FieldError[] = [];
  let count = 0;
  if (isObj(from.fieldRef)) {
    count++;
    errors.push(...objectFieldSelectorErrors(from.fieldRef, ENV_FIELD_PATHS, path.child('fieldRef')));
  }
  if (isObj(from.resourceFieldRef)) {
    count++;
    errors.push(...resourceFieldSelectorErrors(from.resourceFieldRef, path.child('resourceFieldRef'), false));
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = from[key];
    if (isObj(ref)) {
      count++;
      errors.push(...keySelectorErrors(ref, path.child(key)));
    }
  }
  if (isObj(from.fileKeyRef)) {
    count++;
    for (const key of ['volumeName', 'path', 'key']) {
      if (text(from.fileKeyRef[key]) === '') errors.push(required(path.child('fileKeyRef', key)));
    }
  }
  if (count === 0) {
    errors.push(
      invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'),
    );
  } else if (text(env.value) !== '') {
    errors.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (count > 1) {
    errors.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errors;
}

export function envErrors(env: unknown, path: FieldPath): FieldError[] {
  return objects(env).flatMap((ev, i) => {
    const at = path.index(i);
    const name = text(ev.name);
    const nameErrors =
      name === '' ? [required(at.child('name'))] : invalidEach(at.child('name'), name, isRelaxedEnvVarName(name));
    return [...nameErrors, ...valueFromErrors(ev, at.child('valueFrom'))];
  });
}

/** As a name prefix, a trailing dash is allowed (upstream masks it before checking). */
const maskTrailingDash = (name: string): string =>
  name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;

export function envFromErrors(envFrom: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  objects(envFrom).forEach((source, i) => {
    const at = path.index(i);
    const prefix = text(source.prefix);
    if (prefix !== '') errors.push(...invalidEach(at.child('prefix'), prefix, isRelaxedEnvVarName(prefix)));
    let count = 0;
    for (const key of ['configMapRef', 'secretRef'] as const) {
      const ref = source[key];
      if (!isObj(ref)) continue;
      count++;
      const name = text(ref.name);
      if (name === '') errors.push(required(at.child(key, 'name')));
      else errors.push(...invalidEach(at.child(key, 'name'), name, isDNS1123Subdomain(maskTrailingDash(name))));
    }
    if (count === 0) errors.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1) errors.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errors;
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RECURSIVE_READ_ONLY = ['Disabled', 'Enabled', 'IfPossible'];

export function volumeMountsErrors(container: Obj, volumes: ReadonlyMap<string, Obj>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const devices = new Map(objects(container.volumeDevices).map((d) => [text(d.name), text(d.devicePath)]));
  const devicePaths = new Set(devices.values());
  const mountPaths = new Set<string>();
  const privileged = isObj(container.securityContext) && container.securityContext.privileged === true;
  objects(container.volumeMounts).forEach((mount, i) => {
    const at = path.index(i);
    const name = text(mount.name);
    const mountPath = text(mount.mountPath);
    if (name === '') errors.push(required(at.child('name')));
    if (!volumes.has(name)) errors.push(notFound(at.child('name'), name));
    if (mountPath === '') errors.push(required(at.child('mountPath')));
    if (mountPaths.has(mountPath)) errors.push(invalid(at.child('mountPath'), mountPath, 'must be unique'));
    mountPaths.add(mountPath);
    if (devices.has(name)) errors.push(invalid(at.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath))
      errors.push(invalid(at.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = text(mount.subPath);
    const subPathExpr = text(mount.subPathExpr);
    if (isObj(volumes.get(name)?.image)) {
      if (subPath !== '') errors.push(invalid(at.child('subPath'), subPath, 'not allowed in image volume sources'));
      if (subPathExpr !== '')
        errors.push(invalid(at.child('subPathExpr'), subPathExpr, 'not allowed in image volume sources'));
    }
    if (subPath !== '') errors.push(...localDescendingPath(subPath, path.child('subPath')));
    if (subPathExpr !== '') {
      if (subPath !== '')
        errors.push(invalid(at.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errors.push(...localDescendingPath(subPathExpr, path.child('subPathExpr')));
    }
    const propagation = mount.mountPropagation;
    if (propagation !== undefined) {
      const propPath = path.child('mountPropagation');
      if (!PROPAGATIONS.includes(String(propagation))) errors.push(notSupported(propPath, propagation, PROPAGATIONS));
      if (propagation === 'Bidirectional' && !privileged) {
        errors.push(forbidden(propPath, 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    const rro = mount.recursiveReadOnly;
    if (rro !== undefined && rro !== 'Disabled') {
      const rroPath = path.child('recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (mount.readOnly !== true) errors.push(forbidden(rroPath, 'may only be specified when readOnly is true'));
        if (propagation !== undefined && propagation !== 'None') {
          errors.push(forbidden(rroPath, 'may only be specified when mountPropagation is None or not specified'));
        }
      } else errors.push(notSupported(rroPath, rro, RECURSIVE_READ_ONLY));
    }
  });
  return errors;
}

export function volumeDevicesErrors(container: Obj, volumes: ReadonlyMap<string, Obj>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const mounts = new Map(objects(container.volumeMounts).map((m) => [text(m.name), text(m.mountPath)]));
  const mountPaths = new Set(mounts.values());
  const names = new Set<string>();
  const paths = new Set<string>();
  objects(container.volumeDevices).forEach((device, i) => {
    const at = path.index(i);
    const name = text(device.name);
    const devicePath = text(device.devicePath);
    const volume = volumes.get(name);
    if (name === '') errors.push(required(at.child('name')));
    if (names.has(name)) errors.push(invalid(at.child('name'), name, 'must be unique'));
    if (volume && !isObj(volume.persistentVolumeClaim) && !isObj(volume.ephemeral)) {
      errors.push(
        invalid(
          at.child('name'),
          name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
        ),
      );
    }
    if (!volume) errors.push(notFound(at.child('name'), name));
    if (devicePath === '') errors.push(required(at.child('devicePath')));
    if (paths.has(devicePath)) errors.push(invalid(at.child('devicePath'), devicePath, 'must be unique'));
    if (devicePath !== '' && pathNoBacksteps(devicePath, at).length > 0) {
      errors.push(invalid(at.child('devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else paths.add(devicePath);
    if (mounts.has(name)) errors.push(invalid(at.child('name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath))
      errors.push(invalid(at.child('devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name !== '') names.add(name);
  });
  return errors;
}

export function resizePolicyErrors(policies: unknown, path: FieldPath, podRestartPolicy: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  objects(policies).forEach((policy, i) => {
    const name = text(policy.resourceName);
    const restart = text(policy.restartPolicy);
    if (seen.has(name)) errors.push(duplicate(path.index(i), name));
    seen.add(name);
    if (name === '') errors.push(required(path));
    else if (name !== 'cpu' && name !== 'memory') errors.push(notSupported(path, name, ['cpu', 'memory']));
    if (restart === '') errors.push(required(path));
    else if (restart !== 'NotRequired' && restart !== 'RestartContainer') {
      errors.push(notSupported(path, restart, ['NotRequired', 'RestartContainer']));
    }
    if (podRestartPolicy === 'Never' && restart !== 'NotRequired') {
      errors.push(invalid(path, restart, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errors;
}
