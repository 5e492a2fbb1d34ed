/**
 * The HPACK static table (RFC 7541 Appendix A): 61 fixed header fields that both ends know, addressed by
 * indexes 1–61; the dynamic table's entries follow from index 62.
 */

/** The static table's fields; STATIC_TABLE[i - 1] is index i. */
export const STATIC_TABLE: readonly (readonly [name: string, value: string])[] = [
  [':authority', ''],
  [':method', 'GET'],
  [':method', 'POST'],
  [':path', '/'],
  [':path', '/index.html'],
  [':scheme', 'http'],
  [':scheme', 'https'],
  [':status', '200'],
  [':status', '204'],
  [':status', '206'],
  [':status', '304'],
  [':status', '400'],
  [':status', '404'],
  [':status', '500'],
  ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'],
  ['accept-language', ''],
  ['accept-ranges', ''],
  ['accept', ''],
  ['access-control-allow-origin', ''],
  ['age', ''],
  ['allow', ''],
  ['authorization', ''],
  ['cache-control', ''],
  ['content-disposition', ''],
  ['content-encoding', ''],
  ['content-language', ''],
  ['content-length', ''],
  ['content-location', ''],
  ['content-range', ''],
  ['content-type', ''],
  ['cookie', ''],
  ['date', ''],
  ['etag', ''],
  ['expect', ''],
  ['expires', ''],
  ['from', ''],
  ['host', ''],
  ['if-match', ''],
  ['if-modified-since', ''],
  ['if-none-match', ''],
  ['if-range', ''],
  ['if-unmodified-since', ''],
  ['last-modified', ''],
  ['link', ''],
  ['location', ''],
  ['max-forwards', ''],
  ['proxy-authenticate', ''],
  ['proxy-authorization', ''],
  ['range', ''],
  ['referer', ''],
  ['refresh', ''],
  ['retry-after', ''],
  ['server', ''],
  ['set-cookie', ''],
  ['strict-transport-security', ''],
  ['transfer-encoding', ''],
  ['user-agent', ''],
  ['vary', ''],
  ['via', ''],
  ['www-authenticate', ''],
];

/** The number of static entries: a decoder's dynamic entries start at index STATIC_TABLE_LENGTH + 1. */
export const STATIC_TABLE_LENGTH = STATIC_TABLE.length;

/** Where a name stands in the static table, for an encoder. */
export interface StaticName {
  /** The lowest index with this name. */
  readonly index: number;
  /** The index of each (name, value) entry, by value. */
  readonly byValue: ReadonlyMap<string, number>;
}

/** The static table by name, so an encoder finds a field's index with one or two map lookups. */
export const STATIC_NAMES: ReadonlyMap<string, StaticName> = indexByName();

function indexByName(): Map<string, StaticName> {
  const byName = new Map<string, { index: number; byValue: Map<string, number> }>();
  STATIC_TABLE.forEach(([name, value], i) => {
    let entry = byName.get(name);
    if (entry === undefined) byName.set(name, (entry = { index: i + 1, byValue: new Map() }));
    entry.byValue.set(value, i + 1);
  });
  return byName;
}
