/**
 * Which candidate node to preempt on (upstream pickOneNodeForPreemption). Each criterion keeps the candidates
 * with the best score; the next criterion only breaks ties:
 *   1. fewest PodDisruptionBudget violations;
 *   2. lowest priority of the most important victim;
 *   3. smallest sum of victim priorities (each shifted by 2^31 so that more negative-priority victims still
 *      count as more);
 *   4. fewest victims;
 *   5. latest start among the highest-priority victims (evict what has run least);
 *   6. the first candidate left.
 */
import type { Candidate } from './dry-run.js';
import { podPriority, podStartTime } from './pod-importance.js';

const PRIORITY_SHIFT = 2 ** 31;

type Score = (c: Candidate) => number;

/** The chosen candidate, or undefined when there is none. `now` stands in for victims not started yet. */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], now: number): Candidate | undefined {
  if (candidates.length <= 1) return candidates[0];
  const scores: readonly Score[] = [
    (c) => -c.numPdbViolations,
    (c) => -highestPriority(c),
    (c) => -c.victims.reduce((sum, v) => sum + podPriority(v) + PRIORITY_SHIFT, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfHighestPriority(c, now),
  ];
  let left: readonly Candidate[] = candidates;
  for (const score of scores) {
    let best = -Infinity;
    let kept: Candidate[] = [];
    for (const c of left) {
      const s = score(c);
      if (s > best) {
        best = s;
        kept = [c];
      } else if (s === best) {
        kept.push(c);
      }
    }
    if (kept.length === 1) return kept[0];
    left = kept;
  }
  return left[0];
}

/** Priority of the most important victim (victims are sorted most important first). */
function highestPriority(c: Candidate): number {
  const first = c.victims[0];
  return first === undefined ? 0 : podPriority(first);
}

/** The earliest start time among the victims that share the highest priority (upstream GetEarliestPodStartTime). */
function earliestStartOfHighestPriority(c: Candidate, now: number): number {
  let maxPriority = -Infinity;
  let earliest = -Infinity;
  for (const v of c.victims) {
    const p = podPriority(v);
    const start = podStartTime(v, now);
    if (p > maxPriority) {
      maxPriority = p;
      earliest = start;
    } else if (p === maxPriority && start < earliest) {
      earliest = start;
    }
  }
  return earliest;
}
