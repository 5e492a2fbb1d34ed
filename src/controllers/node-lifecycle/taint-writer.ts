/**
 * Writing a node's taints (upstream controller.AddOrUpdateTaintOnNode / RemoveTaintOffNode): first against the
 * cached node, then, when somebody wrote in between (Conflict), against a fresh read — up to five attempts.
 */
import type { Node } from '../../api/core/v1/node.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { TaintLike } from '../../scheduler/plugins/taint-toleration/toleration.js';
import { applyTaintChanges, type TaintTemplate } from './node-taints.js';

const ATTEMPTS = 5;

/**
 * Adds `add` (stamped with `nowIso`) to the node's taints and takes `remove` off. Does nothing, without a
 * request, when the cached node already looks right; does nothing when the node is gone.
 * @throws the API error of the last attempt when every attempt conflicted, or any other API error.
 */
export async function swapNodeTaints(
  nodes: ResourceClient<Node>,
  cached: Node,
  add: readonly TaintTemplate[],
  remove: readonly TaintLike[],
  nowIso: string,
): Promise<void> {
  const name = cached.metadata?.name ?? '';
  let node = cached;
  for (let attempt = 1; ; attempt++) {
    const taints = applyTaintChanges(node.spec?.taints, add, remove, nowIso);
    if (taints === undefined) return;
    const next = structuredClone(node);
    next.spec = { ...next.spec, taints };
    try {
      await nodes.update('', next);
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err) || attempt >= ATTEMPTS) throw err;
    }
    try {
      node = await nodes.get('', name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
  }
}

/** Updates the node's labels with `labels` (upstream AddOrUpdateLabelsOnNode), retrying on Conflict as above. */
export async function addNodeLabels(
  nodes: ResourceClient<Node>,
  cached: Node,
  labels: Readonly<Record<string, string>>,
): Promise<void> {
  const name = cached.metadata?.name ?? '';
  let node = cached;
  for (let attempt = 1; ; attempt++) {
    const current = node.metadata?.labels ?? {};
    if (Object.entries(labels).every(([k, v]) => current[k] === v)) return;
    const next = structuredClone(node);
    next.metadata = { ...next.metadata, labels: { ...current, ...labels } };
    try {
      await nodes.update('', next);
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err) || attempt >= ATTEMPTS) throw err;
    }
    try {
      node = await nodes.get('', name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
  }
}
