/**
 * One sync of the Endpoints controller for one Service key (upstream syncService): delete the Endpoints of a
 * Service that is gone; leave ExternalName and selector-less Services alone; otherwise compute the subsets
 * from the selected pods and write the Endpoints object only when its subsets, labels or capacity annotation
 * differ from what it should be.
 */
import type { Endpoints } from '../../api/core/v1/endpoints.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { Lister } from '../../client/listers/lister.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { StatusError } from '../../machinery/status.js';
import type { ObjectName } from '../framework/reconcile-loop.js';
import { desiredSubsets, isServiceIPSet } from './endpoints-subsets.js';
import { selectPods } from './pod-label-index.js';
import type { Subset } from './repack-subsets.js';
import { semanticEqual } from './semantic-equal.js';
import { serviceSelector } from './service-selector.js';
import { StaleCacheError, type StaleEndpointsTracker } from './stale-cache.js';
import {
  formatTriggerTime,
  LAST_CHANGE_TRIGGER_TIME_ANNOTATION,
  type TriggerTimeTracker,
} from './trigger-time-tracker.js';
import { OVER_CAPACITY_ANNOTATION, TRUNCATED, truncateSubsets } from './truncate-endpoints.js';

/** The label marking the Endpoints (and EndpointSlices) of a Service without a cluster IP. */
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';

export interface EndpointsSyncDeps {
  readonly services: Lister<Service>;
  /** The pod informer, with the pod label index (pod-label-index.ts). */
  readonly pods: SharedInformer<Pod>;
  readonly endpoints: Lister<Endpoints>;
  readonly client: ResourceClient<Endpoints>;
  readonly recorder: EventRecorder;
  readonly triggerTimes: TriggerTimeTracker;
  readonly stale: StaleEndpointsTracker;
}

type Labels = Record<string, string>;

const withoutTargetVersions = (subsets: readonly Subset[] | undefined): unknown =>
  (subsets ?? []).map((s) => ({
    ...s,
    addresses: s.addresses?.map(withoutTargetVersion),
    notReadyAddresses: s.notReadyAddresses?.map(withoutTargetVersion),
  }));

const withoutTargetVersion = <A extends { targetRef?: { resourceVersion?: string } }>(a: A): A => {
  if (a.targetRef?.resourceVersion === undefined) return a;
  const { resourceVersion: _ignored, ...ref } = a.targetRef;
  return { ...a, targetRef: ref };
};

const isNamespaceTerminating = (err: unknown): boolean =>
  err instanceof StatusError && (err.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating');

/**
 * Brings the Endpoints of the Service `key` up to date.
 * @throws StaleCacheError when the cache is behind this controller's writes (retry later); the API error of a
 *   failed write otherwise (after recording a FailedToCreateEndpoint / FailedToUpdateEndpoint event).
 */
export async function syncEndpoints(deps: EndpointsSyncDeps, key: ObjectName): Promise<void> {
  const { namespace, name } = key;
  const service = deps.services.get(namespace, name);
  if (service === undefined) {
    try {
      await deps.client.delete(namespace, name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    deps.triggerTimes.deleteService(namespace, name);
    deps.stale.delete(namespace, name);
    return;
  }
  const selector = serviceSelector(service);
  if (selector === undefined) return;

  const pods = selectPods(deps.pods, namespace, selector);
  // Computed even when nothing is written, so that the tracker sees every state.
  const triggerTime = deps.triggerTimes.compute(namespace, service, pods);
  const { subsets: truncatedSubsets, truncated } = truncateSubsets(desiredSubsets(service, pods).subsets);

  const current = deps.endpoints.get(namespace, name);
  if (current !== undefined && deps.stale.isStale(current)) {
    throw new StaleCacheError(
      `endpoints informer cache is out of date, resource version ${current.metadata?.resourceVersion ?? ''} already processed for endpoints ${namespace}/${name}`,
    );
  }
  const serviceLabels: Labels = { ...(service.metadata?.labels ?? {}) };
  if (current !== undefined) {
    const { [HEADLESS_SERVICE_LABEL]: _headless, ...compareLabels } = current.metadata?.labels ?? {};
    const annotations = current.metadata?.annotations ?? {};
    if (
      semanticEqual(withoutTargetVersions(current.subsets), withoutTargetVersions(truncatedSubsets)) &&
      semanticEqual(compareLabels, serviceLabels) &&
      (annotations[OVER_CAPACITY_ANNOTATION] !== undefined) === truncated
    ) {
      return;
    }
  }

  const next = desiredEndpoints(current, service, truncatedSubsets, truncated, triggerTime);
  try {
    if (current === undefined) {
      await deps.client.create(namespace, next);
    } else {
      const updated = await deps.client.update(namespace, next);
      if (updated.metadata?.resourceVersion !== current.metadata?.resourceVersion) deps.stale.markReplaced(current);
    }
  } catch (err) {
    if (current === undefined && isNamespaceTerminating(err)) return;
    // Both mean the cache has not seen a write yet: try again once it has.
    if (isAlreadyExists(err) || isConflict(err)) throw new StaleCacheError((err as Error).message);
    const message = err instanceof Error ? err.message : String(err);
    if (current === undefined) {
      deps.recorder.event(
        next,
        EventType.Warning,
        'FailedToCreateEndpoint',
        `Failed to create endpoint for service ${namespace}/${name}: ${message}`,
      );
    } else {
      deps.recorder.event(
        next,
        EventType.Warning,
        'FailedToUpdateEndpoint',
        `Failed to update endpoint ${namespace}/${name}: ${message}`,
      );
    }
    throw err;
  }
}

/** The Endpoints object to write: the cached one (copied) or a new one, with the computed content. */
function desiredEndpoints(
  current: Endpoints | undefined,
  service: Service,
  subsets: readonly Subset[],
  truncated: boolean,
  triggerTime: number | undefined,
): Endpoints {
  const next: Endpoints =
    current === undefined
      ? { metadata: { name: service.metadata?.name ?? '', namespace: service.metadata?.namespace ?? '' } }
      : structuredClone(current);
  next.apiVersion = 'v1';
  next.kind = 'Endpoints';
  const metadata = (next.metadata ??= {});
  if (subsets.length > 0) next.subsets = structuredClone([...subsets]);
  else delete next.subsets;

  const labels: Labels = { ...(service.metadata?.labels ?? {}) };
  if (isServiceIPSet(service)) delete labels[HEADLESS_SERVICE_LABEL];
  else labels[HEADLESS_SERVICE_LABEL] = '';
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  else delete metadata.labels;

  const annotations: Labels = { ...(metadata.annotations ?? {}) };
  if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION] = formatTriggerTime(triggerTime);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME_ANNOTATION];
  if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = TRUNCATED;
  else delete annotations[OVER_CAPACITY_ANNOTATION];
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return next;
}
