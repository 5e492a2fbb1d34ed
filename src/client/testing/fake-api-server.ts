/**
 * A Kubernetes-shaped API server for client tests, on 127.0.0.1 over node's http or https: get, list (with
 * limit/continue and label selectors), create, update, merge patch, delete and watch (from a resourceVersion,
 * with bookmarks and 410 after `compact`) of any resource, backed by a FakeObjectStore. Tests can inject one-off
 * answers, split watch lines across writes, and end open watches. Not a conformance target: just enough API.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseLabelSelector } from '../../machinery/labels/index.js';
import {
  alreadyExists,
  conflict,
  notFound,
  OPTIMISTIC_LOCK_MESSAGE,
  resourceExpired,
  success,
} from '../../machinery/status.js';
import { FakeObjectStore, type JsonObject, matches, type StoredEvent } from './fake-object-store.js';
import { mergePatch, reply, replyError } from './fake-api-replies.js';
import { type ApiRoute, parseRoute } from './fake-api-route.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface InjectedAnswer {
  readonly code: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Never answer (the connection stays open until the client gives up or the server stops). */
  readonly hold?: boolean;
}

export interface FakeApiServerOptions {
  /** Serve https with this certificate; `ca` + `requestCert` demand client certificates signed by it. */
  readonly tls?: { readonly key: string; readonly cert: string; readonly ca?: string; readonly requestCert?: boolean };
  /** When set, demand `Authorization: Bearer <token>` (401 otherwise). */
  readonly token?: string;
}

interface OpenWatch {
  readonly res: http.ServerResponse;
  readonly route: ApiRoute;
  readonly bookmarks: boolean;
  lastRev: number;
}

export class FakeApiServer {
  readonly store = new FakeObjectStore();
  readonly requests: RecordedRequest[] = [];
  /** When true, each watch line is written in two pieces a few milliseconds apart (a split mid-line). */
  splitWatchWrites = false;
  private readonly server: http.Server;
  private readonly injected: { match: (r: RecordedRequest) => boolean; answer: InjectedAnswer }[] = [];
  private readonly watches = new Set<OpenWatch>();
  private readonly unsubscribe: () => void;
  private writes = Promise.resolve();

