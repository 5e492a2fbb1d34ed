/** Listing a resource from the store: selectors, pages of a consistent snapshot, resourceVersion semantics. */
import { badRequest, resourceExpired } from '../../../machinery/status.js';
import { decodeContinue, encodeContinue } from '../../../storage/continue-token.js';
import { CompactedError } from '../../../storage/errors.js';
import { keyAfter } from '../../../storage/key-range.js';
import type { Store } from '../../../storage/store.js';
import type { ApiObject } from '../strategy.js';
import { decodeObject, toStatusError } from './codec.js';
import type { Resource } from './resource.js';
import type { Selection } from './selection.js';

export interface ListOptions {
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
}

export interface ListResult {
  readonly items: ApiObject[];
  readonly resourceVersion: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

const EXPIRED_CONTINUE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** The revision a list reads at, from its resourceVersion and resourceVersionMatch. */
export function listRevision(options: ListOptions): number | undefined {
  const rv = options.resourceVersion ?? '';
  const match = options.resourceVersionMatch ?? '';
  if (match !== '' && match !== 'NotOlderThan' && match !== 'Exact') {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (match !== '' && rv === '')
    throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (rv === '' || rv === '0') return undefined;
  const n = Number(rv);
  if (!/^\d+$/.test(rv) || !Number.isSafeInteger(n)) throw badRequest(`invalid resource version "${rv}"`);
  return match === 'Exact' ? n : undefined;
}

export async function listFromStore(
  store: Store,
  resource: Resource,
  namespace: string | undefined,
  select: Selection,
  options: ListOptions,
): Promise<ListResult> {
  if (options.continue && options.resourceVersion && options.resourceVersion !== '0') {
    throw badRequest('specifying resource version is not allowed when using continue');
  }
  const prefix = resource.keys.namespacePrefix(namespace);
  const limit = options.limit !== undefined && options.limit > 0 ? options.limit : 0;
  let revision = listRevision(options);
  let start: string | undefined;
  if (options.continue) {
    try {
      const c = decodeContinue(options.continue, prefix);
      start = c.start;
      revision = c.revision;
    } catch {
      throw badRequest('continue key is not valid: the token was not issued for this list');
    }
  }
  const items: ApiObject[] = [];
  try {
    let token = start === undefined ? undefined : encodeContinue({ start, revision: revision ?? 0 });
    for (;;) {
      const page = await store.list(prefix, {
        ...(token !== undefined ? { continue: token } : revision !== undefined ? { revision } : {}),
        ...(limit > 0 ? { limit: Math.max(limit - items.length, 50) } : {}),
      });
      revision = page.revision;
      for (let i = 0; i < page.items.length; i++) {
        const kv = page.items[i]!;
        const obj = decodeObject(kv, resource.conversion);
        if (!select.test(obj)) continue;
        items.push(obj);
        if (limit > 0 && items.length === limit) {
          const more = i < page.items.length - 1 || page.continue !== undefined;
          if (!more) return { items, resourceVersion: String(revision) };
          const next = encodeContinue({ start: keyAfter(kv.key), revision });
          const remaining = select.everything ? (page.remaining ?? 0) + (page.items.length - 1 - i) : undefined;
          return {
            items,
            resourceVersion: String(revision),
            continue: next,
            ...(remaining !== undefined ? { remainingItemCount: remaining } : {}),
          };
        }
      }
      if (page.continue === undefined) return { items, resourceVersion: String(revision) };
      token = page.continue;
    }
  } catch (err) {
    if (err instanceof CompactedError && options.continue) throw resourceExpired(EXPIRED_CONTINUE);
    throw toStatusError(err);
  }
}
