/** The policy of `pods`: status is the kubelet's, the spec is mostly immutable, deletion is graceful. */
import { cloneJson } from '../../../../machinery/patch/json-value.js';
import { timestamp } from '../../generic/metadata.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { applyMatchLabelKeys } from './mutations.js';
import { computeQOS } from './qos.js';
import { isObj, num, type Obj, objects, text } from './validation/common.js';
import { isDNS1123Label } from './validation/formats.js';
import { podCreateErrors, podUpdateErrors } from './validation/pod.js';
import { podStatusUpdateErrors } from './validation/pod-status.js';

const specOf = (pod: ApiObject): Obj => (isObj(pod.spec) ? pod.spec : {});
const statusOf = (pod: ApiObject): Obj => (isObj(pod.status) ? pod.status : {});

/** The PodScheduled=False condition a pod created with scheduling gates starts with. */
export const SCHEDULING_GATED_CONDITION = {
  type: 'PodScheduled',
  status: 'False',
  reason: 'SchedulingGated',
  message: 'Scheduling is blocked due to non-empty scheduling gates',
} as const;

/** Keeps status fields an update may not clear: observedGeneration, per-condition too, as upstream does. */
function preserveObservedGeneration(status: Obj, old: Obj): void {
  if (!num(status.observedGeneration) && old.observedGeneration !== undefined)
    status.observedGeneration = old.observedGeneration;
  const previous = new Map<string, unknown[]>();
  for (const c of objects(old.conditions))
    previous.set(text(c.type), [...(previous.get(text(c.type)) ?? []), c.observedGeneration]);
  for (const c of objects(status.conditions)) {
    const queue = previous.get(text(c.type)) ?? [];
    const generation = queue.shift();
    if (!num(c.observedGeneration) && generation !== undefined) c.observedGeneration = generation;
  }
}

export const podStrategy: Strategy = {
  prepareForCreate(obj, ctx) {
    const status: Obj = { phase: 'Pending', qosClass: computeQOS(obj.spec) };
    if (objects(specOf(obj).schedulingGates).length > 0) {
      status.conditions = [{ ...SCHEDULING_GATED_CONDITION, lastTransitionTime: timestamp(ctx.now) }];
    }
    obj.status = status;
    applyMatchLabelKeys(obj);
  },

  validate: (obj) => podCreateErrors(obj),

  prepareForUpdate(obj, old) {
    if (old.status === undefined) delete obj.status;
    else obj.status = cloneJson(old.status);
  },

  validateUpdate: (obj, old) => podUpdateErrors(obj, old),

  prepareForStatusUpdate(obj, old) {
    obj.spec = cloneJson(old.spec);
    const meta = (obj.metadata ??= {});
    const oldOwners = old.metadata?.ownerReferences;
    if (oldOwners === undefined) delete meta.ownerReferences;
    else meta.ownerReferences = cloneJson(oldOwners);
    const status = isObj(obj.status) ? obj.status : (obj.status = {});
    const oldStatus = statusOf(old);
    if (!text(status.qosClass) && oldStatus.qosClass !== undefined) status.qosClass = oldStatus.qosClass;
    preserveObservedGeneration(status, oldStatus);
  },

  validateStatusUpdate: (obj, old) => podStatusUpdateErrors(obj, old),

  warnings(obj, old) {
    if (old !== undefined) return [];
    const messages = isDNS1123Label(text(obj.metadata?.name));
    return messages.length === 0
      ? []
      : [
          `metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${messages.join(' ')}]`,
        ];
  },

  allowUnconditionalUpdate: true,

  /**
   * The pod's terminationGracePeriodSeconds (30 by default); 0 for pods never scheduled or already finished,
   * which have nothing to stop; 1 for a negative period.
   */
  defaultGracePeriodSeconds(obj) {
    const spec = specOf(obj);
    const phase = statusOf(obj).phase;
    if (text(spec.nodeName) === '' || phase === 'Failed' || phase === 'Succeeded') return 0;
    const period = num(spec.terminationGracePeriodSeconds) ?? 30;
    return period < 0 ? 1 : period;
  },
};
