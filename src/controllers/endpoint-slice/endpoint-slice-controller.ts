/**
 * The EndpointSlice controller (upstream `endpointslice`, pkg/controller/endpointslice): keeps, for every
 * Service with a selector, discovery.k8s.io/v1 EndpointSlices listing the pods it selects — per address type
 * and set of ports, at most 100 endpoints each, with ready/serving/terminating conditions, node and zone.
 * Pod changes reach the Services selecting the pod after a short batch period; slice changes made by others
 * (or deletions this controller did not make) bring the Service back after at least a second.
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import {
  BucketRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
} from '../../client/workqueue/rate-limiters.js';
import { DEFAULT_ENDPOINT_UPDATES_BATCH_PERIOD_MS } from '../endpoints/endpoints-controller.js';
import { ensurePodLabelIndex } from '../endpoints/pod-label-index.js';
import { PODS, SERVICES } from '../endpoints/resources.js';
import {
  podFromDeleteEvent,
  podServiceMemberships,
  servicesToUpdateOnPodChange,
} from '../endpoints/service-membership.js';
import { warnUnlessStale } from '../endpoints/stale-cache.js';
import { TriggerTimeTracker } from '../endpoints/trigger-time-tracker.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { managedSliceIndexValues, SLICES_BY_SERVICE_INDEX, syncEndpointSlices } from './endpoint-slice-sync.js';
import { EndpointSliceTracker } from './endpoint-slice-tracker.js';
import { ENDPOINT_SLICES, NODES } from './resources.js';
import { DEFAULT_MAX_ENDPOINTS_PER_SLICE } from './slice-plan.js';
import { CONTROLLER_QUALIFIED_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './slice-meta.js';

export const NAME = 'endpointslice';

/** The least delay before a Service is synced after a change to one of its slices (upstream: 1 s). */
export const ENDPOINT_SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1000;

export interface EndpointSliceControllerOptions {
  /** Delay of syncs caused by pod changes. Default DEFAULT_ENDPOINT_UPDATES_BATCH_PERIOD_MS. */
  readonly batchPeriodMs?: number;
  /** Upstream --max-endpoints-per-slice. Default 100. */
  readonly maxEndpointsPerSlice?: number;
  /** Concurrent syncs (upstream --concurrent-service-endpoint-syncs). Default `context.options.concurrentSyncs`. */
  readonly workers?: number;
  /** First retry delay of a failed sync (upstream: 1 s, doubling up to 1,000 s). */
  readonly syncBackoffMs?: number;
}

const managedBy = (slice: EndpointSlice): string | undefined => slice.metadata?.labels?.[LABEL_MANAGED_BY];
const serviceKeyOf = (slice: EndpointSlice): string | undefined => {
  const service = slice.metadata?.labels?.[LABEL_SERVICE_NAME];
  return service ? `${slice.metadata?.namespace ?? ''}/${service}` : undefined;
};

/** Builds the EndpointSlice controller with explicit options (registers its informer handlers). */
export function newEndpointSliceControllerWith(
  context: ControllerContext,
  options: EndpointSliceControllerOptions = {},
): Controller {
  const batchPeriodMs = options.batchPeriodMs ?? DEFAULT_ENDPOINT_UPDATES_BATCH_PERIOD_MS;
  const services = context.informers.lister<Service>(SERVICES);
  const podInformer = context.informers.forResource<Pod>(PODS);
  ensurePodLabelIndex(podInformer);
  const sliceInformer = context.informers.forResource<EndpointSlice>(ENDPOINT_SLICES);
  ensureSliceIndex(sliceInformer);
  const tracker = new EndpointSliceTracker();
  const deps = {
    services,
    pods: podInformer,
    slices: sliceInformer,
    nodes: context.informers.lister<Node>(NODES),
    client: context.client.resource<EndpointSlice>(ENDPOINT_SLICES),
    recorder: context.recorder('endpoint-slice-controller'),
    triggerTimes: new TriggerTimeTracker(),
    tracker,
    maxEndpointsPerSlice: options.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE,
  };
  const backoff = options.syncBackoffMs ?? 1000;
  const loop = new ReconcileLoop({
    name: NAME,
    clock: context.clock,
    // Slower retries than other controllers: a failed sync may mean many slice writes.
    rateLimiter: new MaxOfRateLimiter<string>(
      new ItemExponentialFailureRateLimiter<string>(backoff, 1000 * 1000),
      new BucketRateLimiter<string>(10, 100, context.clock),
    ),
    reconcile: (key) => syncEndpointSlices(deps, key),
    onError: warnUnlessStale(NAME),
  });
  const enqueueLater = (keys: Iterable<string>): void => {
    for (const key of keys) loop.queue.addAfter(key, batchPeriodMs);
  };
  const enqueueForSlice = (slice: EndpointSlice): void => {
    const key = serviceKeyOf(slice);
    if (key !== undefined) loop.queue.addAfter(key, Math.max(ENDPOINT_SLICE_CHANGE_MIN_SYNC_DELAY_MS, batchPeriodMs));
  };

  context.informers.forResource<Service>(SERVICES).addEventHandler({
    onAdd: (svc) => loop.enqueue(svc),
    onUpdate: (_old, svc) => loop.enqueue(svc),
    onDelete: (svc) => loop.enqueue(svc),
  });
  podInformer.addEventHandler({
    onAdd: (pod) => enqueueLater(podServiceMemberships(services, pod)),
    onUpdate: (oldPod, pod) => enqueueLater(servicesToUpdateOnPodChange(services, oldPod, pod)),
    onDelete: (obj) => enqueueLater(podServiceMemberships(services, podFromDeleteEvent(obj))),
  });
  sliceInformer.addEventHandler({
    onAdd: (slice) => {
      if (managedBy(slice) === CONTROLLER_QUALIFIED_NAME && tracker.shouldSync(slice)) enqueueForSlice(slice);
    },
    onUpdate: (old, slice) => {
      if (serviceKeyOf(old) !== serviceKeyOf(slice)) {
        enqueueForSlice(slice);
        enqueueForSlice(old);
        return;
      }
      const ours = managedBy(slice) === CONTROLLER_QUALIFIED_NAME;
      if ((managedBy(old) === CONTROLLER_QUALIFIED_NAME) !== ours || (ours && tracker.shouldSync(slice))) {
        enqueueForSlice(slice);
      }
    },
    onDelete: (obj) => {
      const slice = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
      if (managedBy(slice) !== CONTROLLER_QUALIFIED_NAME || !tracker.has(slice)) return;
      if (!tracker.handleDeletion(slice)) enqueueForSlice(slice);
    },
  });

  return {
    name: NAME,
    run: (signal) => loop.run(signal, options.workers ?? context.options.concurrentSyncs),
  };
}

function ensureSliceIndex(informer: SharedInformer<EndpointSlice>): void {
  try {
    informer.indexer.listIndexFuncValues(SLICES_BY_SERVICE_INDEX);
  } catch {
    informer.addIndexers({ [SLICES_BY_SERVICE_INDEX]: managedSliceIndexValues });
  }
}

/** Builds the EndpointSlice controller with its default options. */
export const newEndpointSliceController: ControllerFactory = (context) => newEndpointSliceControllerWith(context);
