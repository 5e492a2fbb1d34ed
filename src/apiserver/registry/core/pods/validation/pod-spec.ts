/** PodSpec validation (upstream's ValidatePodSpec), for pods and for templates embedded in other kinds. */
import {
  duplicate,
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  required,
} from '../../../../../machinery/field-errors.js';
import { affinityErrors } from './affinity.js';
import { enumErrors, invalidEach, isObj, labelsErrors, num, type Obj, objects, text } from './common.js';
import {
  containersErrors,
  type ContainerContext,
  ephemeralContainersErrors,
  initContainersErrors,
} from './containers.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain } from './formats.js';
import { podOSErrors } from './pod-os.js';
import { containerResourceNameErrors, podResourceNameErrors, resourceRequirementsErrors } from './resources.js';
import {
  dnsConfigErrors,
  hostAliasesErrors,
  readinessGatesErrors,
  schedulingGatesErrors,
  tolerationsErrors,
  topologySpreadErrors,
} from './scheduling.js';
import { podSecurityContextErrors } from './security-context.js';
import { validateVolumes } from './volumes.js';

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template): hostPort must equal containerPort under hostNetwork, etc. */
  readonly isPod: boolean;
  /** The pod's name (ephemeral volumes name their claims after it). */
  readonly podName?: string;
}

const MAX_INT32 = 2147483647;

