/** Pod and container security contexts: ids, profiles, sysctls, privilege escalation. */
import {
  duplicate,
  type FieldError,
  type FieldPath,
  invalid,
  notSupported,
  required,
  tooLong,
} from '../../../../../machinery/field-errors.js';
import {
  enumErrors,
  invalidEach,
  isObj,
  localDescendingPath,
  num,
  type Obj,
  objects,
  strings,
  text,
} from './common.js';
import { isValidID } from './formats.js';

const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

function idErrors(sc: Obj, keys: string[], path: FieldPath): FieldError[] {
  return keys.flatMap((key) => {
    const id = num(sc[key]);
    return id === undefined ? [] : invalidEach(path.child(key), id, isValidID(id));
  });
}

function seccompErrors(profile: unknown, path: FieldPath): FieldError[] {
  if (!isObj(profile)) return [];
  const errors: FieldError[] = [];
  const type = text(profile.type);
  if (type === '') errors.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!PROFILE_TYPES.includes(type)) errors.push(notSupported(path.child('type'), type, PROFILE_TYPES));
  if (type === 'Localhost') {
    if (profile.localhostProfile === undefined) {
      errors.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    } else errors.push(...localDescendingPath(text(profile.localhostProfile), path.child('localhostProfile')));
  } else if (profile.localhostProfile !== undefined) {
    errors.push(invalid(path.child('localhostProfile'), profile, 'can only be set when seccomp type is Localhost'));
  }
  return errors;
}

function appArmorErrors(profile: unknown, path: FieldPath): FieldError[] {
  if (!isObj(profile)) return [];
  const type = text(profile.type);
  const local = profile.localhostProfile;
  switch (type) {
    case 'Localhost': {
      const at = path.child('localhostProfile');
      if (typeof local !== 'string') return [required(at, 'must be set when AppArmor type is Localhost')];
      const errors: FieldError[] = [];
      if (local.trim() !== local) errors.push(invalid(at, local, 'must not be padded with whitespace'));
      else if (local === '') errors.push(required(at, 'must be set when AppArmor type is Localhost'));
      if (local.length > 4095) errors.push(tooLong(at, '', 4095));
      return errors;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      return local === undefined
        ? []
        : [invalid(path.child('localhostProfile'), local, 'can only be set when AppArmor type is Localhost')];
    case '':
      return [required(path.child('type'), 'type is required when appArmorProfile is set')];
    default:
      return [notSupported(path.child('type'), type, PROFILE_TYPES)];
  }
}

function windowsOptionsErrors(options: unknown, path: FieldPath): FieldError[] {
  if (!isObj(options)) return [];
  const errors: FieldError[] = [];
  if (options.gmsaCredentialSpec === '') {
    errors.push(invalid(path.child('gmsaCredentialSpec'), '', 'gmsaCredentialSpec cannot be an empty string'));
  }
  if (options.runAsUserName === '')
    errors.push(invalid(path.child('runAsUserName'), '', 'runAsUserName cannot be an empty string'));
  return errors;
}

/** A container's securityContext. `hostUsers` is the pod's (true unless spec.hostUsers is false). */
export function containerSecurityContextErrors(sc: unknown, path: FieldPath, hostUsers: boolean): FieldError[] {
  if (!isObj(sc)) return [];
  const errors = idErrors(sc, ['runAsUser', 'runAsGroup'], path);
  if (sc.procMount !== undefined) {
    errors.push(...enumErrors(sc.procMount, ['Default', 'Unmasked'], path.child('procMount')));
    if (hostUsers && sc.procMount === 'Unmasked') {
      errors.push(invalid(path.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
    }
  }
  errors.push(...seccompErrors(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      errors.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    }
    const added = isObj(sc.capabilities) ? strings(sc.capabilities.add) : [];
    if (added.includes('CAP_SYS_ADMIN')) {
      errors.push(
        invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'),
      );
    }
  }
  return [
    ...errors,
    ...windowsOptionsErrors(sc.windowsOptions, path.child('windowsOptions')),
    ...appArmorErrors(sc.appArmorProfile, path.child('appArmorProfile')),
  ];
}

const SYSCTL_RE = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SYSCTL_MESSAGE = `must have at most 253 characters and match regex ${SYSCTL_RE.source}`;
const NET_SYSCTL = /^net\./;
const IPC_SYSCTL = /^(kernel\.(shm|msg|sem)|fs\.mqueue\.)/;

/** The pod's securityContext (hostNetwork/hostIPC come from the PodSpec, where v1 keeps them). */
export function podSecurityContextErrors(sc: unknown, spec: Obj, path: FieldPath): FieldError[] {
  if (!isObj(sc)) return [];
  const errors = idErrors(sc, ['fsGroup', 'runAsUser', 'runAsGroup'], path);
  (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((gid, i) => {
    if (typeof gid === 'number')
      errors.push(...invalidEach(path.child('supplementalGroups').index(i), gid, isValidID(gid)));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errors.push(
      invalid(path.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'),
    );
  }
  const names = new Set<string>();
  objects(sc.sysctls).forEach((sysctl, i) => {
    const at = path.child('sysctls').index(i).child('name');
    const name = text(sysctl.name);
    if (name === '') errors.push(required(at));
    else if (name.length > 253 || !SYSCTL_RE.test(name)) errors.push(invalid(at, name, SYSCTL_MESSAGE));
    else if (names.has(name)) errors.push(duplicate(at, name));
    if (spec.hostNetwork === true && NET_SYSCTL.test(name))
      errors.push(invalid(at, name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC === true && IPC_SYSCTL.test(name))
      errors.push(invalid(at, name, "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  if (sc.fsGroupChangePolicy !== undefined) {
    errors.push(
      ...enumErrors(sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch'], path.child('fsGroupChangePolicy'), false),
    );
  }
  if (sc.supplementalGroupsPolicy !== undefined) {
    errors.push(
      ...enumErrors(sc.supplementalGroupsPolicy, ['Merge', 'Strict'], path.child('supplementalGroupsPolicy'), false),
    );
  }
  if (sc.seLinuxChangePolicy !== undefined) {
    errors.push(
      ...enumErrors(sc.seLinuxChangePolicy, ['MountOption', 'Recursive'], path.child('seLinuxChangePolicy'), false),
    );
  }
  return [
    ...errors,
    ...seccompErrors(sc.seccompProfile, path.child('seccompProfile')),
    ...windowsOptionsErrors(sc.windowsOptions, path.child('windowsOptions')),
    ...appArmorErrors(sc.appArmorProfile, path.child('appArmorProfile')),
  ];
}