  constructor(private readonly options: FakeApiServerOptions = {}) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => this.handle(req, res);
    this.server = options.tls
      ? https.createServer({ ...options.tls, rejectUnauthorized: options.tls.requestCert === true }, handler)
      : http.createServer(handler);
    this.unsubscribe = this.store.subscribe((event) => this.fanOut(event));
  }

  /** Starts listening on a free port of 127.0.0.1; resolves to the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  }

  /** Ends open watches, drops every connection and stops listening. */
  async stop(): Promise<void> {
    this.unsubscribe();
    this.endWatches();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next request for which `match` holds gets `answer` instead of being served. */
  inject(match: (r: RecordedRequest) => boolean, answer: InjectedAnswer): void {
    this.injected.push({ match, answer });
  }

  /** Sends a BOOKMARK at the current revision to every open watch that allowed bookmarks. */
  bookmark(): void {
    for (const w of this.watches) {
      if (!w.bookmarks) continue;
      const object = { kind: 'Bookmark', metadata: { resourceVersion: String(this.store.rev) } };
      this.send(w, { type: 'BOOKMARK', object });
    }
  }

  /** Ends every open watch normally (as a server-side timeout does). */
  endWatches(): void {
    for (const w of this.watches) this.writes = this.writes.then(() => void w.res.end());
    this.watches.clear();
  }

  /** How many watches are open now. */
  openWatchCount(): number {
    return this.watches.size;
  }

  /** The recorded requests that were watches (query `watch=true`). */
  watchRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.query.get('watch') === 'true' || r.query.get('watch') === '1');
  }

  /** The recorded requests that were lists (GET on a collection, no watch). */
  listRequests(): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === 'GET' && parseRoute(r.path)?.name === undefined && !r.query.has('watch'),
    );
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(recorded);
      this.serve(recorded, res);
    });
  }

  private serve(r: RecordedRequest, res: http.ServerResponse): void {
    const injected = this.injected.findIndex((i) => i.match(r));
    const answer = injected >= 0 ? this.injected.splice(injected, 1)[0]?.answer : undefined;
    if (answer?.hold) return;
    if (answer !== undefined) return reply(res, answer.code, answer.body, answer.headers);
    if (this.options.token !== undefined && r.headers.authorization !== `Bearer ${this.options.token}`) {
      return reply(res, 401, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 401,
        reason: 'Unauthorized',
        message: 'Unauthorized',
      });
    }
    const route = parseRoute(r.path);
    if (route === undefined) return reply(res, 404, '404 page not found');
    const gr = { group: route.group, resource: route.resource };
    const { store } = this;
    const body = r.body === '' ? {} : (JSON.parse(r.body) as JsonObject);
    switch (r.method) {
      case 'GET': {
        if (route.name === undefined) {
          return r.query.has('watch') ? this.watch(r, route, res) : this.list(r, route, res);
        }
        const found = store.get(route.collection, route.namespace, route.name);
        return found ? reply(res, 200, found) : replyError(res, notFound(gr, route.name));
      }
      case 'POST': {
        const object = { ...body, metadata: { ...body.metadata, namespace: route.namespace || undefined } };
        const created = store.create(route.collection, object);
        return created === 'exists'
          ? replyError(res, alreadyExists(gr, String(body.metadata?.['name'])))
          : reply(res, 201, created);
      }
      case 'PUT':
      case 'PATCH': {
        const name = route.name ?? '';
        const current = store.get(route.collection, route.namespace, name);
        if (current === undefined) return replyError(res, notFound(gr, name));
        const next =
          r.method === 'PUT'
            ? { ...body, metadata: { ...body.metadata, namespace: route.namespace || undefined } }
            : mergePatch(current, body);
        const updated = store.update(route.collection, next);
        if (updated === 'conflict') return replyError(res, conflict(gr, name, OPTIMISTIC_LOCK_MESSAGE));
        return updated === 'missing' ? replyError(res, notFound(gr, name)) : reply(res, 200, updated);
      }
      case 'DELETE': {
        const removed = store.remove(route.collection, route.namespace, route.name ?? '');
        return removed
          ? reply(res, 200, success({ name: route.name ?? '', kind: route.resource }))
          : replyError(res, notFound(gr, route.name ?? ''));
      }
      default:
        return reply(res, 405, 'method not allowed');
    }
  }

  private list(r: RecordedRequest, route: ApiRoute, res: http.ServerResponse): void {
    const selector = parseLabelSelector(r.query.get('labelSelector') ?? '');
    let items = this.store
      .list(route.collection, route.namespace)
      .filter((o) => selector.matches((o.metadata?.['labels'] ?? {}) as Record<string, string>));
    const token = r.query.get('continue');
    if (token) {
      const { rev, offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
        rev: number;
        offset: number;
      };
      if (rev < this.store.compactedRev) {
        return replyError(
          res,
          resourceExpired(
            'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          ),
        );
      }
      items = items.slice(offset);
    }
    const limit = Number(r.query.get('limit') ?? 0);
    const metadata: Record<string, unknown> = { resourceVersion: String(this.store.rev) };
    if (limit > 0 && items.length > limit) {
      const offset =
        (token ? (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset: number }).offset : 0) + limit;
      metadata['continue'] = Buffer.from(JSON.stringify({ rev: this.store.rev, offset })).toString('base64');
      metadata['remainingItemCount'] = items.length - limit;
      items = items.slice(0, limit);
    }
    reply(res, 200, { kind: 'List', apiVersion: 'v1', metadata, items });
  }

  private watch(r: RecordedRequest, route: ApiRoute, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const rv = r.query.get('resourceVersion') ?? '';
    const w: OpenWatch = {
      res,
      route,
      bookmarks: r.query.get('allowWatchBookmarks') === 'true',
      lastRev: this.store.rev,
    };
    if (rv !== '' && rv !== '0' && Number(rv) < this.store.compactedRev) {
      const message = `too old resource version: ${rv} (${this.store.compactedRev})`;
      this.send(w, { type: 'ERROR', object: resourceExpired(message).status });
      void this.writes.then(() => res.end());
      return;
    }
    this.watches.add(w);
    res.on('close', () => this.watches.delete(w));
    if (rv === '' || rv === '0') {
      for (const object of this.store.list(route.collection, route.namespace)) this.send(w, { type: 'ADDED', object });
    } else {
      for (const e of this.store.since(route.collection, route.namespace, Number(rv))) this.send(w, e);
    }
  }

  private fanOut(event: StoredEvent): void {
    for (const w of this.watches) {
      if (matches(event, w.route.collection, w.route.namespace) && event.rev > w.lastRev) this.send(w, event);
    }
  }

  /** Writes one event line, in order with earlier ones (split in two when `splitWatchWrites`). */
  private send(w: OpenWatch, event: { type: string; object: unknown }): void {
    const line = `${JSON.stringify({ type: event.type, object: event.object })}\n`;
    if ('rev' in event && typeof event.rev === 'number') w.lastRev = Math.max(w.lastRev, event.rev);
    if (!this.splitWatchWrites) {
      this.writes = this.writes.then(() => void w.res.write(line));
      return;
    }
    const cut = Math.floor(line.length / 2);
    this.writes = this.writes
      .then(() => void w.res.write(line.slice(0, cut)))
      .then(() => new Promise((resolve) => setTimeout(resolve, 3)))
      .then(() => void w.res.write(line.slice(cut)));
  }
}
