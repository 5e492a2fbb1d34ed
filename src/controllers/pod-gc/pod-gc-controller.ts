/**
 * The pod garbage collector (upstream `podgc`): every `podGcPeriodMs` it force-deletes
 * - terminated pods (Succeeded/Failed) beyond `terminatedPodGcThreshold`, evicted ones first, then the oldest;
 * - terminating pods on not-Ready nodes tainted `node.kubernetes.io/out-of-service`;
 * - pods bound to nodes that no longer exist, once the node has stayed missing through a quarantine (40 s) and
 *   a read of the API server confirms it — with the DisruptionTarget condition (DeletionByPodGC) first;
 * - terminating pods that were never scheduled.
 * Pods not yet terminal are marked Failed before the deletion (grace period 0).
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodCondition } from '../../api/core/v1/pod-status.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { DISRUPTION_TARGET } from '../node-lifecycle/pod-condition-update.js';
import { parallelize } from '../node-lifecycle/parallelize.js';
import { every } from '../node-lifecycle/periodic.js';
import { apiTime, NODES, PODS } from '../node-lifecycle/resources.js';
import { markFailedAndDeletePod } from './force-delete.js';
import {
  missingNodeNames,
  terminatedPodsToDelete,
  terminatingPodsOnOutOfServiceNodes,
  unscheduledTerminatingPods,
} from './gc-selection.js';
import { NodeQuarantine } from './node-quarantine.js';

export const NAME = 'podgc';

/** Upstream's quarantineTime. */
export const DEFAULT_QUARANTINE_MS = 40_000;

export const DELETION_BY_POD_GC = 'DeletionByPodGC';
export const ORPHAN_MESSAGE = 'PodGC: node no longer exists';

export interface PodGcOptions {
  /** How long a node must stay missing before its pods count as orphans. Default 40 s. */
  readonly quarantineMs?: number;
}

/** Deletions in flight at once (upstream starts one goroutine per pod; this bounds it). */
const DELETE_WORKERS = 16;

class PodGcController implements Controller {
  readonly name = NAME;
  private readonly quarantine: NodeQuarantine;
  private readonly podClient: ResourceClient<Pod>;

  constructor(
    private readonly context: ControllerContext,
    options: PodGcOptions,
  ) {
    this.quarantine = new NodeQuarantine(options.quarantineMs ?? DEFAULT_QUARANTINE_MS);
    this.podClient = context.client.resource<Pod>(PODS);
    // Register the informers so that the manager starts them.
    context.informers.forResource<Pod>(PODS);
    context.informers.forResource<Node>(NODES);
  }

  run(signal: AbortSignal): Promise<void> {
    return every(
      this.context.clock,
      this.context.options.podGcPeriodMs,
      signal,
      () => this.gc(),
      (err) => console.warn(`${NAME}: collecting failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** One collection pass (upstream gc). */
  async gc(): Promise<void> {
    const pods = this.context.informers.lister<Pod>(PODS).list();
    const nodeLister = this.context.informers.lister<Node>(NODES);
    const nodes = nodeLister.list();
    const errors: unknown[] = [];
    const remove = async (list: readonly Pod[], condition?: PodCondition): Promise<void> => {
      await parallelize(DELETE_WORKERS, list, async (pod) => {
        try {
          await markFailedAndDeletePod(this.podClient, pod, this.nowIso(), condition);
        } catch (err) {
          errors.push(err);
        }
      });
    };
    await remove(terminatedPodsToDelete(pods, this.context.options.terminatedPodGcThreshold));
    await remove(terminatingPodsOnOutOfServiceNodes(pods, (name) => nodeLister.get('', name)));
    const deleted = await this.deletedNodes(pods, nodes);
    await remove(
      pods.filter((p) => deleted.has(p.spec?.nodeName ?? '')),
      { type: DISRUPTION_TARGET, status: 'True', reason: DELETION_BY_POD_GC, message: ORPHAN_MESSAGE },
    );
    await remove(unscheduledTerminatingPods(pods));
    if (errors.length > 0) throw errors[0];
  }

  /** Nodes that pods are bound to, missing from the cache through the quarantine and confirmed gone by the API. */
  private async deletedNodes(pods: readonly Pod[], nodes: readonly Node[]): Promise<Set<string>> {
    const existing = new Set(nodes.map((n) => n.metadata?.name ?? ''));
    const now = this.context.clock.now();
    for (const name of missingNodeNames(pods, existing)) this.quarantine.add(name, now);
    const deleted = new Set<string>();
    for (const name of this.quarantine.takeDue(now)) {
      if (existing.has(name)) continue;
      try {
        await this.context.client.resource<Node>(NODES).get('', name);
      } catch (err) {
        // Any other failure: the name comes back into quarantine on a later pass if still needed.
        if (isNotFound(err)) deleted.add(name);
      }
    }
    return deleted;
  }

  private nowIso(): string {
    return apiTime(this.context.clock.now());
  }
}

/** Builds pod GC with a different quarantine (tests). */
export function newPodGcControllerWith(context: ControllerContext, options: PodGcOptions = {}): Controller {
  return new PodGcController(context, options);
}

/** Builds the pod garbage collector. */
export const newPodGcController: ControllerFactory = (context) => newPodGcControllerWith(context);
