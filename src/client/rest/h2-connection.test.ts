import assert from 'node:assert/strict';
import * as http2 from 'node:http2';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { makeTlsFixtures } from '../testing/tls-fixtures.js';
import { TransportError } from './api-error.js';
import { H2Connection } from './h2-connection.js';
import type { ShortRequest } from './short-request.js';
import { RestClient } from './rest-client.js';

const tls = makeTlsFixtures();

interface TestServer {
  readonly origin: string;
  readonly sessions: () => number;
  readonly close: () => Promise<void>;
}

/** An HTTP/2-only TLS server: `/echo` answers the request, `/hold` never answers, `/goaway` ends the session. */
async function h2Server(): Promise<TestServer> {
  const server = http2.createSecureServer({ key: tls.serverKey, cert: tls.serverCert });
  let sessions = 0;
  const open = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions++;
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path']);
    if (path === '/hold') return;
    if (path === '/goaway') {
      stream.respond({ ':status': 200 });
      stream.end('bye');
      stream.session?.close();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      stream.respond({ ':status': 201, 'retry-after': '3', 'content-type': 'application/json' });
      stream.end(
        JSON.stringify({
          method: headers[':method'],
          path,
          type: headers['content-type'],
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sessions: () => sessions,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Runs `body` with a connection to a fresh HTTP/2 test server, and closes both after. */
async function withConnection(body: (conn: H2Connection, server: TestServer) => Promise<void>): Promise<void> {
  const server = await h2Server();
  const conn = new H2Connection(server.origin, { ca: tls.caCert });
  try {
    await body(conn, server);
  } finally {
    conn.close();
    await server.close();
  }
}

/** A TCP relay to `port` that can go silent: while frozen it drops everything, as a vanished peer would. */
async function freezableRelay(port: number): Promise<{ port: number; frozen: { on: boolean }; close: () => void }> {
  const frozen = { on: false };
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on('data', (chunk) => {
        if (!frozen.on) to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    frozen,
    close: () => {
      for (const s of sockets) s.destroy();
      relay.close();
    },
  };
}

const request = (path: string, more: Partial<ShortRequest> = {}): ShortRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: '{"a":1}',
  timeoutMs: 5_000,
  signal: undefined,
  ...more,
});

describe('H2Connection', () => {
  test('concurrent requests share one session and each gets its own answer', async () => {
    await withConnection(async (conn, server) => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => conn.request(request(`/echo?i=${i}`, { body: `{"i":${i}}` }))),
      );
      answers.forEach((answer, i) => {
        assert.equal(answer.code, 201);
        assert.equal(answer.headers['retry-after'], '3');
        assert.deepEqual(JSON.parse(answer.body), {
          method: 'POST',
          path: `/echo?i=${i}`,
          type: 'application/json',
          body: `{"i":${i}}`,
        });
      });
      assert.equal(server.sessions(), 1);
    });
  });

  test('a DELETE carries its body, and a GET goes without one', async () => {
    await withConnection(async (conn) => {
      const deleted = await conn.request(request('/echo', { method: 'DELETE', body: '{"kind":"DeleteOptions"}' }));
      assert.equal(JSON.parse(deleted.body).body, '{"kind":"DeleteOptions"}');
      const got = await conn.request(request('/echo', { method: 'GET', body: undefined }));
      assert.equal(JSON.parse(got.body).method, 'GET');
    });
  });

  test('a request past its time limit fails with a TransportError and the session stays usable', async () => {
    await withConnection(async (conn, server) => {
      await assert.rejects(conn.request(request('/hold', { timeoutMs: 100 })), (err: unknown) => {
        assert.ok(err instanceof TransportError);
        assert.match(err.message, /timed out after 100 ms/);
        return true;
      });
      assert.equal((await conn.request(request('/echo'))).code, 201);
      assert.equal(server.sessions(), 1);
    });
  });

  test('aborting the signal rejects with its reason', async () => {
    await withConnection(async (conn) => {
      const controller = new AbortController();
      const pending = conn.request(request('/hold', { signal: controller.signal, timeoutMs: undefined }));
      setTimeout(() => controller.abort(new Error('stop now')), 50);
      await assert.rejects(pending, /stop now/);
    });
  });

  test('after the server ends the session, the next request opens a new one', async () => {
    await withConnection(async (conn, server) => {
      assert.equal((await conn.request(request('/goaway'))).body, 'bye');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal((await conn.request(request('/echo'))).code, 201);
      assert.equal(server.sessions(), 2);
    });
  });

  test('a connection gone silent is dropped after an unanswered ping, and the next request reconnects', async () => {
    const server = await h2Server();
    const relay = await freezableRelay(Number(new URL(server.origin).port));
    const conn = new H2Connection(`https://127.0.0.1:${relay.port}`, { ca: tls.caCert }, 200);
    try {
      assert.equal((await conn.request(request('/echo'))).code, 201);
      relay.frozen.on = true;
      await assert.rejects(conn.request(request('/echo', { timeoutMs: 200 })), /timed out/);
      await new Promise((r) => setTimeout(r, 400));
      relay.frozen.on = false;
      assert.equal((await conn.request(request('/echo'))).code, 201);
      assert.equal(server.sessions(), 2);
    } finally {
      conn.close();
      relay.close();
      await server.close();
    }
  });

  test('a server that refuses HTTP/2 marks the connection unsupported', async () => {
    const server = https.createServer({ key: tls.serverKey, cert: tls.serverCert }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const conn = new H2Connection(origin, { ca: tls.caCert });
    try {
      await assert.rejects(conn.request(request('/echo')), TransportError);
      assert.equal(conn.unsupported, true);
    } finally {
      conn.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a RestClient against a server that refuses HTTP/2 falls back to HTTP/1.1', async () => {
    const server = https.createServer({ key: tls.serverKey, cert: tls.serverCert }, (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ httpVersion: req.httpVersion }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new RestClient({
      server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      ca: tls.caCert,
    });
    try {
      assert.deepEqual(await client.request({ method: 'GET', path: '/version' }), { httpVersion: '1.1' });
      assert.deepEqual(await client.request({ method: 'GET', path: '/version' }), { httpVersion: '1.1' });
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a RestClient does not send a request again over HTTP/1.1 when HTTP/2 failed it for another reason', async () => {
    let http1Requests = 0;
    const server = http2.createSecureServer({ key: tls.serverKey, cert: tls.serverCert, allowHTTP1: true });
    server.on('request', (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
      if (req.httpVersion === '1.1') http1Requests++;
      if (req.httpVersion === '2.0' && req.url === '/reset') {
        req.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    server.on('stream', (stream) => stream.on('error', () => undefined));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new RestClient({
      server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      ca: tls.caCert,
    });
    try {
      await assert.rejects(client.request({ method: 'POST', path: '/reset', body: {} }), TransportError);
      assert.deepEqual(await client.request({ method: 'GET', path: '/version' }), {});
      assert.equal(http1Requests, 0);
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a RestClient sends short requests over HTTP/2 when the server offers it, and over HTTP/1.1 when told to', async () => {
    const server = http2.createSecureServer({ key: tls.serverKey, cert: tls.serverCert, allowHTTP1: true });
    server.on('request', (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ httpVersion: req.httpVersion }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const config = { server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, ca: tls.caCert };
    const client = new RestClient(config);
    const http1 = new RestClient(config, { transport: 'http1' });
    try {
      assert.deepEqual(await client.request({ method: 'GET', path: '/version' }), { httpVersion: '2.0' });
      assert.deepEqual(await http1.request({ method: 'GET', path: '/version' }), { httpVersion: '1.1' });
    } finally {
      client.close();
      http1.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
