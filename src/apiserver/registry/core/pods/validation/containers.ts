/** Regular, init and ephemeral containers (upstream's validateContainers and friends). */
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
import { enumErrors, invalidEach, isSet, type Obj, objects, text } from './common.js';
import {
  envErrors,
  envFromErrors,
  hostPortConflicts,
  portsErrors,
  resizePolicyErrors,
  volumeDevicesErrors,
  volumeMountsErrors,
} from './container-fields.js';
import { isDNS1123Label } from './formats.js';
import { containerProbeErrors, lifecycleErrors, type ProbeKind } from './probes.js';
import { containerResourceNameErrors, resourceRequirementsErrors } from './resources.js';
import { containerSecurityContextErrors } from './security-context.js';

export interface ContainerContext {
  /** The pod's valid volumes by name. */
  readonly volumes: ReadonlyMap<string, Obj>;
  /** Names of the pod's resource claims. */
  readonly claimNames: ReadonlySet<string>;
  readonly gracePeriod: number | undefined;
  readonly restartPolicy: string;
  /** False when the pod runs in its own user namespace (spec.hostUsers false). */
  readonly hostUsers: boolean;
}

const PROBES: ProbeKind[] = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];

/** What every kind of container must satisfy. */
function containerCommonErrors(c: Obj, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(c.name);
  if (name === '') errors.push(required(path.child('name')));
  else errors.push(...invalidEach(path.child('name'), name, isDNS1123Label(name)));
  if (text(c.image) === '') errors.push(required(path.child('image')));
  errors.push(...enumErrors(c.terminationMessagePolicy, MESSAGE_POLICIES, path.child('terminationMessagePolicy')));
  errors.push(
    ...portsErrors(c.ports, path.child('ports')),
    ...envErrors(c.env, path.child('env')),
    ...envFromErrors(c.envFrom, path.child('envFrom')),
    ...volumeMountsErrors(c, ctx.volumes, path.child('volumeMounts')),
    ...volumeDevicesErrors(c, ctx.volumes, path.child('volumeDevices')),
  );
  const pull = c.imagePullPolicy;
  if (pull === undefined || pull === '') errors.push(required(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(String(pull)))
    errors.push(notSupported(path.child('imagePullPolicy'), pull, PULL_POLICIES));
  return [
    ...errors,
    ...resourceRequirementsErrors(c.resources, path.child('resources'), ctx.claimNames, containerResourceNameErrors),
    ...resizePolicyErrors(c.resizePolicy, path.child('resizePolicy'), ctx.restartPolicy),
    ...containerSecurityContextErrors(c.securityContext, path.child('securityContext'), ctx.hostUsers),
  ];
}

const probesAndHooks = (c: Obj, path: FieldPath, grace: number | undefined): FieldError[] => [
  ...lifecycleErrors(c.lifecycle, grace, path.child('lifecycle')),
  ...PROBES.flatMap((kind) => containerProbeErrors(kind, c[kind], grace, path.child(kind))),
];

/** `spec.containers`: at least one, unique names, no container-level restartPolicy, no host port clashes. */
export function containersErrors(containers: unknown, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const list = objects(containers);
  if (list.length === 0) return [required(path)];
  const errors: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const at = path.index(i);
    errors.push(...containerCommonErrors(c, at, ctx));
    const name = text(c.name);
    if (names.has(name)) errors.push(duplicate(at.child('name'), name));
    names.add(name);
    errors.push(...probesAndHooks(c, at, ctx.gracePeriod));
    if (c.restartPolicy !== undefined)
      errors.push(forbidden(at.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  return [...errors, ...hostPortConflicts(list, path)];
}

/** `spec.initContainers`: names unique with the regular ones; hooks and probes only for sidecars. */
export function initContainersErrors(
  containers: unknown,
  regular: unknown,
  path: FieldPath,
  ctx: ContainerContext,
): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set(objects(regular).map((c) => text(c.name)));
  objects(containers).forEach((c, i) => {
    const at = path.index(i);
    errors.push(...containerCommonErrors(c, at, ctx));
    const sidecar = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && !sidecar)
      errors.push(notSupported(at.child('restartPolicy'), c.restartPolicy, ['Always']));
    const name = text(c.name);
    if (names.has(name)) errors.push(duplicate(at.child('name'), name));
    else if (name !== '') names.add(name);
    errors.push(...hostPortConflicts([c], path));
    if (sidecar) errors.push(...probesAndHooks(c, at, ctx.gracePeriod));
    else {
      for (const key of ['lifecycle', ...PROBES]) {
        if (c[key] !== undefined)
          errors.push(forbidden(at.child(key), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errors;
}

/** Container fields an ephemeral container may not use (upstream allows a fixed list of the others). */
const NOT_FOR_EPHEMERAL = [
  'ports',
  'resources',
  'resizePolicy',
  'restartPolicy',
  'restartPolicyRules',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
];

/** `spec.ephemeralContainers`: names unique among all containers, a real target, debugging fields only. */
export function ephemeralContainersErrors(spec: Obj, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errors: FieldError[] = [];
  const others = new Set([...objects(spec.containers), ...objects(spec.initContainers)].map((c) => text(c.name)));
  const all = new Set(others);
  objects(spec.ephemeralContainers).forEach((c, i) => {
    const at = path.index(i);
    errors.push(...containerCommonErrors(c, at, ctx), ...imageWhitespaceErrors(c, at));
    const name = text(c.name);
    if (all.has(name)) errors.push(duplicate(at.child('name'), name));
    else all.add(name);
    const target = text(c.targetContainerName);
    if (target !== '' && !others.has(target)) errors.push(notFound(at.child('targetContainerName'), target));
    for (const key of NOT_FOR_EPHEMERAL) {
      if (isSet(c[key])) errors.push(forbidden(at.child(key), 'cannot be set for an Ephemeral Container'));
    }
    objects(c.volumeMounts).forEach((m, j) => {
      for (const key of ['subPath', 'subPathExpr']) {
        if (text(m[key]) !== '')
          errors.push(
            forbidden(at.child('volumeMounts').index(j).child(key), 'cannot be set for an Ephemeral Container'),
          );
      }
    });
  });
  return errors;
}

/** Pods (not templates) may not have images with surrounding whitespace. */
export function imageWhitespaceErrors(c: Obj, path: FieldPath): FieldError[] {
  const image = text(c.image);
  return image.trim() === image
    ? []
    : [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')];
}
