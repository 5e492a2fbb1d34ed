/**
 * NodeAffinity (upstream plugins/nodeaffinity): Filter keeps nodes that match the pod's nodeSelector, its
 * required node affinity and the profile's `addedAffinity`; PreFilter narrows the candidates to the node
 * names required terms pin with `matchFields` on `metadata.name`; Score sums the weights of matching
 * preferred terms (the pod's and the added ones), normalised so the best node gets 100.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, type ClusterEvent, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { type CycleState, CycleStateKey } from '../../framework/cycle-state.js';
import {
  type EnqueueExtensions,
  type FilterPlugin,
  MAX_NODE_SCORE,
  type NodeScore,
  type PluginFactory,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { defaultNormalizeScore } from '../taint-toleration/normalize-score.js';
import { type CompiledNodeAffinityArgs, compileNodeAffinityArgs } from './node-affinity-args.js';
import { CompiledPreferredTerms, errorsMessage, NodeSelectorOperator, OBJECT_NAME_FIELD } from './node-selector.js';
import { RequiredNodeAffinity } from './required-node-affinity.js';

export type { NodeAffinityArgs } from './node-affinity-args.js';

export const NAME = 'NodeAffinity';

/** CycleState keys of PreFilter's and PreScore's per-pod state. */
export const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** The pod's nodeSelector or required node affinity does not match the node. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** The profile's added required affinity does not match the node. */
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
/** Every required term pins node names, and each term's names contradict each other. */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

// Statuses are immutable: the hot path hands out these instead of allocating one per rejected node.
const REJECTED_BY_POD = Status.unresolvable(ERR_REASON_POD);
const REJECTED_BY_ADDED = Status.unresolvable(ERR_REASON_ENFORCED);

interface PreScoreState {
  /** The pod's preferred terms; undefined when it has none. */
  readonly preferred: CompiledPreferredTerms | undefined;
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly preFilterState = new CycleStateKey<RequiredNodeAffinity>(PRE_FILTER_STATE_KEY);
  private readonly preScoreState = new CycleStateKey<PreScoreState>(PRE_SCORE_STATE_KEY);

  constructor(private readonly added: CompiledNodeAffinityArgs) {}

  /**
   * Compiles the pod's nodeSelector and required affinity once. Skip when there is nothing to check; an
   * UnschedulableAndUnresolvable conflict when the terms' `metadata.name` pins leave no node; otherwise
   * Success, with the pinned node names as the result when every term pins some.
   */
  preFilter(state: CycleState, pod: Pod): { status: Status; result?: PreFilterResult } {
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required == null && this.added.addedNodeSelector === undefined && pod.spec?.nodeSelector == null) {
      return { status: Status.SKIP };
    }
    state.write(PRE_FILTER_STATE_KEY, RequiredNodeAffinity.of(pod));
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return { status: Status.SUCCESS };

    let nodeNames: Set<string> | undefined;
    for (const term of terms) {
      let termNames: Set<string> | undefined;
      for (const r of term.matchFields ?? []) {
        if (r.key !== OBJECT_NAME_FIELD || r.operator !== NodeSelectorOperator.In) continue;
        const names = new Set(r.values ?? []);
        // Requirements of one term are ANDed.
        termNames = termNames === undefined ? names : new Set([...termNames].filter((n) => names.has(n)));
      }
      // A term that pins no name admits every node, and terms are ORed.
      if (termNames === undefined) return { status: Status.SUCCESS };
      nodeNames ??= new Set();
      for (const n of termNames) nodeNames.add(n);
    }
    if (nodeNames === undefined) return { status: Status.SUCCESS };
    if (nodeNames.size === 0) return { status: Status.unresolvable(ERR_REASON_CONFLICT) };
    return { status: Status.SUCCESS, result: { nodeNames } };
  }

  /** Rejects (UnschedulableAndUnresolvable) a node that fails the added affinity, or the pod's own. */
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const node = nodeInfo.node;
    if (node === undefined) return Status.error('node not found');
    const added = this.added.addedNodeSelector;
    if (added !== undefined && !added.matches(node)) return REJECTED_BY_ADDED;
    // Without PreFilter (disabled in the profile), compile here.
    const required = this.preFilterState.read(state) ?? RequiredNodeAffinity.of(pod);
    return required.matches(node) ? Status.SUCCESS : REJECTED_BY_POD;
  }

  /** Compiles the pod's preferred terms; Skip when neither the pod nor the profile prefers anything. */
  preScore(state: CycleState, pod: Pod): Status {
    const compiled = preferredOf(pod);
    if ('error' in compiled) return Status.error(compiled.error);
    if (compiled.preferred === undefined && this.added.addedPreferredTerms === undefined) return Status.SKIP;
    const data: PreScoreState = { preferred: compiled.preferred };
    state.write(PRE_SCORE_STATE_KEY, data);
    return Status.SUCCESS;
  }

  /** The sum of the weights of the preferred terms (added and the pod's) the node matches. */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number | Status {
    const node = nodeInfo.node;
    if (node === undefined) return Status.error('node not found');
    let data = this.preScoreState.read(state);
    if (data === undefined) {
      const compiled = preferredOf(pod);
      if ('error' in compiled) return Status.error(compiled.error);
      data = compiled;
    }
    return (this.added.addedPreferredTerms?.score(node) ?? 0) + (data.preferred?.score(node) ?? 0);
  }

  /** Scales so that the node with the highest sum gets MAX_NODE_SCORE. */
  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return Status.SUCCESS;
  }

  /** A node added, or relabelled, that now matches. */
  eventsToRegister(): readonly ClusterEvent[] {
    const hint = (pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint =>
      this.afterNodeChange(pod, oldObj, newObj);
    return [{ resource: EventResource.Node, actions: ActionType.Add | ActionType.UpdateNodeLabel, hint }];
  }

  /** Queue when the added or changed node matches the added affinity and the pod's, and did not before. */
  afterNodeChange(pod: Pod, oldObj: unknown, newObj: unknown): QueueingHint {
    if (!isObject(newObj) || (oldObj !== undefined && !isObject(oldObj))) return QueueingHint.Queue;
    const modified = newObj as Node;
    const added = this.added.addedNodeSelector;
    if (added !== undefined && !added.matches(modified)) return QueueingHint.Skip;
    const required = RequiredNodeAffinity.of(pod);
    if (!required.matches(modified)) {
      // Upstream retries a pod whose terms do not parse rather than guess.
      return required.errors.length > 0 ? QueueingHint.Queue : QueueingHint.Skip;
    }
    if (oldObj === undefined) return QueueingHint.Queue;
    return required.matches(oldObj as Node) ? QueueingHint.Skip : QueueingHint.Queue;
  }
}

/** The pod's compiled preferred terms (undefined when it lists none), or the message of their parse errors. */
function preferredOf(pod: Pod): { preferred: CompiledPreferredTerms | undefined } | { error: string } {
  const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (terms == null) return { preferred: undefined };
  const compiled = CompiledPreferredTerms.compile(terms);
  return 'errors' in compiled ? { error: errorsMessage(compiled.errors) } : { preferred: compiled.terms };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** @throws Error when `args` is not a valid NodeAffinityArgs (see compileNodeAffinityArgs). */
export const newNodeAffinity: PluginFactory = (args) => new NodeAffinity(compileNodeAffinityArgs(args));
