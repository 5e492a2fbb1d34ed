/**
 * The Endpoints controller (upstream `endpoint`, pkg/controller/endpoint): keeps, for every Service with a
 * selector, an Endpoints object of the same name listing the ready and not-ready addresses of the pods it
 * selects and the ports they serve. Pod changes reach the Services selecting the pod (old and new labels)
 * after a short batch period, so that a burst of pod changes costs each Service one sync.
 */
import type { Endpoints } from '../../api/core/v1/endpoints.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { syncEndpoints } from './endpoints-sync.js';
import { ensurePodLabelIndex } from './pod-label-index.js';
import { ENDPOINTS, PODS, SERVICES } from './resources.js';
import { podFromDeleteEvent, podServiceMemberships, servicesToUpdateOnPodChange } from './service-membership.js';
import { StaleEndpointsTracker, warnUnlessStale } from './stale-cache.js';
import { TriggerTimeTracker } from './trigger-time-tracker.js';

export const NAME = 'endpoint';

/** The annotation of a leader-election record kept in an Endpoints object (such objects are never deleted). */
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

/**
 * How long a Service waits after a pod change before it is synced (upstream --endpoint-updates-batch-period,
 * whose default is 0): changes arriving meanwhile ride along with the first.
 */
export const DEFAULT_ENDPOINT_UPDATES_BATCH_PERIOD_MS = 500;

export interface EndpointsControllerOptions {
  /** Delay of syncs caused by pod changes. Default DEFAULT_ENDPOINT_UPDATES_BATCH_PERIOD_MS. */
  readonly batchPeriodMs?: number;
  /** Concurrent syncs (upstream --concurrent-endpoint-syncs). Default `context.options.concurrentSyncs`. */
  readonly workers?: number;
}

/** Builds the Endpoints controller with explicit options (registers its informer handlers). */
export function newEndpointsControllerWith(
  context: ControllerContext,
  options: EndpointsControllerOptions = {},
): Controller {
  const batchPeriodMs = options.batchPeriodMs ?? DEFAULT_ENDPOINT_UPDATES_BATCH_PERIOD_MS;
  const services = context.informers.lister<Service>(SERVICES);
  const podInformer = context.informers.forResource<Pod>(PODS);
  ensurePodLabelIndex(podInformer);
  const endpoints = context.informers.lister<Endpoints>(ENDPOINTS);
  const deps = {
    services,
    pods: podInformer,
    endpoints,
    client: context.client.resource<Endpoints>(ENDPOINTS),
    recorder: context.recorder('endpoint-controller'),
    triggerTimes: new TriggerTimeTracker(),
    stale: new StaleEndpointsTracker(),
  };
  const loop = new ReconcileLoop({
    name: NAME,
    clock: context.clock,
    reconcile: (key) => syncEndpoints(deps, key),
    onError: warnUnlessStale(NAME),
  });
  const enqueueLater = (keys: Iterable<string>): void => {
    for (const key of keys) loop.queue.addAfter(key, batchPeriodMs);
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
  context.informers.forResource<Endpoints>(ENDPOINTS).addEventHandler({
    onDelete: (ep) => loop.enqueue(ep),
  });

  return {
    name: NAME,
    run: (signal) => {
      // Endpoints left behind by Services deleted while no controller ran: their sync deletes them.
      for (const ep of endpoints.list()) {
        if (ep.metadata?.annotations?.[LEADER_ANNOTATION] === undefined) loop.enqueue(ep);
      }
      return loop.run(signal, options.workers ?? context.options.concurrentSyncs);
    },
  };
}

/** Builds the Endpoints controller with its default options. */
export const newEndpointsController: ControllerFactory = (context) => newEndpointsControllerWith(context);
