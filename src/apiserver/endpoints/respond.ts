/** Writing responses: JSON objects, Status errors, and the Warning headers collected on the way. */
import { stringify as toYaml } from 'yaml';
import { internalError, StatusError } from '../../machinery/status.js';
import type { ResponseLike } from './http-types.js';

/** `Warning: 299 - "text"` headers, as upstream formats them. */
export function warningHeaders(warnings: readonly string[]): string[] {
  return [...new Set(warnings)].map((w) => `299 - ${JSON.stringify(w)}`);
}

export function writeJson(
  res: ResponseLike,
  code: number,
  body: unknown,
  options: { warnings?: readonly string[]; mediaType?: string } = {},
): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const yaml = options.mediaType === 'application/yaml';
  const headers: Record<string, string | string[]> = {
    'content-type': yaml ? 'application/yaml' : 'application/json',
    'cache-control': 'no-cache, private',
  };
  if (options.warnings !== undefined && options.warnings.length > 0) headers.warning = warningHeaders(options.warnings);
  res.writeHead(code, headers);
  res.end(yaml ? toYaml(body) : JSON.stringify(body));
}

/** The one error boundary's output: any error as a Status (unknown errors become 500 InternalError). */
export function writeError(res: ResponseLike, err: unknown, warnings: readonly string[] = []): void {
  const statusError = err instanceof StatusError ? err : internalError(err);
  if (!(err instanceof StatusError))
    process.stderr.write(`apiserver: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  const retryAfter = statusError.status.details?.retryAfterSeconds;
  try {
    if (retryAfter !== undefined && !res.headersSent) res.setHeader('retry-after', String(retryAfter));
    writeJson(res, statusError.code, statusError.status, { warnings });
  } catch (writeErr) {
    process.stderr.write(`apiserver: cannot write an error response: ${String(writeErr)}\n`);
    if (!res.writableEnded) res.end();
  }
}
