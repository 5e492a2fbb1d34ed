/**
 * One sync of the EndpointSlice controller for one Service key (upstream syncService and Reconciler.finalize):
 * plan the Service's slices from the pods it selects, then create, update and delete what the plan says —
 * nothing when nothing changed. Slices are looked up through an index by Service.
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { Lister } from '../../client/listers/lister.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { StatusError } from '../../machinery/status.js';
import { selectPods } from '../endpoints/pod-label-index.js';
import { serviceSelector } from '../endpoints/service-selector.js';
import { StaleCacheError } from '../endpoints/stale-cache.js';
import {
  formatTriggerTime,
  LAST_CHANGE_TRIGGER_TIME_ANNOTATION,
  type TriggerTimeTracker,
} from '../endpoints/trigger-time-tracker.js';
import type { ObjectName } from '../framework/reconcile-loop.js';
import type { EndpointSliceTracker } from './endpoint-slice-tracker.js';
import { planEndpointSlices } from './slice-plan.js';
import { CONTROLLER_QUALIFIED_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './slice-meta.js';

/** The informer index of managed slices by `<namespace>/<service name>`. */
export const SLICES_BY_SERVICE_INDEX = 'endpointslices.skiff.dev/managed-by-service';

/** The index value of a slice this controller manages (none for others'). */
export function managedSliceIndexValues(slice: EndpointSlice): string[] {
  const labels = slice.metadata?.labels ?? {};
  const service = labels[LABEL_SERVICE_NAME];
  if (!service || labels[LABEL_MANAGED_BY] !== CONTROLLER_QUALIFIED_NAME) return [];
  return [`${slice.metadata?.namespace ?? ''}/${service}`];
}

export interface EndpointSliceSyncDeps {
  readonly services: Lister<Service>;
  /** The pod informer, with the pod label index. */
  readonly pods: SharedInformer<Pod>;
  /** The slice informer, with SLICES_BY_SERVICE_INDEX. */
  readonly slices: SharedInformer<EndpointSlice>;
  readonly nodes: Lister<Node>;
  readonly client: ResourceClient<EndpointSlice>;
  readonly recorder: EventRecorder;
  readonly triggerTimes: TriggerTimeTracker;
  readonly tracker: EndpointSliceTracker;
  readonly maxEndpointsPerSlice: number;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const isNamespaceTerminating = (err: unknown): boolean =>
  err instanceof StatusError && (err.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');

/** Upstream's aggregate error text: the one message, or `[a, b]` for several. */
const aggregate = (messages: readonly string[]): string =>
  messages.length === 1 ? (messages[0] as string) : `[${messages.join(', ')}]`;

/**
 * Brings the EndpointSlices of the Service `key` up to date.
 * @throws StaleCacheError when the slice cache is behind this controller's writes; an Error (after a
 *   FailedToUpdateEndpointSlices event) when a write failed or pods had to be left out for unknown Nodes.
 */
export async function syncEndpointSlices(deps: EndpointSliceSyncDeps, key: ObjectName): Promise<void> {
  const { namespace, name } = key;
  const service = deps.services.get(namespace, name);
  if (service === undefined) {
    // Its slices go with it through their owner reference (garbage collector).
    deps.triggerTimes.deleteService(namespace, name);
    deps.tracker.deleteService(namespace, name);
    return;
  }
  const selector = serviceSelector(service);
  if (selector === undefined) return;

  const pods = selectPods(deps.pods, namespace, selector);
  const existing = deps.slices.indexer
    .byIndex(SLICES_BY_SERVICE_INDEX, `${namespace}/${name}`)
    .filter((s) => !s.metadata?.deletionTimestamp);
  if (deps.tracker.staleSlices(`${namespace}/${name}`, existing)) {
    throw new StaleCacheError('EndpointSlice informer cache is out of date');
  }
  const triggerTime = deps.triggerTimes.compute(namespace, service, pods);
  const plan = planEndpointSlices({
    service,
    pods,
    existing,
    nodeOf: (node) => deps.nodes.get('', node),
    maxEndpointsPerSlice: deps.maxEndpointsPerSlice,
  });

  const errors = [...plan.errors];
  try {
    await write(deps, service, plan, triggerTime);
  } catch (err) {
    if (err instanceof StaleCacheError) throw err;
    errors.push(messageOf(err));
  }
  if (errors.length > 0) {
    const message = aggregate(errors);
    deps.recorder.event(
      { apiVersion: 'v1', kind: 'Service', metadata: service.metadata ?? {} },
      EventType.Warning,
      'FailedToUpdateEndpointSlices',
      `Error updating Endpoint Slices for Service ${namespace}/${name}: ${message}`,
    );
    throw new Error(message);
  }
}

async function write(
  deps: EndpointSliceSyncDeps,
  service: Service,
  plan: { create: EndpointSlice[]; update: EndpointSlice[]; delete: EndpointSlice[] },
  triggerTime: number | undefined,
): Promise<void> {
  const namespace = service.metadata?.namespace ?? '';
  const svc = `${namespace}/${service.metadata?.name ?? ''}`;
  // No new slices for a Service being deleted: the garbage collector would race them.
  if (!service.metadata?.deletionTimestamp) {
    for (const slice of plan.create) {
      setTriggerTime(slice, triggerTime);
      try {
        deps.tracker.update(await deps.client.create(namespace, slice));
      } catch (err) {
        if (isNamespaceTerminating(err)) return;
        throw new Error(`failed to create EndpointSlice for Service ${svc}: ${messageOf(err)}`);
      }
    }
  }
  for (const slice of plan.update) {
    setTriggerTime(slice, triggerTime);
    try {
      deps.tracker.update(await deps.client.update(namespace, slice));
    } catch (err) {
      // Somebody wrote the slice since the cache saw it: plan again from the newer state.
      if (isConflict(err)) throw new StaleCacheError(messageOf(err));
      throw new Error(
        `failed to update ${slice.metadata?.name ?? ''} EndpointSlice for Service ${svc}: ${messageOf(err)}`,
      );
    }
  }
  for (const slice of plan.delete) {
    try {
      await deps.client.delete(namespace, slice.metadata?.name ?? '');
      deps.tracker.expectDeletion(slice);
    } catch (err) {
      if (isNotFound(err)) continue;
      throw new Error(
        `failed to delete ${slice.metadata?.name ?? ''} EndpointSlice for Service ${svc}: ${messageOf(err)}`,
      );
    }
  }
}

function setTriggerTime(slice: EndpointSlice, triggerTime: number | undefined): void {
  const metadata = (slice.metadata ??= {});
  const annotations: Record<string, string> = { ...(metadata.annotations ?? {}) };
  if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION] = formatTriggerTime(triggerTime);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION];
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
}
