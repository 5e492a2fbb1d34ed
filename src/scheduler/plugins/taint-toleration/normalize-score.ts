/**
 * Upstream's helper.DefaultNormalizeScore: rescales non-negative raw scores from 0…max(scores) to
 * 0…maxPriority with integer division, optionally reversed (maxPriority - score) so that fewer is better.
 * Lives here because TaintToleration needs it first; NodeAffinity imports it too.
 */
import type { NodeScore } from '../../framework/interfaces.js';

/** Rescales `scores` in place. When every score is 0, they stay 0 (or all become maxPriority when reversed). */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    const scaled = Math.trunc((maxPriority * s.score) / maxCount);
    s.score = reverse ? maxPriority - scaled : scaled;
  }
}
