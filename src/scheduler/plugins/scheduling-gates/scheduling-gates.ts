/**
 * SchedulingGates (upstream plugins/schedulinggates): a pod with `spec.schedulingGates` waits outside the
 * active queue until every gate is removed.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, type ClusterEvent, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import type { EnqueueExtensions, PluginFactory, PreEnqueuePlugin } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';

export const NAME = 'SchedulingGates';

/** SchedulingGates takes no arguments. */
export type SchedulingGatesArgs = undefined;

export class SchedulingGates implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = NAME;

  /**
   * Success for an ungated pod; otherwise UnschedulableAndUnresolvable (as upstream) with the gates listed
   * the way Go prints a string slice: `waiting for scheduling gates: [foo bar]`.
   */
  preEnqueue(pod: Pod): Status {
    const gates = pod.spec?.schedulingGates ?? [];
    if (gates.length === 0) return Status.SUCCESS;
    return Status.unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name ?? '').join(' ')}]`);
  }

  /** Only an update of the pod itself that removes its last gate lets it in. */
  eventsToRegister(): readonly ClusterEvent[] {
    return [{ resource: EventResource.Pod, actions: ActionType.Update, hint: afterPodChange }];
  }
}

function afterPodChange(pod: Pod, _oldObj: unknown, newObj: unknown): QueueingHint {
  if (typeof newObj !== 'object' || newObj === null) return QueueingHint.Queue;
  const modified = newObj as Pod;
  if (modified.metadata?.uid !== pod.metadata?.uid) return QueueingHint.Skip;
  return (modified.spec?.schedulingGates ?? []).length === 0 ? QueueingHint.Queue : QueueingHint.Skip;
}

export const newSchedulingGates: PluginFactory = () => new SchedulingGates();
