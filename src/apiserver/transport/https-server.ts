import { createServer as createHttp1Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { internalError } from '../../machinery/status.js';
import { H2ServerSession } from './h2/h2-server-session.js';
import type { HttpRequest, HttpResponse, RequestHandler, UpgradeHandler } from './http-types.js';

/** The PEM material the server needs: its certificate and key, and the CA client certificates come from. */
export interface ServingPki {
  readonly ca: { readonly certPem: string };
  readonly serving: { readonly certPem: string; readonly keyPem: string };
}

export interface HttpsServerOptions {
  /** The address to bind (`127.0.0.1`, `0.0.0.0`, `::`, …). */
  readonly host: string;
  /** The port; 0 picks a free one. */
  readonly port: number;
  readonly pki: ServingPki;
  readonly handler: RequestHandler;
  /** Receives HTTP/1.1 Upgrade requests; without it they reach `handler` as plain requests. */
  readonly upgradeHandler?: UpgradeHandler;
  /**
   * HTTP/1.1 limits in ms (Node's defaults: a request's headers within 60 s, the whole request within 300 s,
   * checked every 30 s): a client that sends half a request does not hold its connection for ever.
   */
  readonly http1Timeouts?: { headers?: number; request?: number; checkInterval?: number };
}

export interface HttpsServer {
  /** `https://host:port` as bound (IPv6 hosts in brackets). */
  readonly url: string;
  readonly port: number;
  /** The underlying TLS server, for what this wrapper does not cover. */
  readonly server: TlsServer;
  /** Stops accepting connections and ends open ones (HTTP/2 sessions, keep-alive and upgraded sockets) at once. */
  close(): Promise<void>;
}

/**
 * Serves HTTPS on one port: HTTP/2 for clients that offer it in ALPN, HTTP/1.1 for the others (and for
 * upgrades: WebSocket and SPDY run over HTTP/1.1). The server asks for a client certificate but accepts
 * connections without one or with one it cannot verify: authenticators decide (see `peerCertificate`).
 * It refuses TLS 1.2 renegotiation, so a connection's client certificate is that of its handshake.
 * @returns once the server listens.
 * @throws Error when the address cannot be bound or the PEM material is unusable.
 */
export async function startHttpsServer(options: HttpsServerOptions): Promise<HttpsServer> {
  const server = createTlsServer({
    requestCert: true,
    rejectUnauthorized: false,
    ca: options.pki.ca.certPem,
    cert: options.pki.serving.certPem,
    key: options.pki.serving.keyPem,
    minVersion: 'TLSv1.2',
    ALPNProtocols: ['h2', 'http/1.1'],
  });
  // HTTP/1.1 connections (and upgrades) go to Node's server; HTTP/2 ones to the project's own session.
  const timeouts = options.http1Timeouts ?? {};
  const http1 = createHttp1Server(
    {
      headersTimeout: timeouts.headers ?? 60_000,
      requestTimeout: timeouts.request ?? 300_000,
      connectionsCheckingInterval: timeouts.checkInterval ?? 30_000,
    },
    (req, res) => void serveSafely(options.handler, req, res),
  );
  const { upgradeHandler } = options;
  if (upgradeHandler !== undefined) {
    http1.on('upgrade', (req, socket: Duplex, head: Buffer) => {
      // Node takes its own listener off an upgraded socket: a reset must not become an unhandled 'error'.
      socket.on('error', () => socket.destroy());
      Promise.resolve()
        .then(() => upgradeHandler(req, socket, head))
        .catch(() => socket.destroy());
    });
  }
  server.on('secureConnection', (socket: TLSSocket) => {
    // As Go's TLS server, no renegotiation: a connection's client certificate stays the one of its handshake.
    socket.disableRenegotiation();
    if (socket.alpnProtocol !== 'h2') {
      http1.emit('connection', socket);
      return;
    }
    // The session ends with its socket (close() destroys the connections below).
    new H2ServerSession(socket, (req, res) => serveSafely(options.handler, req, res));
  });
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Node's HTTP/1.1 server starts checking its connections' timeouts when it listens; this one never listens
  // itself (the TLS server hands it connections), so it is told.
  http1.emit('listening');
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `https://${host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        http1.close(); // stops its timeout checks
        for (const socket of connections) socket.destroy();
      }),
  };
}

/**
 * Runs the handler; an error escaping it becomes a 500 Status, or ends the stream if the answer had begun.
 * @returns a promise that settles (never rejects) when the handler is done.
 */
function serveSafely(handler: RequestHandler, req: HttpRequest, res: HttpResponse): Promise<void> {
  return Promise.resolve()
    .then(() => handler(req, res))
    .catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      try {
        const body = JSON.stringify(internalError(err).status);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(body);
      } catch {
        // The response cannot be written at all: drop the stream rather than the process.
        res.destroy();
      }
    });
}
