/**
 * The Skiff client library: what every component (scheduler, controllers, kubelet, proxy, dns) builds on.
 * rest → watch → informers (reflector → delta FIFO → indexer → shared informer) → listers; work queues;
 * leader election. Test doubles (FakeClock, FakeApiServer, FakeWatch) are in ./testing/index.ts.
 */
export { type Clock, realClock, sleep, type Timer } from './clock/clock.js';
export { TokenBucket } from './flowcontrol/token-bucket.js';
export type { KubeObject, ListMeta, ObjectList, ObjectMetaLike } from './kube-object.js';

export { ApiError, apiErrorFromResponse, type RequestContext, TransportError } from './rest/api-error.js';
export type { ClientConfig } from './rest/client-config.js';
export * from './rest/error-predicates.js';
export { KubeconfigError, type KubeconfigOptions, loadKubeconfig, parseKubeconfig } from './rest/kubeconfig.js';
export {
  type DeleteOptions,
  type ListOptions,
  type PatchOptions,
  PatchType,
  type Preconditions,
  type WatchOptions,
  type WriteOptions,
} from './rest/request-options.js';
export { ResourceClient } from './rest/resource-client.js';
export { type ResourceDescriptor, resourcePath } from './rest/resource-path.js';
export { RestClient, type RestClientOptions } from './rest/rest-client.js';
export type { HttpMethod, RequestOptions, ResponseStream, Transport } from './rest/transport.js';

export { decodeWatchEvents, WatchDecodeError } from './watch/decode-events.js';
export { type Watch, type WatchEvent, WatchEventType } from './watch/watch-event.js';
export { WatchStream } from './watch/watch-stream.js';

export { Backoff, type BackoffOptions } from './informers/backoff.js';
export { type Delta, DeltaFIFO, DeltaType, type ReflectorStore, type TransformFunc } from './informers/delta-fifo.js';
export type { HandlerRegistration, ResourceEventHandler } from './informers/event-handler.js';
export {
  type IndexFunc,
  Indexer,
  type Indexers,
  NAMESPACE_INDEX,
  namespaceIndexFunc,
  type Store,
} from './informers/indexer.js';
export { listAllPages } from './informers/list-pager.js';
export { type ListerWatcher, listWatchFromClient, type Selectors } from './informers/list-watch.js';
export { DeletedFinalStateUnknown, deletionHandlingKey, objectKey, splitObjectKey } from './informers/object-key.js';
export { Reflector, type ReflectorOptions } from './informers/reflector.js';
export { SharedInformer, type SharedInformerOptions } from './informers/shared-informer.js';
export { stripManagedFields } from './informers/strip-managed-fields.js';
export {
  type ResourceClientSource,
  SharedInformerFactory,
  type SharedInformerFactoryOptions,
} from './informers/shared-informer-factory.js';
export { waitForCacheSync } from './informers/wait-for-cache-sync.js';
export { Lister, type NamespaceLister } from './listers/lister.js';

export { DelayingQueue } from './workqueue/delaying-queue.js';
export {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
  type RateLimiter,
} from './workqueue/rate-limiters.js';
export { RateLimitingQueue } from './workqueue/rate-limiting-queue.js';
export { type QueueGet, WorkQueue } from './workqueue/work-queue.js';

export { type LeaderElectionRecord } from './leader-election/leader-election-record.js';
export { type LeaderCallbacks, type LeaderElectionConfig, LeaderElector } from './leader-election/leader-elector.js';
export { LEASES, LeaseLock } from './leader-election/lease-lock.js';
export type { ResourceLock } from './leader-election/resource-lock.js';
