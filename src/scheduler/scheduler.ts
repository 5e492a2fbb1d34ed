/**
 * The scheduler (upstream kube-scheduler's Scheduler): informers feed the cache (nodes, bound pods) and the
 * queue (pending pods of our profiles); one loop pops a pod, runs its profile's scheduling cycle
 * synchronously, assumes the chosen node and starts the binding cycle in the background, so the next pod is
 * scheduled while the previous one is being bound. Preemption's evictions run in the background too: the queue
 * holds the preemptor meanwhile and lets it go once the scheduler has seen its victims leave.
 */
import { setMaxListeners } from 'node:events';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import type { Namespace } from '../api/core/v1/namespace.js';
import type { Node } from '../api/core/v1/node.js';
import type { Pod } from '../api/core/v1/pod.js';
import { type Clock, realClock } from '../client/clock/clock.js';
import { DeletedFinalStateUnknown } from '../client/informers/object-key.js';
import { SharedInformerFactory } from '../client/informers/shared-informer-factory.js';
import { stripManagedFields } from '../client/informers/strip-managed-fields.js';
import type { Lister } from '../client/listers/lister.js';
import { ApiEventRecorder, type EventRecorder } from '../client/record/event-recorder.js';
import type { RestClient } from '../client/rest/rest-client.js';
import { buildProfilePlugins } from './config/build-profile.js';
import { ConfigError } from './config/load-config.js';
import { defaultConfiguration, DEFAULT_SCHEDULER_NAME, type SchedulerConfiguration } from './config/types.js';
import { ActionType, EventResource, type ObservedEvent } from './framework/cluster-event.js';
import type { CycleState } from './framework/cycle-state.js';
import { Framework } from './framework/framework.js';
import type { Handle, PluginFactory, QueuedPodInfo } from './framework/interfaces.js';
import { newPodInfo } from './framework/pod-info.js';
import { Snapshot } from './framework/snapshot.js';
import { Status } from './framework/status.js';
import { NodeFinder } from './find-node.js';
import { FitError } from './fit-error.js';
import { SchedulerCache } from './cache/scheduler-cache.js';
import { SchedulerMetrics } from './metrics.js';
import { nodeUpdateActions } from './node-events.js';
import { InFlightPreemptions } from './queue/preemptions-in-flight.js';
import { SchedulingQueue } from './queue/scheduling-queue.js';
import { PodStatusWriter } from './pod-status-writer.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;

export interface SchedulerOptions {
  readonly client: RestClient;
  readonly configuration?: SchedulerConfiguration;
  /** Plugin factories by name (default: the in-tree plugins). */
  readonly registry: ReadonlyMap<string, PluginFactory>;
  readonly clock?: Clock;
  readonly events?: EventRecorder;
  readonly random?: () => number;
}

interface Profile {
  readonly framework: Framework;
  readonly percentage: number;
}

export class Scheduler {
  readonly metrics: SchedulerMetrics;
  readonly queue: SchedulingQueue;
  readonly cache = new SchedulerCache();
  readonly preemptions: InFlightPreemptions;
  private readonly snapshot = new Snapshot();
  private readonly profiles = new Map<string, Profile>();
  private readonly informers: SharedInformerFactory;
  private readonly podInformers: SharedInformerFactory;
  private readonly podLister: Lister<Pod>;
  private readonly namespaceLister: Lister<Namespace>;
  private readonly events: EventRecorder;
  private readonly clock: Clock;
  private readonly finder: NodeFinder;
  private readonly statusWriter: PodStatusWriter;
  private readonly bindings = new Set<Promise<void>>();

