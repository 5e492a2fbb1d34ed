/** A request's header block as the handlers take it, checked as RFC 9113 §8.2 and §8.3 ask. */
import type { IncomingHttpHeaders } from 'node:http';

export interface RequestHead {
  readonly method: string;
  readonly path: string;
  /** Lower-case names, the pseudo-headers among them (as Node's HTTP/2 server gives them); repeats joined. */
  readonly headers: IncomingHttpHeaders;
  /** The declared content-length, or -1. */
  readonly contentLength: number;
}

/** Headers that belong to an HTTP/1.1 connection and make an HTTP/2 request malformed. */
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/**
 * The request's method, path and headers; undefined when the block makes a malformed request (a missing or
 * repeated pseudo-header, one after a regular field, a name that is not a lower-case token, a value with NUL,
 * CR, LF or white space at an end, a path not starting with `/`, a connection header, a `te` other than
 * `trailers`, an unreadable content-length), which the connection resets as PROTOCOL_ERROR.
 */
export function requestHeaders(fields: readonly (readonly [string, string])[]): RequestHead | undefined {
  const headers = Object.create(null) as Record<string, string>;
  let method: string | undefined;
  let path: string | undefined;
  let scheme: string | undefined;
  let regular = false;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const name = field[0];
    const value = field[1];
    if (!validValue(value)) return undefined;
    if (name.charCodeAt(0) === 58 /* ':' */) {
      if (regular || headers[name] !== undefined) return undefined;
      if (name === ':method') method = value;
      else if (name === ':path') path = value;
      else if (name === ':scheme') scheme = value;
      else if (name !== ':authority') return undefined;
      headers[name] = value;
      continue;
    }
    regular = true;
    if (!validName(name)) return undefined;
    if (CONNECTION_HEADERS.has(name) || (name === 'te' && value !== 'trailers')) return undefined;
    const before = headers[name];
    if (before === undefined) headers[name] = value;
    else headers[name] = `${before}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  if (method === undefined || method === '' || method === 'CONNECT') return undefined;
  if (path === undefined || scheme === undefined) return undefined;
  if (path.charCodeAt(0) !== 47 /* '/' */ && !(path === '*' && method === 'OPTIONS')) return undefined;
  const declared = headers['content-length'];
  let contentLength = -1;
  if (declared !== undefined) {
    if (!/^\d{1,15}$/.test(declared)) return undefined;
    contentLength = Number(declared);
  }
  return { method, path, headers: headers as IncomingHttpHeaders, contentLength };
}

/** Which octets a field name may hold: RFC 9110's token characters, lower-case only (RFC 9113 §8.2.1). */
const NAME_OCTETS = (() => {
  const ok = new Uint8Array(128);
  for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz") ok[c.charCodeAt(0)] = 1;
  return ok;
})();

function validName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 128 || NAME_OCTETS[c] === 0) return false;
  }
  return true;
}

/** No NUL, CR or LF, and no space or tab at either end (RFC 9113 §8.2.1). */
function validValue(value: string): boolean {
  const n = value.length;
  if (n === 0) return true;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x00 || c === 0x0a || c === 0x0d) return false;
  }
  return true;
}
