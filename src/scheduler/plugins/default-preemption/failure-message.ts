/**
 * Why preemption found no candidate, in upstream's FitError format: `0/N nodes are available: ` then each
 * reason with how many nodes gave it, as `<count> <reason>`, sorted as strings and joined by `, `, then `.`.
 * Nodes the dry run did not report on (never tried, or not worth trying) count as
 * `Preemption is not helpful for scheduling`.
 */
import { compareGoStrings } from '../../../machinery/validation/go-format.js';
import type { Status } from '../../framework/status.js';

export const ERR_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** The message for `numAllNodes` nodes, of which `nodeStatuses` were tried and failed. */
export function noCandidateMessage(numAllNodes: number, nodeStatuses: ReadonlyMap<string, Status>): string {
  const counts = new Map<string, number>();
  for (const status of nodeStatuses.values()) {
    for (const reason of status.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const absent = numAllNodes - nodeStatuses.size;
  if (absent > 0) counts.set(ERR_NOT_HELPFUL, (counts.get(ERR_NOT_HELPFUL) ?? 0) + absent);
  const histogram = [...counts].map(([reason, count]) => `${count} ${reason}`).sort(compareGoStrings);
  const head = `0/${numAllNodes} nodes are available:`;
  return histogram.length === 0 ? head : `${head} ${histogram.join(', ')}.`;
}
