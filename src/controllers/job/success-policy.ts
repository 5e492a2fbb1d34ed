/**
 * An Indexed Job's success policy (upstream matchSuccessPolicy): the Job succeeds early when the first rule
 * holds — its `succeededIndexes` all succeeded (or at least `succeededCount` of them), or, without indexes,
 * at least `succeededCount` indexes succeeded at all.
 */
import type { Job } from '../../api/batch/v1/job.js';
import { OrderedIntervals } from './ordered-intervals.js';

export type SuccessPolicy = NonNullable<NonNullable<Job['spec']>['successPolicy']>;

/** How many indexes of `rule` are among `succeeded`. */
function overlap(rule: OrderedIntervals, succeeded: OrderedIntervals): number {
  let contains = 0;
  for (const r of rule.intervals) {
    for (const s of succeeded.intervals) {
      const n = Math.min(r.last, s.last) - Math.max(r.first, s.first) + 1;
      if (n > 0) contains += n;
    }
  }
  return contains;
}

/** The message of the first rule `succeeded` meets (`Matched rules at index N`), or undefined. */
export function matchSuccessPolicy(
  policy: SuccessPolicy | undefined | null,
  completions: number,
  succeeded: OrderedIntervals,
): string | undefined {
  if (!policy || succeeded.intervals.length === 0) return undefined;
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    const count = rule.succeededCount ?? undefined;
    if (rule.succeededIndexes !== undefined && rule.succeededIndexes !== null) {
      const required = OrderedIntervals.parse(rule.succeededIndexes, completions);
      if (required.intervals.length === 0) continue;
      const contains = overlap(required, succeeded);
      if (contains === required.total() || (count !== undefined && contains >= count)) {
        return `Matched rules at index ${index}`;
      }
    } else if (count !== undefined && succeeded.total() >= count) {
      return `Matched rules at index ${index}`;
    }
  }
  return undefined;
}
