/** Writing responses: JSON objects, Status errors, and the Warning headers collected on the way. */
import { stringify as toYaml } from 'yaml';
import { internalError, StatusError } from '../../machinery/status.js';
import type { ResponseLike } from './http-types.js';

/**
 * `Warning: 299 - "text"` headers, as upstream formats them. Anything outside printable ASCII is escaped
 * (a header may not carry it), so a warning about a field named with any bytes still reaches the client.
 */
export function warningHeaders(warnings: readonly string[]): string[] {
  const printable = (w: string): string =>
    JSON.stringify(w).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [...new Set(warnings)].map((w) => `299 - ${printable(w)}`);
}

export function writeJson(
  res: ResponseLike,
  code: number,
  body: unknown,
  options: { warnings?: readonly string[]; mediaType?: string } = {},
): void {
  const yaml = options.mediaType === 'application/yaml';
  writeText(
    res,
    code,
    yaml ? 'application/yaml' : 'application/json',
    yaml ? toYaml(body) : JSON.stringify(body),
    options,
  );
}

/** As writeJson, for a body that is JSON text already. */
export function writeJsonText(
  res: ResponseLike,
  code: number,
  text: string,
  options: { warnings?: readonly string[] } = {},
): void {
  writeText(res, code, 'application/json', text, options);
}

function writeText(
  res: ResponseLike,
  code: number,
  contentType: string,
  text: string,
  options: { warnings?: readonly string[] },
): void {
  // An answer already under way (a watch that failed mid-stream) can only be ended.
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  const headers: Record<string, string | string[]> = {
    'content-type': contentType,
    'cache-control': 'no-cache, private',
    // With its length known, an HTTP/1.1 answer goes out whole instead of as chunks.
    'content-length': String(Buffer.byteLength(text)),
  };
  if (options.warnings !== undefined && options.warnings.length > 0) headers.warning = warningHeaders(options.warnings);
  res.writeHead(code, headers);
  res.end(text);
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
    if (!res.headersSent) writeJson(res, statusError.code, statusError.status);
    else if (!res.writableEnded) res.end();
  }
}