  /** Builds every profile's plugins. @throws ConfigError on a bad configuration. */
  constructor(private readonly options: SchedulerOptions) {
    const config = options.configuration ?? defaultConfiguration();
    this.clock = options.clock ?? realClock;
    // Every event written at once, as upstream's events library (which kube-scheduler uses) writes each in its
    // own goroutine: with a few writers at a time, a busy scheduler's queue fills and most events are dropped.
    this.events =
      options.events ??
      new ApiEventRecorder(options.client, {
        component: DEFAULT_SCHEDULER_NAME,
        clock: this.clock,
        concurrency: Number.POSITIVE_INFINITY,
      });
    this.finder = new NodeFinder(options.random);
    this.informers = new SharedInformerFactory(options.client, { clock: this.clock });
    // Pods are cached without managedFields, as upstream's pod informer does: the scheduler never reads them.
    this.podInformers = new SharedInformerFactory(options.client, {
      clock: this.clock,
      fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed',
      transform: stripManagedFields,
    });
    this.podLister = this.podInformers.lister<Pod>(PODS);
    this.namespaceLister = this.informers.lister<Namespace>(NAMESPACES);
    this.statusWriter = new PodStatusWriter(options.client, this.clock);
    this.preemptions = new InFlightPreemptions({
      clock: this.clock,
      lookup: (namespace, name) => this.podLister.get(namespace, name),
      onSettled: (pod) => {
        const current = this.pendingPod(pod);
        if (current !== undefined) this.queue.activate(current);
      },
      onFailed: (pod) => {
        // The nomination no longer holds (the plugin cleared it in the API); retry after a backoff.
        this.queue.nominator.delete(pod);
        const current = this.pendingPod(pod);
        if (current !== undefined) this.queue.backoff(current);
      },
    });
    // Before the profiles: their plugins report to it (the queue it reads comes later; it reads it lazily).
    this.metrics = new SchedulerMetrics(() => this.queue.counts());
    for (const profile of config.profiles) {
      const handle = this.handleFor(() => this.profiles.get(profile.schedulerName)?.framework);
      const plugins = buildProfilePlugins(profile, options.registry, handle);
      const framework = new Framework(
        profile.schedulerName,
        plugins,
        (node) => this.queue.nominator.nominatedPodsForNode(node),
        () => this.queue.nominator.hasAny(),
      );
      this.profiles.set(profile.schedulerName, {
        framework,
        percentage: profile.percentageOfNodesToScore ?? config.percentageOfNodesToScore,
      });
    }
    const first = [...this.profiles.values()][0]?.framework as Framework;
    for (const { framework } of this.profiles.values()) {
      if (framework.plugins.queueSort.name !== first.plugins.queueSort.name) {
        throw new ConfigError('queueSort must be the same for all profiles');
      }
    }
    this.queue = new SchedulingQueue({
      less: (a, b) => first.less(a, b),
      preEnqueue: (pod) => this.profileOf(pod)?.framework.runPreEnqueue(pod) ?? Status.SUCCESS,
      eventsOf: (plugin) => [...this.profiles.values()].flatMap((p) => p.framework.eventsOf(plugin)),
      preemptions: this.preemptions,
      clock: this.clock,
      initialBackoffMs: config.podInitialBackoffSeconds * 1000,
      maxBackoffMs: config.podMaxBackoffSeconds * 1000,
    });
    this.registerHandlers();
  }

  /** Runs until `signal` aborts: informers, queue timers, the scheduling loop; waits for bindings in flight. */
  async run(signal: AbortSignal): Promise<void> {
    setMaxListeners(0, signal); // every informer and watch listens for the stop
    this.informers.start(signal);
    this.podInformers.start(signal);
    await this.informers.waitForCacheSync(signal);
    await this.podInformers.waitForCacheSync(signal);
    this.queue.run();
    const stop = (): void => this.queue.close();
    signal.addEventListener('abort', stop, { once: true });
    try {
      await this.loop(signal);
    } finally {
      signal.removeEventListener('abort', stop);
      this.queue.close();
      this.preemptions.close();
      await Promise.allSettled([...this.bindings]);
      await this.preemptions.idle();
      await this.informers.shutdown();
      await this.podInformers.shutdown();
    }
  }

