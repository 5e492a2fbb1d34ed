/** ListerWatcher: the two calls a Reflector makes, bound to one resource, namespace and selectors. */
import type { KubeObject, ObjectList } from '../kube-object.js';
import type { ListOptions, WatchOptions } from '../rest/request-options.js';
import type { ResourceClient } from '../rest/resource-client.js';
import type { Watch } from '../watch/watch-event.js';

export type ListPageOptions = Pick<ListOptions, 'limit' | 'continue' | 'resourceVersion' | 'signal'>;
export type WatchFromOptions = Pick<
  WatchOptions,
  'resourceVersion' | 'allowWatchBookmarks' | 'timeoutSeconds' | 'signal'
>;

export interface ListerWatcher<T> {
  /** One page of the list. @throws as ResourceClient.list. */
  list(options: ListPageOptions): Promise<ObjectList<T>>;
  /** Opens a watch. @throws as ResourceClient.watch. */
  watch(options: WatchFromOptions): Promise<Watch<T>>;
}

export interface Selectors {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** A ListerWatcher over a ResourceClient; `namespace` '' covers all namespaces (and cluster-scoped kinds). */
export function listWatchFromClient<T extends KubeObject>(
  client: ResourceClient<T>,
  namespace = '',
  selectors: Selectors = {},
): ListerWatcher<T> {
  const chosen = {
    ...(selectors.labelSelector ? { labelSelector: selectors.labelSelector } : {}),
    ...(selectors.fieldSelector ? { fieldSelector: selectors.fieldSelector } : {}),
  };
  return {
    list: (options) => client.list(namespace, { ...chosen, ...options }),
    watch: (options) => client.watch(namespace, { ...chosen, ...options }),
  };
}
