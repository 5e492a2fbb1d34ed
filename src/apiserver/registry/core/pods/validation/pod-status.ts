/** Pod status updates (upstream's ValidatePodStatusUpdate): what a kubelet or controller may report. */
import { duplicate, type FieldError, FieldPath, forbidden, invalid } from '../../../../../machinery/field-errors.js';
import { invalidEach, isObj, type Obj, objects, text } from './common.js';
import { isDNS1123Subdomain, isQualifiedName, isValidIP } from './formats.js';

const STATUS = FieldPath.root('status');
const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

const statusOf = (pod: Obj): Obj => (isObj(pod.status) ? pod.status : {});
const specOf = (pod: Obj): Obj => (isObj(pod.spec) ? pod.spec : {});

/** Terminated containers stay terminated unless the restart policy brings them back. */
function stateTransitionErrors(
  now: unknown,
  before: unknown,
  path: FieldPath,
  restartPolicy: string,
  restartable: Set<string>,
): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errors: FieldError[] = [];
  objects(before).forEach((old, i) => {
    const terminated = isObj(old.state) && isObj(old.state.terminated) ? old.state.terminated : undefined;
    if (!terminated) return;
    if (terminated.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    if (restartable.has(text(old.name))) return;
    for (const status of objects(now)) {
      const stillTerminated = isObj(status.state) && isObj(status.state.terminated);
      if (status.name === old.name && !stillTerminated) {
        errors.push(forbidden(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
      }
    }
  });
  return errors;
}

function ipListErrors(ips: unknown, path: FieldPath): FieldError[] {
  const list = objects(ips).map((entry) => text(entry.ip));
  const errors = list.flatMap((ip, i) => invalidEach(path.index(i), ip, isValidIP(ip)));
  if (list.length > 1) {
    const families = new Set(list.map((ip) => (ip.includes(':') ? 6 : 4)));
    if (families.size !== list.length || list.length > 2) {
      errors.push(invalid(path, objects(ips), 'may specify no more than one IP for each IP family'));
    }
    const seen = new Set<string>();
    list.forEach((ip, i) => {
      if (seen.has(ip)) errors.push(duplicate(path.index(i), objects(ips)[i]));
      seen.add(ip);
    });
  }
  return errors;
}

/** Field errors of a status update. */
export function podStatusUpdateErrors(pod: Obj, old: Obj): FieldError[] {
  const status = statusOf(pod);
  const oldStatus = statusOf(old);
  const spec = specOf(pod);
  const oldSpec = specOf(old);
  const errors: FieldError[] = [];
  objects(status.conditions).forEach((c, i) => {
    const type = text(c.type);
    if (!SYSTEM_CONDITIONS.has(type)) {
      errors.push(
        ...invalidEach(
          FieldPath.root('metadata').child('conditions').index(i).child('Type'),
          type,
          isQualifiedName(type),
        ),
      );
    }
  });
  if (text(spec.nodeName) !== text(oldSpec.nodeName))
    errors.push(forbidden(STATUS.child('nodeName'), 'may not be changed directly'));
  const nominated = text(status.nominatedNodeName);
  if (nominated !== '' && nominated !== text(oldStatus.nominatedNodeName)) {
    errors.push(...invalidEach(STATUS.child('nominatedNodeName'), nominated, isDNS1123Subdomain(nominated)));
  }
  if (text(status.qosClass) !== text(oldStatus.qosClass))
    errors.push(invalid(STATUS.child('qosClass'), text(status.qosClass), 'field is immutable'));
  const restartPolicy = text(oldSpec.restartPolicy);
  const sidecars = new Set(
    objects(oldSpec.initContainers)
      .filter((c) => c.restartPolicy === 'Always')
      .map((c) => text(c.name)),
  );
  errors.push(
    ...stateTransitionErrors(
      status.containerStatuses,
      oldStatus.containerStatuses,
      STATUS.child('containerStatuses'),
      restartPolicy,
      new Set(),
    ),
    ...stateTransitionErrors(
      status.initContainerStatuses,
      oldStatus.initContainerStatuses,
      STATUS.child('initContainerStatuses'),
      restartPolicy,
      sidecars,
    ),
    ...stateTransitionErrors(
      status.ephemeralContainerStatuses,
      oldStatus.ephemeralContainerStatuses,
      STATUS.child('ephemeralContainerStatuses'),
      'Never',
      new Set(),
    ),
    ...ipListErrors(status.podIPs, STATUS.child('podIPs')),
  );
  const hostIPs = objects(status.hostIPs);
  if (hostIPs.length > 0) {
    const first = text(hostIPs[0]?.ip);
    if (first !== text(status.hostIP))
      errors.push(invalid(STATUS.child('hostIPs').index(0).child('ip'), first, 'must be equal to `hostIP`'));
    errors.push(...ipListErrors(status.hostIPs, STATUS.child('hostIPs')));
  }
  const claimNames = new Set(objects(spec.resourceClaims).map((c) => text(c.name)));
  const seenClaims = new Set<string>();
  objects(status.resourceClaimStatuses).forEach((s, i) => {
    const at = STATUS.child('resourceClaimStatuses').index(i).child('name');
    const name = text(s.name);
    if (!claimNames.has(name))
      errors.push(invalid(at, name, 'must match the name of an entry in `spec.resourceClaims`'));
    if (seenClaims.has(name)) errors.push(duplicate(at, name));
    seenClaims.add(name);
  });
  return errors;
}
