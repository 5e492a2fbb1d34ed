/**
 * Short requests over a pool of HTTP/1.1 keep-alive connections, one request at a time on each: a request is
 * written as one head and body, and its answer read back by a small parser (response-parser.ts). A request
 * through Node's HTTP/1.1 client (or its HTTP/2 client) costs ~120-140 µs of CPU (streams, agents, async
 * resources); this costs ~30-40 µs. It serves servers without HTTP/2 and plain `http:`; over https the
 * RestClient prefers HTTP/2, which costs the server less (see RestClientOptions.transport).
 *
 * Requests are not pipelined: Node's HTTP/1.1 server fails a connection (HPE_PAUSED) when requests with bodies
 * arrive behind an answer it is still writing out, which a big answer (a list) makes likely.
 *
 * A request takes an idle connection, or opens one while fewer than `size` are open, or waits for one in
 * arrival order. A connection that fails or closes fails its request with a TransportError; an aborted request
 * is answered at once and its connection closed (its answer would arrive later); a request that times out
 * likewise. Idle connections do not keep the process alive, and close after IDLE_MS.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { type Clock, realClock } from '../clock/clock.js';
import { AbortListeners, abortReason } from './abort-listeners.js';
import { TransportError } from './api-error.js';
import { ResponseParser } from './response-parser.js';
import type { ShortRequest, ShortResponse } from './short-request.js';

/** An idle connection is closed after this long (before a server's own keep-alive limit would cut it). */
const IDLE_MS = 4_000;

/** One request from its arrival until it is answered, one way or another. */
interface Exchange {
  readonly what: string;
  readonly text: string;
  readonly head: boolean;
  /** False once answered (by the server, or by an abort, a timeout or a failure). */
  live: boolean;
  readonly answer: (response: ShortResponse) => void;
  readonly fail: (err: unknown) => void;
  /** The connection carrying it, once it has one. */
  connection?: Connection;
}

export class H1Pool {
  private readonly idle: Connection[] = [];
  private open = 0;
  /** Requests waiting for a connection, in arrival order. */
  private readonly queue: Exchange[] = [];
  private closed = false;
  private readonly aborts = new AbortListeners();

  /**
   * @param origin the server's URL (`https:` or `http:`).
   * @param tlsOptions how to reach an `https:` server (CA, client certificate, server name).
   * @param size connections open at most.
   * @param clock times the requests' time limits.
   */
  constructor(
    private readonly origin: URL,
    private readonly tlsOptions: tls.ConnectionOptions,
    private readonly size = 64,
    private readonly clock: Clock = realClock,
  ) {}

  /**
   * Sends one request and reads its whole answer.
   * @throws TransportError when no complete answer came (connection failure, timeout, a line break in a
   *   header); the signal's reason when aborted.
   */
  request(req: ShortRequest): Promise<ShortResponse> {
    const { signal } = req;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const what = `${req.method} ${req.path}`;
    if (this.closed) return Promise.reject(new TransportError(`${what}: the client is closed`));
    let text: string;
    try {
      text = requestText(req, this.origin.host);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        exchange.live = false;
        timer?.cancel();
        stopListening?.();
      };
      const exchange: Exchange = {
        what,
        text,
        head: req.method === 'HEAD',
        live: true,
        answer: (response) => {
          settle();
          resolve(response);
        },
        fail: (err) => {
          settle();
          reject(err);
        },
      };
      // Answered early, the exchange leaves the queue, or ends its connection (whose answer would come later).
      const giveUp = (err: unknown): void => {
        if (!exchange.live) return;
        exchange.fail(err);
        const waiting = this.queue.indexOf(exchange);
        if (waiting >= 0) this.queue.splice(waiting, 1);
        exchange.connection?.end(err);
      };
      const stopListening = signal && this.aborts.add(signal, () => giveUp(abortReason(signal)));
      const timer =
        req.timeoutMs === undefined
          ? undefined
          : this.clock.setTimer(
              () => giveUp(new TransportError(`${what}: timed out after ${req.timeoutMs} ms`)),
              req.timeoutMs,
            );
      this.queue.push(exchange);
      this.dispatch();
    });
  }

  /** Closes idle connections, and the others once the requests already made are answered; later ones fail. */
  close(): void {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.retire();
  }

  /** Hands waiting requests to idle connections, opening new ones while the pool has room. */
  private dispatch(): void {
    while (this.queue.length > 0) {
      let connection = this.idle.pop();
      if (connection === undefined) {
        if (this.open >= this.size) return;
        this.open++;
        connection = new Connection(this.origin, this.tlsOptions, {
          done: (c) => this.release(c),
          gone: (c) => this.forget(c),
        });
      }
      connection.send(this.queue.shift() as Exchange);
    }
  }

  private release(connection: Connection): void {
    if (this.queue.length > 0) connection.send(this.queue.shift() as Exchange);
    else if (this.closed) connection.retire();
    else this.idle.push(connection);
  }

  private forget(connection: Connection): void {
    const i = this.idle.indexOf(connection);
    if (i >= 0) this.idle.splice(i, 1);
    this.open--;
    this.dispatch();
  }
}

