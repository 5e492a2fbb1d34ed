/**
 * PodRunner: the kubelet's part for every pod bound to a simulated node. Informer events and due exits put
 * pod keys on a rate-limited queue; a bounded pool of workers reconciles each key from the cache: start the
 * containers (one status write, with an address from the node's range), let them exit or restart when the
 * pod's script says so, follow readiness gates, and finish graceful deletion (containers killed, then a
 * DELETE with grace period 0 and the pod's uid as precondition, as the kubelet does).
 */
import type { Pod } from '../api/core/v1/pod.js';
import type { PodStatus } from '../api/core/v1/pod-status.js';
import {
  DeletedFinalStateUnknown,
  deletionHandlingKey,
  isConflict,
  isNotFound,
  type Lister,
  objectKey,
  RateLimitingQueue,
  type ResourceClient,
  type ResourceEventHandler,
  splitObjectKey,
} from '../client/index.js';
import { DueSchedule } from './due-schedule.js';
import type { SimNode } from './node-object.js';
import { isStarted, isTerminal, killedPodStatus, nextStep, type PodAddresses } from './pod-lifecycle.js';
import { PodIpPool } from './pod-ip-pool.js';
import type { ResolvedSimOptions } from './sim-options.js';
import { runWorkers } from './worker-pool.js';

/** How often a write that lost a race is retried on a freshly read pod before the key is requeued. */
const CONFLICT_RETRIES = 3;

export interface PodRunnerDeps {
  readonly pods: ResourceClient<Pod>;
  /** The cache of pods bound to any node (the runner picks its own). */
  readonly lister: Lister<Pod>;
  /** Our node of that name, or undefined for someone else's. */
  readonly nodeNamed: (name: string) => SimNode | undefined;
  readonly options: ResolvedSimOptions;
  /** Aborted when the simulator stops: in-flight writes end, queued keys are skipped. */
  readonly signal: AbortSignal;
}

interface Tracked {
  readonly uid: string;
  readonly node: string;
  /**
   * The resourceVersion our last status write replaced: while the cache still shows it, the cache has not
   * caught up with our write, whose event will bring the key back (this saves a write that would conflict).
   */
  replaced?: string | undefined;
  /** The DELETE that finishes the pod's deletion has been sent. */
  deleteSent?: boolean;
}

export class PodRunner {
  private readonly queue: RateLimitingQueue<string>;
  private readonly exits: DueSchedule<string>;
  private readonly pools = new Map<string, PodIpPool>();
  private readonly tracked = new Map<string, Tracked>();
  private workers: Promise<void> | undefined;

  constructor(private readonly deps: PodRunnerDeps) {
    const { clock } = deps.options;
    this.queue = new RateLimitingQueue<string>(undefined, clock);
    this.exits = new DueSchedule<string>(clock, (key) => this.queue.add(key));
  }

  /** The handler to add to the pod informer: queues pods on our nodes (and every deletion, to free addresses). */
  readonly handler: ResourceEventHandler<Pod> = {
    onAdd: (pod) => this.enqueue(pod),
    onUpdate: (_old, pod) => this.enqueue(pod),
    onDelete: (pod) => {
      const key = deletionHandlingKey(pod);
      if (this.tracked.has(key)) this.queue.add(key);
      else if (!(pod instanceof DeletedFinalStateUnknown)) this.enqueue(pod);
    },
  };

  /** Starts the workers. */
  start(): void {
    const { podWorkers, onError } = this.deps.options;
    this.workers ??= runWorkers(this.queue, podWorkers, (key) => this.reconcile(key), onError);
  }

  /** Stops timers and workers (abort the signal first, so that in-flight writes end); resolves when all ended. */
  async stop(): Promise<void> {
    this.exits.stop();
    this.queue.shutDown();
    await this.workers;
  }

  /** The address pool of `node` (for reports and tests). */
  poolOf(node: SimNode): PodIpPool {
    let pool = this.pools.get(node.name);
    if (pool === undefined) {
      pool = new PodIpPool(node.cidr);
      this.pools.set(node.name, pool);
    }
    return pool;
  }

  private enqueue(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (nodeName && this.deps.nodeNamed(nodeName) !== undefined) this.queue.add(objectKey(pod));
  }

  /** Brings the pod `key` one step on, from the cache. @throws to have the key retried after a back-off. */
  private async reconcile(key: string): Promise<void> {
    if (this.deps.signal.aborted) return;
    const { namespace, name } = splitObjectKey(key);
    const pod = this.deps.lister.get(namespace, name);
    await this.sync(key, pod, 0);
  }

  private async sync(key: string, pod: Pod | undefined, attempt: number): Promise<void> {
    const node = pod?.spec?.nodeName ? this.deps.nodeNamed(pod.spec.nodeName) : undefined;
    if (pod === undefined || node === undefined) {
      this.forget(key);
      return;
    }
    const uid = pod.metadata?.uid ?? '';
    const tracked = this.track(key, uid, node.name);
    if (attempt === 0 && tracked.replaced !== undefined && tracked.replaced === pod.metadata?.resourceVersion) return;
    if (pod.metadata?.deletionTimestamp) {
      await this.finishDeletion(key, pod, attempt);
      return;
    }
    if (isTerminal(pod)) {
      this.finished(key);
      return;
    }
    const addresses = this.addressesFor(pod, node);
    const now = this.deps.options.clock.now();
    const step = nextStep(pod, addresses, now);
    if (step.status !== undefined) {
      const written = await this.writeStatus(key, pod, step.status);
      if (written === 'conflict') {
        await this.retry(key, pod, attempt);
        return;
      }
      if (written === 'gone') {
        this.forget(key);
        return;
      }
      if (step.status.phase === 'Succeeded' || step.status.phase === 'Failed') {
        this.finished(key);
        return;
      }
    }
    if (step.nextAt === undefined) this.exits.cancel(key);
    else this.exits.schedule(key, step.nextAt);
  }

