/**
 * The order of a merged list, as upstream's strategic merge patch fixes it: elements named by the patch
 * (or by `$setElementOrder`) keep the patch's order, elements only the server had keep theirs, and the
 * two are interleaved so that a server element goes first only when it came before a patch element in
 * the server's list. A new element therefore lands before the server elements it was not placed after.
 */
import { badArgType, DIRECTIVE_MARKER, noMergeKey, notAMap } from './strategic-errors.js';
import { getMember, hasMember, isJsonObject } from './json-value.js';

/** Maps are matched by their merge key's value, scalars by themselves. */
export type ElementKind = 'map' | 'scalar';

/** What identifies an element for ordering: its merge key's value for maps, the element for scalars. */
const identity = (item: unknown, mergeKey: string, kind: ElementKind): unknown =>
  kind === 'map' ? (isJsonObject(item) ? getMember(item, mergeKey) : undefined) : item;

/** The position of each element's identity in a list (its first occurrence), -1 when absent. */
function positions(order: readonly unknown[], mergeKey: string, kind: ElementKind): (item: unknown) => number {
  const first = new Map<unknown, number>();
  order.forEach((item, i) => {
    const id = identity(item, mergeKey, kind);
    if (!first.has(id)) first.set(id, i);
  });
  return (item) => first.get(identity(item, mergeKey, kind)) ?? -1;
}

/** Throws unless every element of the lists is a map carrying the merge key. */
function requireMergeKeys(mergeKey: string, ...lists: readonly (readonly unknown[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw badArgType('map', item);
      if (!hasMember(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/**
 * Sorts `toSort` by the positions its elements have in `order` (stably); `$patch: delete` elements go
 * last. When some element is absent from `order`, upstream's comparator is not an ordering; then this
 * runs the insertion sort upstream's stable sort uses for short lists, with the same comparator.
 */
function sortByOrder(
  toSort: readonly unknown[],
  order: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  let items = [...toSort];
  let deletions: unknown[] = [];
  if (kind === 'map') {
    requireMergeKeys(mergeKey, toSort, order);
    deletions = items.filter((item) => getMember(item as Record<string, unknown>, DIRECTIVE_MARKER) === 'delete');
    items = items.filter((item) => getMember(item as Record<string, unknown>, DIRECTIVE_MARKER) !== 'delete');
  }
  const position = positions(order, mergeKey, kind);
  const at = items.map(position);
  if (at.every((p) => p >= 0)) {
    const indexed = items.map((item, i) => ({ item, p: at[i] ?? -1 }));
    indexed.sort((a, b) => a.p - b.p);
    return [...indexed.map((x) => x.item), ...deletions];
  }
  const less = (a: unknown, b: unknown): boolean => {
    const pa = position(a);
    const pb = position(b);
    return pa >= 0 && pb >= 0 ? pa < pb : true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      [items[j], items[j - 1]] = [items[j - 1], items[j]];
    }
  }
  return [...items, ...deletions];
}

/**
 * Interleaves server-only elements (`left`) into patch elements (`right`), both already sorted: a server
 * element is taken first only when both are in `serverOrder` and it comes earlier there.
 */
function interleave(
  left: readonly unknown[],
  right: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const position = positions(serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = position(left[i]);
      const ri = position(right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * The final order of a merged list: `patchItems` sorted by `patchOrder`, `serverOnly` sorted by
 * `serverOrder`, then interleaved by `serverOrder`.
 */
export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const fromPatch = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const fromServer = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return interleave(fromServer, fromPatch, serverOrder, mergeKey, kind);
}

/** Splits a merged list into the elements `by` names and the others, each in list order. */
export function partitionByPresence(
  merged: readonly unknown[],
  by: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): { named: unknown[]; others: unknown[] } {
  const named: unknown[] = [];
  const others: unknown[] = [];
  if (kind === 'scalar') {
    const present = new Set(by);
    for (const item of merged) (present.has(item) ? named : others).push(item);
    return { named, others };
  }
  for (const item of merged) {
    if (!isJsonObject(item)) throw badArgType('map', item);
    if (!hasMember(item, mergeKey)) throw noMergeKey(item, mergeKey);
    (findByMergeKey(by, mergeKey, item[mergeKey]) >= 0 ? named : others).push(item);
  }
  return { named, others };
}

/** The index of the first map whose merge key has the value, or -1; throws when an element is not a map. */
export function findByMergeKey(list: readonly unknown[], mergeKey: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isJsonObject(item)) throw notAMap(i);
    if (hasMember(item, mergeKey) && item[mergeKey] === value) return i;
  }
  return -1;
}
