/**
 * DefaultPreemption (upstream defaultpreemption + framework/preemption): the PostFilter plugin that, when no
 * node fits a pod, looks for a node where evicting lower-priority pods would make room, evicts the fewest and
 * least important such pods there — respecting PodDisruptionBudgets where it can — and returns the node as
 * the pod's nominated node. The scheduling loop writes `status.nominatedNodeName`; this plugin only names it.
 *
 * With the handle's `preemptions` (the scheduler's), preemption is asynchronous (upstream
 * SchedulerAsyncPreemption): postFilter chooses the node and victims, records the preemption as in flight and
 * resolves; the evictions run in the background while the queue holds the preemptor. Without it (tests, other
 * hosts), the evictions are sent before postFilter resolves, as upstream does without the gate.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../../api/policy/v1/pod-disruption-budget.js';
import type { ClusterEvent } from '../../framework/cluster-event.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type {
  EnqueueExtensions,
  Handle,
  NodeStatusMap,
  PluginFactory,
  PostFilterPlugin,
  PostFilterResult,
} from '../../framework/interfaces.js';
import { Code, Status } from '../../framework/status.js';
import { numCandidates, resolveDefaultPreemptionArgs, type ResolvedDefaultPreemptionArgs } from './args.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { dryRunPreemption, type DryRunResult } from './dry-run.js';
import { ineligibilityReason } from './eligibility.js';
import { noCandidateMessage } from './failure-message.js';
import { compilePdbs } from './pdb-violation.js';
import { pickOneNodeForPreemption } from './pick-node.js';
import { apiPreemptionActions, type PreemptionActions } from './preemption-actions.js';
import { prepareCandidate } from './prepare-candidate.js';
import { prepareCandidateAsync } from './prepare-candidate-async.js';

export type { DefaultPreemptionArgs } from './args.js';

export const NAME = 'DefaultPreemption';

export const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true } as const;

/** What the plugin reads and writes besides the Handle's snapshot and filters; tests replace them. */
export interface DefaultPreemptionDeps {
  /** The PodDisruptionBudgets to respect (default: the informer cache). Must not be mutated. */
  readonly listPdbs: () => readonly PodDisruptionBudget[];
  /** Eviction and nomination writes (default: through the API). */
  readonly actions: PreemptionActions;
  /** A random integer in [0, n): where the dry run starts among the candidate nodes. */
  readonly randomInt?: (n: number) => number;
  /** Background evictions in flight at most, across preemptions (default 32). */
  readonly maxConcurrentEvictions?: number;
}

export const DEFAULT_MAX_CONCURRENT_EVICTIONS = 32;

type Outcome = { status: Status; result?: PostFilterResult };

