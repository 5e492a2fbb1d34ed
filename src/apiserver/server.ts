import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../storage/store.js';
import { versionInfo } from './version.js';

export interface ApiServerOptions {
  readonly store: Store;
  readonly host: string;
  readonly port: number;
}

/**
 * The API server. So far it serves only health and version: the REST API, TLS and authentication are
 * the next issue. It is still the only component holding the store.
 */
export class ApiServer {
  private readonly http: Server;

  constructor(private readonly options: ApiServerOptions) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => sendJson(res, 500, internalError(err)));
    });
  }

  /** Starts listening; resolves with the URL once it accepts connections. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port, this.options.host, () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    return `http://${this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host}:${port}`;
  }

  /** Stops accepting requests and ends open connections. */
  async close(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    switch (path) {
      case '/healthz':
      case '/livez':
      case '/readyz':
        await this.options.store.currentRevision();
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok');
        return;
      case '/version':
        sendJson(res, 200, versionInfo());
        return;
      default:
        sendJson(res, 404, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'the server could not find the requested resource',
          reason: 'NotFound',
          details: {},
          code: 404,
        });
    }
  }
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function internalError(err: unknown) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
    reason: 'InternalError',
    details: {},
    code: 500,
  };
}
