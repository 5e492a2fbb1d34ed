/**
 * Watching a resource: the store's changes as Kubernetes watch events (ADDED, MODIFIED, DELETED), filtered
 * by the request's selectors — an object that stops matching is DELETED for that watcher, one that starts
 * matching is ADDED — optionally preceded by the current state as ADDED events.
 */
import { badRequest, type Status } from '../../../machinery/status.js';
import type { Store, WatchEvent } from '../../../storage/store.js';
import type { ApiObject } from '../strategy.js';
import { decodeObject, toStatusError } from './codec.js';
import type { Resource } from './resource.js';
import type { Selection } from './selection.js';

export type ApiWatchEvent =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED'; readonly object: ApiObject }
  /** Progress: every event up to `resourceVersion` was sent; `initialEventsEnd` after the initial state. */
  | { readonly type: 'BOOKMARK'; readonly resourceVersion: string; readonly initialEventsEnd: boolean }
  | { readonly type: 'ERROR'; readonly object: Status };

export interface WatchOptions {
  readonly resourceVersion?: string;
  /** Whether to start with the current objects as ADDED events (default: when resourceVersion is "" or "0"). */
  readonly sendInitialEvents?: boolean;
  readonly signal?: AbortSignal;
}

/** The revision a watch starts after, or undefined to start from the current state. */
export function watchStart(resourceVersion: string | undefined): number | undefined {
  if (resourceVersion === undefined || resourceVersion === '' || resourceVersion === '0') return undefined;
  if (!/^\d+$/.test(resourceVersion)) throw badRequest(`invalid resource version "${resourceVersion}"`);
  return Number(resourceVersion);
}

/** Events of one watch; an expired start revision yields one ERROR event (410 Expired) and ends. */
export async function* watchFromStore(
  store: Store,
  resource: Resource,
  namespace: string | undefined,
  select: Selection,
  options: WatchOptions,
): AsyncGenerator<ApiWatchEvent> {
  const prefix = resource.keys.namespacePrefix(namespace);
  let after = watchStart(options.resourceVersion);
  const initial = options.sendInitialEvents ?? after === undefined;
  try {
    if (after === undefined || initial) {
      const listed = await store.list(prefix, after === undefined ? {} : { revision: after });
      after = listed.revision;
      if (initial) {
        for (const kv of listed.items) {
          const obj = decodeObject(kv, resource.conversion);
          if (select.test(obj)) yield { type: 'ADDED', object: obj };
        }
        if (options.sendInitialEvents === true) {
          yield { type: 'BOOKMARK', resourceVersion: String(listed.revision), initialEventsEnd: true };
        }
      }
    }
    const signal = options.signal;
    for await (const event of store.watch(
      prefix,
      signal === undefined ? { afterRevision: after } : { afterRevision: after, signal },
    )) {
      const out = toApiEvent(event, select, resource);
      if (out !== undefined) yield out;
    }
  } catch (err) {
    // A compacted start revision becomes 410 Expired: clients relist.
    yield { type: 'ERROR', object: toStatusError(err).status };
  }
}

/** A store event as one watcher sees it through its selection, or undefined when it does not concern it. */
export function toApiEvent(event: WatchEvent, select: Selection, resource: Resource): ApiWatchEvent | undefined {
  const obj = decodeObject(event.kv, resource.conversion);
  if (event.type === 'deleted') return select.test(obj) ? { type: 'DELETED', object: obj } : undefined;
  const matchesNow = select.test(obj);
  if (event.type === 'created') return matchesNow ? { type: 'ADDED', object: obj } : undefined;
  if (select.everything) return { type: 'MODIFIED', object: obj };
  const matchedBefore = event.prevKv !== undefined && select.test(decodeObject(event.prevKv, resource.conversion));
  if (matchesNow) return { type: matchedBefore ? 'MODIFIED' : 'ADDED', object: obj };
  return matchedBefore ? { type: 'DELETED', object: obj } : undefined;
}
