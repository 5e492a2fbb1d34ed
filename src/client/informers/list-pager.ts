/** Lists a whole collection in pages, as a Reflector's (re)list does. */
import { isGoneOrExpired } from '../rest/error-predicates.js';
import type { ListerWatcher } from './list-watch.js';

export interface FullList<T> {
  readonly items: T[];
  /** The resourceVersion the list is consistent at: watch from here. */
  readonly resourceVersion: string;
}

/**
 * Fetches every page (`limit` = `pageSize`, following `continue`), all from one consistent snapshot. When the
 * snapshot expires mid-way (410 on a continue token), lists again in one request without pagination.
 * @throws whatever the list calls throw otherwise (a 410 on the first page included).
 */
export async function listAllPages<T>(
  lw: ListerWatcher<T>,
  pageSize: number,
  signal?: AbortSignal,
): Promise<FullList<T>> {
  const items: T[] = [];
  let resourceVersion = '';
  let token: string | undefined;
  try {
    do {
      const page = await lw.list({
        limit: pageSize,
        ...(token === undefined ? {} : { continue: token }),
        ...(signal === undefined ? {} : { signal }),
      });
      items.push(...page.items);
      resourceVersion = page.metadata.resourceVersion ?? '';
      token = page.metadata.continue || undefined;
    } while (token !== undefined);
  } catch (err) {
    if (token === undefined || !isGoneOrExpired(err)) throw err;
    const whole = await lw.list(signal === undefined ? {} : { signal });
    return { items: whole.items, resourceVersion: whole.metadata.resourceVersion ?? '' };
  }
  return { items, resourceVersion };
}