export class DefaultPreemption implements PostFilterPlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly randomInt: (n: number) => number;
  private readonly evictions: ConcurrencyLimit;

  constructor(
    private readonly handle: Handle,
    readonly args: ResolvedDefaultPreemptionArgs,
    private readonly deps: DefaultPreemptionDeps,
  ) {
    this.randomInt = deps.randomInt ?? ((n) => Math.floor(Math.random() * n));
    this.evictions = new ConcurrencyLimit(deps.maxConcurrentEvictions ?? DEFAULT_MAX_CONCURRENT_EVICTIONS);
  }

  /**
   * Tries to make room for `pod`. Outcomes:
   * - Success with `result.nominatedNodeName`: victims are being evicted there (asynchronous: in the
   *   background, the pod held meanwhile; synchronous: already evicted); the pod should wait for that node.
   * - Unschedulable with `result.nominatedNodeName === ''`: preemption cannot help anywhere; clear any
   *   earlier nomination. The message counts why per node (`preemption: 0/3 nodes are available: …`).
   * - Unschedulable without a result: the pod may not preempt now (`preemption: not eligible due to …`);
   *   keep its nomination.
   * - Error without a result: a simulation (or, synchronous, an eviction) failed; retry later.
   * Every message starts with `preemption: `.
   */
  async postFilter(state: CycleState, pod: Pod, filteredNodeStatuses: NodeStatusMap): Promise<Outcome> {
    this.handle.metrics?.observePreemptionAttempt();
    const outcome = await this.preempt(state, pod, filteredNodeStatuses);
    const message = outcome.status.message();
    if (message === '') return outcome;
    const status = Status.of(outcome.status.code, `preemption: ${message}`);
    return outcome.result === undefined ? { status } : { status, result: outcome.result };
  }

  /** None: a preemptor held while its preemption runs is let go by the scheduler, not by an event. */
  eventsToRegister(): readonly ClusterEvent[] {
    return [];
  }

  private async preempt(state: CycleState, pod: Pod, statuses: NodeStatusMap): Promise<Outcome> {
    const lister = this.handle.snapshot();
    const inFlight = this.handle.preemptions;
    const notEligible = ineligibilityReason(pod, lister, statuses, inFlight);
    if (notEligible !== undefined) return { status: Status.unschedulable(notEligible) };

    const allNodes = lister.list();
    if (allNodes.length === 0) return { status: Status.error('no nodes available') };
    const now = this.handle.clock.now();
    const dryRun = this.findCandidates(state, pod, statuses, now);
    if (dryRun.candidates.length === 0) {
      if (dryRun.errors.length > 0) return { status: Status.error(aggregate(dryRun.errors)) };
      return {
        status: Status.unschedulable(noCandidateMessage(allNodes.length, dryRun.nodeStatuses)),
        result: { nominatedNodeName: '' },
      };
    }

    const best = pickOneNodeForPreemption(dryRun.candidates, now);
    if (best === undefined) return { status: Status.unschedulable('no candidate node for preemption') };
    this.handle.metrics?.observePreemptionVictims(best.victims.length);
    if (inFlight !== undefined) {
      void prepareCandidateAsync(this.handle, inFlight, this.deps.actions, this.evictions, best, pod);
    } else {
      const prepared = await prepareCandidate(this.handle, this.deps.actions, best, pod);
      if (!prepared.isSuccess()) return { status: prepared };
    }
    return { status: Status.SUCCESS, result: { nominatedNodeName: best.name } };
  }

  /** Dry-runs the nodes Filter found Unschedulable (not Unresolvable; unreported nodes count as the latter). */
  private findCandidates(state: CycleState, pod: Pod, statuses: NodeStatusMap, now: number): DryRunResult {
    const potential = this.handle
      .snapshot()
      .list()
      .filter((n) => statuses.get(n.name)?.code === Code.Unschedulable);
    if (potential.length === 0) return { candidates: [], nodeStatuses: new Map(), errors: [] };
    const budgets = compilePdbs(this.deps.listPdbs());
    const offset = this.randomInt(potential.length);
    const count = numCandidates(this.args, potential.length);
    return dryRunPreemption(this.handle, state, pod, potential, budgets, offset, count, now);
  }
}

/** Upstream's error aggregate text: the one message, or `[a, b]` for several distinct ones. */
function aggregate(messages: readonly string[]): string {
  const distinct = [...new Set(messages)];
  return distinct.length === 1 ? (distinct[0] as string) : `[${distinct.join(', ')}]`;
}

/**
 * Builds the plugin from its pluginConfig args (undefined: upstream's defaults). Registers the
 * PodDisruptionBudget informer with the handle's factory, so create plugins before starting informers.
 * @throws Error on invalid args.
 */
export const newDefaultPreemption: PluginFactory = (args, handle) => {
  const resolved = resolveDefaultPreemptionArgs(args);
  const pdbs = handle.informers.lister<PodDisruptionBudget>(PDBS);
  return new DefaultPreemption(handle, resolved, {
    listPdbs: () => pdbs.list(),
    actions: apiPreemptionActions(handle.client, handle.clock),
  });
};