  private async loop(signal: AbortSignal): Promise<void> {
    let lastYield = performance.now();
    while (!signal.aborted) {
      const qpi = await this.queue.pop();
      if (qpi === undefined) return;
      await this.scheduleOne(qpi);
      if (performance.now() - lastYield > 8) {
        await yieldToIo();
        lastYield = performance.now();
      }
    }
  }

  /** One scheduling cycle (upstream ScheduleOne). */
  async scheduleOne(qpi: QueuedPodInfo): Promise<void> {
    const pod = qpi.podInfo.pod;
    const profile = this.profileOf(pod);
    if (profile === undefined || pod.metadata?.deletionTimestamp || this.cache.isAssumed(pod)) return;
    const started = performance.now();
    const cycle = this.queue.schedulingCycle();
    try {
      await this.cycle(qpi, profile, started, cycle);
    } catch (err) {
      // A plugin that throws fails this attempt (the pod backs off and is retried), not the scheduler.
      this.fail(qpi, profile.framework, Status.error(errorText(err)), undefined, cycle, started);
    }
  }

  private async cycle(qpi: QueuedPodInfo, profile: Profile, started: number, cycle: number): Promise<void> {
    const pod = qpi.podInfo.pod;
    const fwk = profile.framework;
    const state = fwk.newCycleState();
    this.cache.updateSnapshot(this.snapshot);
    const result = this.finder.find(fwk, state, pod, this.snapshot, profile.percentage);
    if (result.kind === 'error') {
      this.fail(qpi, fwk, result.status, undefined, cycle, started);
      return;
    }
    if (result.kind === 'unschedulable') {
      let nominated: string | undefined;
      if (fwk.plugins.postFilter.length > 0) {
        const post = await fwk.runPostFilter(state, pod, result.fitError.diagnosis.nodeStatuses);
        // A result with an empty nominated node means "this pod's nomination no longer holds".
        nominated = post.result?.nominatedNodeName;
        if (!post.status.isSuccess() && post.status.reasons.length > 0) {
          result.fitError.diagnosis.postFilterMessage = post.status.message();
        }
        if (post.status.plugin !== '') result.fitError.diagnosis.unschedulablePlugins.add(post.status.plugin);
      }
      this.fail(qpi, fwk, result.fitError, nominated, cycle, started);
      return;
    }
    this.assumeAndBind(qpi, fwk, state, result.node, cycle, started);
  }

  private assumeAndBind(
    qpi: QueuedPodInfo,
    fwk: Framework,
    state: CycleState,
    host: string,
    cycle: number,
    started: number,
  ): void {
    const pod = qpi.podInfo.pod;
    const assumed: Pod = { ...pod, spec: { ...(pod.spec as NonNullable<Pod['spec']>), nodeName: host } };
    this.cache.assumePod(assumed, host);
    const reserve = fwk.runReserve(state, assumed, host);
    if (!reserve.isSuccess()) {
      fwk.runUnreserve(state, assumed, host);
      this.cache.forgetPod(assumed);
      this.fail(qpi, fwk, reserve, undefined, cycle, started);
      return;
    }
    const permit = fwk.runPermit(state, assumed, host);
    if (!permit.status.isSuccess()) {
      fwk.runUnreserve(state, assumed, host);
      this.cache.forgetPod(assumed);
      this.fail(qpi, fwk, permit.status, undefined, cycle, started);
      return;
    }
    this.queue.nominator.delete(pod);
    const binding = this.bind(qpi, fwk, state, assumed, host, cycle, started, permit.waitMs).catch(() => undefined);
    this.bindings.add(binding);
    void binding.finally(() => this.bindings.delete(binding));
  }

