/**
 * Watch responses: a stream of `{"type":…,"object":…}` lines (objects or one-row Tables), with bookmarks
 * when asked for, ending at `timeoutSeconds` or when the client goes away.
 */
import { badRequest } from '../../machinery/status.js';
import { selection } from '../registry/generic/selection.js';
import type { ApiWatchEvent } from '../registry/generic/watch.js';
import { printerFor, toTable, parseIncludeObject } from '../table/index.js';
import { type ApiRequest, namespaceOf } from './api-request.js';
import { withTypeMeta } from './represent.js';
import { backlogged } from './backlog.js';
import { apiVersionOf } from '../../api/schema/kind.js';

/** How often an idle watch with allowWatchBookmarks gets a BOOKMARK. */
const BOOKMARK_INTERVAL_MS = 30_000;

export async function watchObjects(r: ApiRequest): Promise<void> {
  const select = selection(r.resource, r.query.get('labelSelector') ?? '', r.query.get('fieldSelector') ?? '');
  const timeoutSeconds = parseTimeout(r.query.get('timeoutSeconds'));
  const bookmarks = isTrue(r.query.get('allowWatchBookmarks'));
  const sendInitial = r.query.get('sendInitialEvents');
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  r.signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(stop, timeoutSeconds * 1000);
  const events = r.registry.watchCache().watch(namespaceOf(r), select, {
    ...(r.query.get('resourceVersion') === null ? {} : { resourceVersion: r.query.get('resourceVersion') ?? '' }),
    ...(sendInitial === null ? {} : { sendInitialEvents: isTrue(sendInitial) }),
    signal: controller.signal,
  });
  const table = r.representation.as === 'Table';
  r.res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
  });
  // HTTP/1.1 holds headers until the first write: a client waits for them before it reads events.
  r.res.flushHeaders?.();
  let lastRevision = r.query.get('resourceVersion') ?? '0';
  let headersSent = false;
  const bookmarkTimer = bookmarks
    ? setInterval(
        () => write({ type: 'BOOKMARK', object: bookmarkObject(r, lastRevision, false) }),
        BOOKMARK_INTERVAL_MS,
      )
    : undefined;
  const send = burstWriter(r.res);
  const write = (line: unknown): void => send(`${JSON.stringify(line)}\n`);
  const cache = r.registry.watchCache();
  const { kind } = r.resource;
  const apiVersion = apiVersionOf(kind);
  try {
    for await (const event of events) {
      if (event.type === 'BOOKMARK') {
        lastRevision = event.resourceVersion;
        if (bookmarks)
          write({ type: 'BOOKMARK', object: bookmarkObject(r, event.resourceVersion, event.initialEventsEnd) });
        continue;
      }
      if (event.type === 'ERROR') {
        write(event);
        break;
      }
      const rv = (event.object.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
      if (rv !== undefined) lastRevision = rv;
      if (table) write({ type: event.type, object: asTable(r, event, !headersSent) });
      else if (!r.res.writableEnded) send(cache.line(event.type, event.object, apiVersion, kind.kind));
      headersSent = true;
      const backlog = backlogged(r.res);
      if (backlog !== undefined) await backlog;
    }
  } finally {
    clearTimeout(timer);
    if (bookmarkTimer !== undefined) clearInterval(bookmarkTimer);
    r.signal.removeEventListener('abort', stop);
    controller.abort();
    if (!r.res.writableEnded) r.res.end();
  }
}

/**
 * A writer for a watch response that sends a burst of events (a batch commit delivers many in one turn) in one
 * system call instead of one each: the first write of a turn corks the response, and it is uncorked once the
 * turn's queued work is done. Responses that cannot cork (HTTP/2) are written at once.
 */
function burstWriter(res: ApiRequest['res']): (chunk: string) => void {
  if (res.cork === undefined || res.uncork === undefined) {
    return (chunk) => {
      if (!res.writableEnded) res.write(chunk);
    };
  }
  let corked = false;
  const release = (): void => {
    corked = false;
    res.uncork?.();
  };
  return (chunk) => {
    if (res.writableEnded) return;
    if (!corked) {
      corked = true;
      res.cork?.();
      process.nextTick(release);
    }
    res.write(chunk);
  };
}

function asTable(
  r: ApiRequest,
  event: Extract<ApiWatchEvent, { object: Record<string, unknown> & { metadata?: unknown } }>,
  headers: boolean,
) {
  const version = r.representation.as === 'Table' ? r.representation.version : 'v1';
  const meta = (event.object.metadata ?? {}) as { resourceVersion?: string };
  return toTable([withTypeMeta(r, event.object as never)], printerFor(r.resource.kind.group, r.resource.kind.kind), {
    includeObject: parseIncludeObject(r.query.get('includeObject') ?? undefined),
    ...(meta.resourceVersion === undefined ? {} : { resourceVersion: meta.resourceVersion }),
    now: r.now(),
    noHeaders: !headers,
    version,
  });
}

function bookmarkObject(r: ApiRequest, resourceVersion: string, initialEventsEnd: boolean): Record<string, unknown> {
  const metadata: Record<string, unknown> = { resourceVersion };
  if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return { kind: r.resource.kind.kind, apiVersion: apiVersionOf(r.resource.kind), metadata };
}

function parseTimeout(value: string | null): number {
  if (value === null || value === '') return 1800 + Math.floor(Math.random() * 1800);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`invalid timeoutSeconds: ${value}`);
  return n === 0 ? 1800 : n;
}

const isTrue = (v: string | null): boolean => v === 'true' || v === '1' || v === 'True';