  /** After a write lost a race: read the pod again and redo the step on it, a few times, then requeue. */
  private async retry(key: string, pod: Pod, attempt: number): Promise<void> {
    if (attempt >= CONFLICT_RETRIES) throw new Error(`pod ${key}: status update kept conflicting`);
    let fresh: Pod | undefined;
    try {
      fresh = await this.deps.pods.get(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', {
        signal: this.deps.signal,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (fresh !== undefined && fresh.metadata?.uid !== pod.metadata?.uid) fresh = undefined;
    await this.sync(key, fresh, attempt + 1);
  }

  /**
   * A pod being deleted: its containers are killed (one status write, if they ran), then the pod is deleted
   * at once, guarded by its uid. A pod already asked to go with grace period 0 (kept by finalizers) is left.
   */
  private async finishDeletion(key: string, pod: Pod, attempt: number): Promise<void> {
    const killed = isTerminal(pod) ? undefined : killedPodStatus(pod, this.deps.options.clock.now());
    if (killed !== undefined) {
      const written = await this.writeStatus(key, pod, killed);
      if (written === 'conflict') {
        await this.retry(key, pod, attempt);
        return;
      }
      if (written === 'gone') {
        this.forget(key);
        return;
      }
    }
    this.finished(key);
    const tracked = this.tracked.get(key);
    if (tracked?.deleteSent) return;
    if (killed === undefined && pod.metadata?.deletionGracePeriodSeconds === 0) return;
    const { namespace = '', name = '', uid } = pod.metadata ?? {};
    try {
      await this.deps.pods.delete(namespace, name, {
        gracePeriodSeconds: 0,
        ...(uid === undefined ? {} : { preconditions: { uid } }),
        signal: this.deps.signal,
      });
    } catch (err) {
      // Gone already, or replaced by a pod of the same name: nothing left to do for this one.
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
    if (tracked !== undefined) tracked.deleteSent = true;
  }

  /** Writes `status` over the pod's, guarded by its uid and resourceVersion (see statusUpdateBody). */
  private async writeStatus(key: string, pod: Pod, status: PodStatus): Promise<'ok' | 'conflict' | 'gone'> {
    try {
      // The answer is not read (the pod comes back through the watch): not decoding it saves a parse per pod.
      await this.deps.pods.updateStatus(pod.metadata?.namespace ?? '', statusUpdateBody(pod, status), {
        signal: this.deps.signal,
        discardResult: true,
      });
      const tracked = this.tracked.get(key);
      if (tracked !== undefined) tracked.replaced = pod.metadata?.resourceVersion;
      return 'ok';
    } catch (err) {
      if (isConflict(err)) return 'conflict';
      if (isNotFound(err)) return 'gone';
      throw err;
    }
  }

  /**
   * The pod's addresses: the node's, and for the pod its own (host network), the one it already shows (a pod
   * started by an earlier run keeps it), or a new one from the node's pool.
   * @throws Error when the node's range has no address left (the pod waits for one to be freed).
   */
  private addressesFor(pod: Pod, node: SimNode): PodAddresses {
    if (pod.spec?.hostNetwork) return { hostIP: node.ip, podIP: node.ip };
    const uid = pod.metadata?.uid ?? '';
    const pool = this.poolOf(node);
    const shown = pod.status?.podIP;
    if (shown && (pool.claim(uid, shown) || isStarted(pod))) return { hostIP: node.ip, podIP: shown };
    const ip = pool.allocate(uid);
    if (ip === undefined) {
      throw new Error(`node ${node.name}: no pod address left in ${pool.capacity()} for pod ${objectKey(pod)}`);
    }
    return { hostIP: node.ip, podIP: ip };
  }

  private track(key: string, uid: string, node: string): Tracked {
    const before = this.tracked.get(key);
    if (before !== undefined && before.uid === uid && before.node === node) return before;
    if (before !== undefined) this.pools.get(before.node)?.release(before.uid);
    const tracked: Tracked = { uid, node };
    this.tracked.set(key, tracked);
    return tracked;
  }

  /** The pod has finished: its address goes back, nothing more is due for it. */
  private finished(key: string): void {
    const t = this.tracked.get(key);
    if (t !== undefined) this.pools.get(t.node)?.release(t.uid);
    this.exits.cancel(key);
  }

  /** The pod is gone (or not ours): forget it altogether. */
  private forget(key: string): void {
    this.finished(key);
    this.tracked.delete(key);
  }
}

/**
 * The body of a status update of `pod` to `status`: the pod without its spec and managedFields, which the
 * status subresource takes from the stored pod whatever the request says (metadata it does take, labels and
 * annotations among them, so that goes along). managedFields alone are a third of a pod, the spec another:
 * sending them only costs both sides encoding and parsing. The uid and resourceVersion guard the write.
 */
export function statusUpdateBody(pod: Pod, status: PodStatus): Pod {
  const { managedFields: _managed, ...metadata } = pod.metadata ?? {};
  return { apiVersion: 'v1', kind: 'Pod', metadata, status };
}
