import { InvalidContinueError } from './errors.js';

/** Where the next page of a listing starts, and the revision all its pages are read at. */
export interface Continuation {
  /** The first key of the next page (inclusive). */
  readonly start: string;
  readonly revision: number;
}

/** An opaque, URL-safe token for a continuation. */
export function encodeContinue(c: Continuation): string {
  return Buffer.from(JSON.stringify({ s: c.start, r: c.revision }), 'utf8').toString('base64url');
}

/**
 * The continuation in `token`, checked to belong to a listing of `prefix`.
 * @throws InvalidContinueError for a malformed token or one issued for another prefix.
 */
export function decodeContinue(token: string, prefix: string): Continuation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidContinueError('not a token issued by this store');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidContinueError('not a token issued by this store');
  const { s, r } = parsed as { s?: unknown; r?: unknown };
  if (typeof s !== 'string' || typeof r !== 'number' || !Number.isSafeInteger(r) || r <= 0) {
    throw new InvalidContinueError('not a token issued by this store');
  }
  if (!s.startsWith(prefix)) throw new InvalidContinueError(`the token does not continue a listing of "${prefix}"`);
  return { start: s, revision: r };
}