  /** The binding cycle (upstream bindingCycle), in the background. */
  private async bind(
    qpi: QueuedPodInfo,
    fwk: Framework,
    state: CycleState,
    assumed: Pod,
    host: string,
    cycle: number,
    started: number,
    waitMs: number,
  ): Promise<void> {
    let status: Status = Status.SUCCESS;
    if (waitMs > 0) {
      await new Promise((resolve) => this.clock.setTimer(() => resolve(undefined), waitMs));
      status = Status.unschedulable(`rejected due to timeout after waiting ${waitMs / 1000}s at plugin permit`);
    }
    try {
      if (status.isSuccess()) status = await fwk.runPreBind(state, assumed, host);
      if (status.isSuccess()) status = await fwk.runBind(state, assumed, host);
    } catch (err) {
      status = Status.error(errorText(err));
    }
    if (!status.isSuccess()) {
      fwk.runUnreserve(state, assumed, host);
      this.cache.forgetPod(assumed);
      // The room the assumed pod held is free again: pods rejected meanwhile may fit (upstream moves them).
      this.queue.onEvent({ resource: EventResource.AssignedPod, action: ActionType.Delete, oldObj: assumed });
      this.fail(qpi, fwk, status, undefined, cycle, started);
      return;
    }
    fwk.runPostBind(state, assumed, host);
    const meta = assumed.metadata ?? {};
    this.events.event(
      podRef(assumed),
      'Normal',
      'Scheduled',
      `Successfully assigned ${meta.namespace}/${meta.name} to ${host}`,
    );
    this.metrics.observeAttempt('scheduled', fwk.profileName, (performance.now() - started) / 1000);
    this.metrics.observeScheduled(qpi.attempts);
  }

  /** Records a failed attempt and puts the pod back (upstream handleSchedulingFailure). */
  private fail(
    qpi: QueuedPodInfo,
    fwk: Framework,
    failure: Status | FitError,
    nominatedNode: string | undefined,
    cycle: number,
    started: number,
  ): void {
    const pod = qpi.podInfo.pod;
    const fit = failure instanceof FitError;
    const message = fit ? failure.message() : failure.message();
    const reason = fit || failure.isRejected() ? 'Unschedulable' : 'SchedulerError';
    this.metrics.observeAttempt(fit ? 'unschedulable' : 'error', fwk.profileName, (performance.now() - started) / 1000);
    const meta = pod.metadata ?? {};
    const current = this.podLister.get(meta.namespace ?? '', meta.name ?? '');
    if (current === undefined || current.metadata?.uid !== meta.uid || current.spec?.nodeName) return;
    qpi.unschedulablePlugins = fit ? new Set(failure.diagnosis.unschedulablePlugins) : new Set();
    if (!fit && failure.isRejected() && failure.plugin !== '') qpi.unschedulablePlugins.add(failure.plugin);
    qpi.podInfo = newPodInfo(current);
    this.queue.addUnschedulable(qpi, cycle);
    if (nominatedNode === '') this.queue.nominator.delete(current);
    else if (nominatedNode !== undefined) this.queue.nominator.add(current, nominatedNode);
    this.events.event(podRef(current), 'Warning', 'FailedScheduling', message);
    this.statusWriter.markUnschedulable(current, reason, message, nominatedNode);
  }

  /** The informer's copy of `pod` while it is still the same pending pod, else undefined. */
  private pendingPod(pod: Pod): Pod | undefined {
    const meta = pod.metadata ?? {};
    const current = this.podLister.get(meta.namespace ?? '', meta.name ?? '');
    if (current === undefined || current.metadata?.uid !== meta.uid || current.spec?.nodeName) return undefined;
    return current;
  }

  private profileOf(pod: Pod): Profile | undefined {
    return this.profiles.get(pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME);
  }

  private handleFor(framework: () => Framework | undefined): Handle {
    const fwk = (): Framework => {
      const f = framework();
      if (f === undefined) throw new Error('the profile is still being built');
      return f;
    };
    return {
      client: this.options.client,
      informers: this.informers,
      clock: this.clock,
      events: this.events,
      nominator: { nominatedPodsForNode: (node) => this.queue.nominator.nominatedPodsForNode(node) },
      preemptions: this.preemptions,
      metrics: this.metrics,
      snapshot: () => this.snapshot,
      namespaceLabels: (name) => this.namespaceLister.get('', name)?.metadata?.labels ?? undefined,
      runFilterPluginsWithNominatedPods: (state, pod, nodeInfo) =>
        fwk().runFilterWithNominatedPods(state, pod, nodeInfo),
      runPreFilterExtensionAddPod: (state, pod, info, nodeInfo) =>
        fwk().runPreFilterExtensionAddPod(state, pod, info, nodeInfo),
      runPreFilterExtensionRemovePod: (state, pod, info, nodeInfo) =>
        fwk().runPreFilterExtensionRemovePod(state, pod, info, nodeInfo),
    };
  }

