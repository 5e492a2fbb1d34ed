/** How FakeApiServer answers: JSON or text bodies, Status errors, and the merge patch it applies. */
import type * as http from 'node:http';
import type { JsonObject } from './fake-object-store.js';

/** Answers `code` with `body`: text as is, anything else as JSON. */
export function reply(
  res: http.ServerResponse,
  code: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? {});
  res.writeHead(code, { 'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

/** Answers a StatusError with its Status. */
export function replyError(res: http.ServerResponse, err: { status: { code: number } }): void {
  reply(res, err.status.code, err.status);
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): JsonObject {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch as JsonObject;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out as JsonObject;
}
