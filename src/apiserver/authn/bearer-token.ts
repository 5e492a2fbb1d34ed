import type { RequestHeaders } from './authenticator.js';

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when there is none (no header,
 * another scheme, or an empty token). The scheme is matched case-insensitively, as upstream does.
 */
export function bearerToken(headers: RequestHeaders): string | undefined {
  const header = headers['authorization'];
  if (typeof header !== 'string') return undefined;
  const parts = header.trim().split(' ');
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'bearer') return undefined;
  const token = parts[1]!;
  return token === '' ? undefined : token;
}