interface ConnectionEvents {
  /** Answered; ready for the next request. */
  readonly done: (c: Connection) => void;
  /** Closed or failed; never used again. */
  readonly gone: (c: Connection) => void;
}

class Connection {
  private readonly socket: net.Socket;
  private readonly parser = new ResponseParser();
  private current: Exchange | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private dead = false;

  constructor(
    origin: URL,
    tlsOptions: tls.ConnectionOptions,
    private readonly events: ConnectionEvents,
  ) {
    const port = Number(origin.port || (origin.protocol === 'https:' ? 443 : 80));
    const host = origin.hostname.replace(/^\[(.*)\]$/, '$1');
    this.socket =
      origin.protocol === 'https:'
        ? tls.connect({ ...tlsOptions, host, port, ALPNProtocols: ['http/1.1'] })
        : net.connect({ host, port });
    this.socket.setNoDelay(true);
    this.socket.on('data', (data: Buffer) => this.received(data));
    this.socket.on('error', (err) => this.end(new TransportError(err.message, { cause: err })));
    this.socket.on('close', () => this.closed());
  }

  send(exchange: Exchange): void {
    if (this.idleTimer !== undefined) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    this.socket.ref();
    this.current = exchange;
    exchange.connection = this;
    this.socket.write(exchange.text);
  }

  /** Ends the connection; its request, if still unanswered, fails with `err`. */
  end(err: unknown): void {
    if (this.dead) return;
    this.dead = true;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.socket.destroy();
    const exchange = this.current;
    this.current = undefined;
    if (exchange?.live) {
      const reason = err instanceof TransportError ? `${exchange.what}: ${err.message}` : undefined;
      exchange.fail(reason === undefined ? err : new TransportError(reason, { cause: err }));
    }
    this.events.gone(this);
  }

  /** Closes an idle connection. */
  retire(): void {
    if (this.dead) return;
    this.dead = true;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.socket.end();
    this.events.gone(this);
  }

  private received(data: Buffer): void {
    try {
      this.parser.push(
        data,
        () => !(this.current?.head ?? false),
        (response) => {
          const exchange = this.current;
          if (exchange === undefined) throw new Error('an answer to no request');
          this.current = undefined;
          if (exchange.live) exchange.answer({ code: response.code, headers: response.headers, body: response.body });
          if (response.closes) this.end(new TransportError('the server closed the connection'));
        },
      );
    } catch (err) {
      this.end(new TransportError(`the answer cannot be read: ${(err as Error).message}`, { cause: err }));
      return;
    }
    if (this.current === undefined && !this.dead) this.rest();
  }

  /** Back in the pool: no longer keeps the process alive, and closes if left idle. */
  private rest(): void {
    this.socket.unref();
    this.idleTimer = setTimeout(() => this.retire(), IDLE_MS);
    this.idleTimer.unref();
    this.events.done(this);
  }

  private closed(): void {
    const last = this.parser.end();
    const exchange = this.current;
    if (last !== undefined && exchange !== undefined) {
      this.current = undefined;
      if (exchange.live) exchange.answer({ code: last.code, headers: last.headers, body: last.body });
    }
    this.end(new TransportError('the connection closed before the answer ended'));
  }
}

/**
 * The request as written on the wire.
 * @throws TransportError when the path or a header holds a line break (it would end the line early).
 */
function requestText(req: ShortRequest, host: string): string {
  if (LINE_BREAK.test(req.path)) throw new TransportError(`${req.method}: the path holds a line break`);
  let text = `${req.method} ${req.path} HTTP/1.1\r\nhost: ${host}\r\n`;
  for (const name in req.headers) {
    const value = String(req.headers[name]);
    if (LINE_BREAK.test(value) || LINE_BREAK.test(name)) {
      throw new TransportError(`${req.method} ${req.path}: header ${JSON.stringify(name)} holds a line break`);
    }
    text += `${name}: ${value}\r\n`;
  }
  return req.body === undefined ? `${text}\r\n` : `${text}\r\n${req.body}`;
}

const LINE_BREAK = /[\r\n]/;
