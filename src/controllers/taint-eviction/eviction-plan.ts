/**
 * When a pod must leave a node with NoExecute taints (upstream tainteviction processPodOnNode): at once when a
 * taint is not tolerated; never when every taint is tolerated without `tolerationSeconds`; otherwise when the
 * first toleration runs out. A toleration's seconds count from its taint's `timeAdded`, so the deadline does not
 * move when this controller restarts or sees the taint late (upstream counts from when it first noticed the
 * taint, which is what a taint without timeAdded falls back to here).
 */
import type { Taint } from '../../api/core/v1/node.js';
import type { Toleration } from '../../api/core/v1/scheduling.js';
import { tolerates } from '../../scheduler/plugins/taint-toleration/toleration.js';

export type EvictionPlan =
  /** Nothing to do: no NoExecute taint, or every one tolerated forever. */
  | { readonly kind: 'keep' }
  /** Delete the pod at `atMs` (now or in the past: at once). */
  | { readonly kind: 'evict'; readonly atMs: number };

/**
 * The plan for a pod with `tolerations` on a node with the NoExecute `taints`, at `nowMs`. `fallbackStartMs`
 * is when the count started for taints without a (past) timeAdded — the time an eviction was first scheduled,
 * or now.
 */
export function planEviction(
  taints: readonly Taint[],
  tolerations: readonly Toleration[] | undefined,
  nowMs: number,
  fallbackStartMs: number = nowMs,
): EvictionPlan {
  let atMs = Infinity;
  for (const taint of taints) {
    const matching = (tolerations ?? []).filter((t) => tolerates(t, taint));
    if (matching.length === 0) return { kind: 'evict', atMs: nowMs };
    let seconds = Infinity;
    for (const t of matching) {
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
      seconds = Math.min(seconds, Math.max(0, t.tolerationSeconds));
    }
    if (seconds === Infinity) continue;
    atMs = Math.min(atMs, taintStart(taint, nowMs, fallbackStartMs) + seconds * 1000);
  }
  return atMs === Infinity ? { kind: 'keep' } : { kind: 'evict', atMs };
}

/** When the taint was added; never later than now (a clock ahead of ours must not postpone evictions). */
function taintStart(taint: Taint, nowMs: number, fallbackStartMs: number): number {
  const added = taint.timeAdded ? Date.parse(taint.timeAdded) : Number.NaN;
  if (!Number.isFinite(added)) return Math.min(fallbackStartMs, nowMs);
  return Math.min(added, nowMs);
}