  private registerHandlers(): void {
    const pods = this.podInformers.forResource<Pod>(PODS);
    const event = (e: ObservedEvent): void => this.queue.onEvent(e);
    pods.addEventHandler({
      onAdd: (pod) => {
        if (pod.spec?.nodeName) {
          this.cache.addPod(pod);
          event({ resource: EventResource.AssignedPod, action: ActionType.Add, newObj: pod });
        } else if (this.profileOf(pod) !== undefined) {
          this.queue.add(pod);
        }
      },
      onUpdate: (oldPod, newPod) => {
        if (newPod.spec?.nodeName) {
          if (!oldPod.spec?.nodeName) this.queue.delete(newPod);
          this.cache.updatePod(oldPod, newPod);
          if (newPod.metadata?.deletionTimestamp && !oldPod.metadata?.deletionTimestamp) {
            this.preemptions.victimGone(newPod);
          }
          const labels = JSON.stringify(oldPod.metadata?.labels) !== JSON.stringify(newPod.metadata?.labels);
          if (labels || !oldPod.spec?.nodeName) {
            event({
              resource: EventResource.AssignedPod,
              action: oldPod.spec?.nodeName ? ActionType.UpdatePodLabel : ActionType.Add,
              oldObj: oldPod,
              newObj: newPod,
            });
          }
        } else if (this.profileOf(newPod) !== undefined && !this.cache.isAssumed(newPod)) {
          if (oldPod.metadata?.resourceVersion !== newPod.metadata?.resourceVersion) this.queue.update(oldPod, newPod);
        }
      },
      onDelete: (obj) => {
        const pod = obj instanceof DeletedFinalStateUnknown ? (obj.obj as Pod | undefined) : obj;
        if (pod === undefined) return;
        if (pod.spec?.nodeName || this.cache.isAssumed(pod)) {
          this.cache.removePod(pod);
          event({ resource: EventResource.AssignedPod, action: ActionType.Delete, oldObj: pod });
          this.preemptions.victimGone(pod);
        } else {
          this.queue.delete(pod);
        }
      },
    });
    const nodes = this.informers.forResource<Node>(NODES);
    nodes.addEventHandler({
      onAdd: (node) => {
        this.cache.addNode(node);
        event({ resource: EventResource.Node, action: ActionType.Add, newObj: node });
      },
      onUpdate: (oldNode, newNode) => {
        this.cache.updateNode(newNode);
        const actions = nodeUpdateActions(oldNode, newNode);
        if (actions !== 0) event({ resource: EventResource.Node, action: actions, oldObj: oldNode, newObj: newNode });
      },
      onDelete: (obj) => {
        const node = obj instanceof DeletedFinalStateUnknown ? (obj.obj as Node | undefined) : obj;
        if (node !== undefined) this.cache.removeNode(node);
      },
    });
    this.informers.forResource<Namespace>(NAMESPACES).addEventHandler({
      onUpdate: (oldNs, newNs) => {
        if (JSON.stringify(oldNs.metadata?.labels) !== JSON.stringify(newNs.metadata?.labels)) {
          event({ resource: EventResource.Namespace, action: ActionType.Update, oldObj: oldNs, newObj: newNs });
        }
      },
      onAdd: (ns) => event({ resource: EventResource.Namespace, action: ActionType.Add, newObj: ns }),
    });
  }
}

/** A pod as an event's subject: objects from list/watch may lack kind and apiVersion. */
function podRef(pod: Pod): Pod {
  return { ...pod, apiVersion: 'v1', kind: 'Pod' };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