function resourceClaimsErrors(claims: unknown, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  objects(claims).forEach((claim, i) => {
    const at = path.index(i);
    const name = text(claim.name);
    if (name === '') errors.push(required(at.child('name')));
    else if (names.has(name)) errors.push(duplicate(at.child('name'), name));
    else {
      errors.push(...invalidEach(at.child('name'), name, isDNS1123Label(name)));
      names.add(name);
    }
    const byName = claim.resourceClaimName;
    const byTemplate = claim.resourceClaimTemplateName;
    if (byName !== undefined && byTemplate !== undefined) {
      errors.push(
        invalid(at, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'),
      );
    }
    if (byName === undefined && byTemplate === undefined) {
      errors.push(invalid(at, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    }
    for (const [key, value] of [
      ['resourceClaimName', byName],
      ['resourceClaimTemplateName', byTemplate],
    ] as const) {
      if (typeof value === 'string') errors.push(...invalidEach(at.child(key), value, isDNS1123Subdomain(value)));
    }
  });
  return errors;
}

/** Under hostNetwork, hostPort must equal containerPort (templates may leave it 0 for the pod to default). */
function hostNetworkErrors(spec: Obj, path: FieldPath, isPod: boolean): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  return objects(spec.containers).flatMap((c, i) =>
    objects(c.ports).flatMap((port, j) => {
      const hostPort = num(port.hostPort) ?? 0;
      const ok = (!isPod && hostPort === 0) || hostPort === num(port.containerPort);
      const at = path.child('containers').index(i).child('ports').index(j).child('hostPort');
      return ok ? [] : [invalid(at, hostPort, 'must match `containerPort` when `hostNetwork` is true')];
    }),
  );
}

/** Host namespaces cannot be combined with a pod's own user namespace. */
function hostUsersErrors(spec: Obj, path: FieldPath): FieldError[] {
  if (spec.hostUsers !== false) return [];
  const message = 'when `pod.Spec.HostUsers` is false';
  return [
    ...(spec.hostNetwork === true ? [forbidden(path.child('hostNetwork'), message)] : []),
    ...(spec.hostPID === true ? [forbidden(path.child('HostPID'), message)] : []),
    ...(spec.hostIPC === true ? [forbidden(path.child('HostIPC'), message)] : []),
  ];
}

const nameErrors = (spec: Obj, key: string, path: FieldPath, check: (v: string) => string[]): FieldError[] => {
  const value = text(spec[key]);
  return value === '' ? [] : invalidEach(path.child(key), value, check(value));
};

/** Validates a PodSpec at `path` (`spec`, or `spec.template.spec` in workloads). */
export function podSpecErrors(specValue: unknown, path: FieldPath, options: PodSpecOptions): FieldError[] {
  const spec = isObj(specValue) ? specValue : {};
  const restartPolicy = text(spec.restartPolicy ?? 'Always');
  const dnsPolicy = text(spec.dnsPolicy ?? 'ClusterFirst');
  const gracePeriod = num(spec.terminationGracePeriodSeconds ?? 30);
  const { volumes, errors } = validateVolumes(spec.volumes, path.child('volumes'), {
    isPod: options.isPod,
    hasServiceAccount: text(spec.serviceAccountName) !== '',
    ...(options.podName === undefined ? {} : { podName: options.podName }),
  });
  const claimNames = new Set(
    objects(spec.resourceClaims)
      .map((c) => text(c.name))
      .filter((n) => n !== ''),
  );
  const ctx: ContainerContext = {
    volumes,
    claimNames,
    gracePeriod,
    restartPolicy,
    hostUsers: spec.hostUsers !== false,
  };
  errors.push(
    ...resourceClaimsErrors(spec.resourceClaims, path.child('resourceClaims')),
    ...containersErrors(spec.containers, path.child('containers'), ctx),
    ...initContainersErrors(spec.initContainers, spec.containers, path.child('initContainers'), ctx),
    ...ephemeralContainersErrors(spec, path.child('ephemeralContainers'), ctx),
  );
  if (isObj(spec.resources)) {
    if (spec.resources.claims !== undefined)
      errors.push(forbidden(path.child('resources', 'claims'), 'claims cannot be set for Resources at pod-level'));
    errors.push(
      ...resourceRequirementsErrors(
        { ...spec.resources, claims: undefined },
        path.child('resources'),
        claimNames,
        podResourceNameErrors,
      ),
    );
  }
  errors.push(
    ...hostNetworkErrors(spec, path, options.isPod),
    ...enumErrors(restartPolicy, ['Always', 'OnFailure', 'Never'], path.child('restartPolicy')),
    ...enumErrors(dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], path.child('dnsPolicy')),
    ...labelsErrors(spec.nodeSelector, path.child('nodeSelector')),
    ...podSecurityContextErrors(spec.securityContext, spec, path.child('securityContext')),
    ...affinityErrors(spec.affinity, path.child('affinity')),
    ...dnsConfigErrors(spec.dnsConfig, dnsPolicy, path.child('dnsConfig')),
    ...readinessGatesErrors(spec.readinessGates, path.child('readinessGates')),
    ...schedulingGatesErrors(spec.schedulingGates, path.child('schedulingGates')),
    ...topologySpreadErrors(spec.topologySpreadConstraints, path.child('topologySpreadConstraints')),
    ...hostUsersErrors(spec, path),
    ...nameErrors(spec, 'serviceAccountName', path, isDNS1123Subdomain),
    ...nameErrors(spec, 'nodeName', path, isDNS1123Subdomain),
  );
  const deadline = num(spec.activeDeadlineSeconds);
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errors.push(invalid(path.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  errors.push(
    ...nameErrors(spec, 'hostname', path, isDNS1123Label),
    ...nameErrors(spec, 'subdomain', path, isDNS1123Label),
    ...tolerationsErrors(spec.tolerations, path.child('tolerations')),
    ...hostAliasesErrors(spec.hostAliases, path.child('hostAliases')),
    ...nameErrors(spec, 'priorityClassName', path, isDNS1123Subdomain),
  );
  if (typeof spec.runtimeClassName === 'string') {
    errors.push(
      ...invalidEach(path.child('runtimeClassName'), spec.runtimeClassName, isDNS1123Subdomain(spec.runtimeClassName)),
    );
  }
  if (spec.preemptionPolicy !== undefined) {
    errors.push(
      ...enumErrors(spec.preemptionPolicy, ['PreemptLowerPriority', 'Never'], path.child('preemptionPolicy')),
    );
  }
  if (isObj(spec.overhead)) {
    errors.push(
      ...resourceRequirementsErrors(
        { limits: spec.overhead },
        path.child('overhead'),
        claimNames,
        containerResourceNameErrors,
      ),
    );
  }
  return [...errors, ...podOSErrors(spec, path)];
}
