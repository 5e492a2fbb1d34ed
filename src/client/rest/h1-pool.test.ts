import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TransportError } from './api-error.js';
import { H1Pool } from './h1-pool.js';
import type { ShortRequest } from './short-request.js';

const request = (path: string, more: Partial<ShortRequest> = {}): ShortRequest => ({
  method: 'GET',
  path,
  headers: { accept: 'application/json' },
  body: undefined,
  timeoutMs: 2_000,
  signal: undefined,
  ...more,
});

const post = (path: string, body: string, more: Partial<ShortRequest> = {}): ShortRequest =>
  request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    body,
    ...more,
  });

async function listen(server: net.Server): Promise<URL> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

describe('H1Pool against a well-behaved server', () => {
  /** Connections the server accepted, and the most requests it was answering at once. */
  let connections = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.stringify({ method: req.method, url: req.url, body: Buffer.concat(chunks).toString() });
      // Answers arrive late and out of order, some framed by length and some chunked.
      setTimeout(() => {
        inFlight--;
        if (req.url?.includes('chunked')) {
          res.setHeader('warning', ['299 - "a"', '299 - "b"']);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(body.slice(0, 5));
          res.end(body.slice(5));
        } else {
          res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        }
      }, Math.random() * 10);
    });
  });
  server.on('connection', () => connections++);
  let origin: URL;
  before(async () => {
    origin = await listen(server);
  });
  after(() => server.close());

  test('many requests at once are each answered with their own answer, over no more connections than the pool size', async () => {
    connections = 0;
    mostInFlight = 0;
    const pool = new H1Pool(origin, {}, 4);
    try {
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 2 === 0 ? pool.request(post(`/p/${i}`, `{"n":${i}}`)) : pool.request(request(`/chunked/${i}`)),
        ),
      );
      answers.forEach((a, i) => {
        const echoed = JSON.parse(a.body) as { method: string; url: string; body: string };
        assert.deepEqual(
          echoed,
          i % 2 === 0
            ? { method: 'POST', url: `/p/${i}`, body: `{"n":${i}}` }
            : { method: 'GET', url: `/chunked/${i}`, body: '' },
        );
        assert.equal(a.code, i % 2 === 0 ? 201 : 200);
      });
      assert.deepEqual(answers[1]?.headers['warning'], ['299 - "a"', '299 - "b"']);
      assert.ok(connections <= 4, `${connections} connections`);
      assert.ok(mostInFlight <= 4, `${mostInFlight} requests in flight at once`);
    } finally {
      pool.close();
    }
  });

  test('requests one after another reuse one connection', async () => {
    connections = 0;
    const pool = new H1Pool(origin, {}, 4);
    try {
      for (let i = 0; i < 5; i++) assert.equal((await pool.request(request(`/seq/${i}`))).code, 201);
      assert.equal(connections, 1);
    } finally {
      pool.close();
    }
  });

  test('a header holding a line break is refused before anything is sent', async () => {
    connections = 0;
    const pool = new H1Pool(origin, {}, 4);
    try {
      await assert.rejects(
        pool.request(request('/x', { headers: { authorization: 'Bearer a\r\nx-injected: 1' } })),
        (err: unknown) => err instanceof TransportError && /line break/.test(err.message),
      );
      await assert.rejects(pool.request(request('/x\r\nx: 1')), TransportError);
      assert.equal(connections, 0);
    } finally {
      pool.close();
    }
  });

  test('after close, new requests fail while those already made are answered', async () => {
    const pool = new H1Pool(origin, {}, 1);
    const first = pool.request(request('/before/1'));
    const second = pool.request(request('/before/2'));
    pool.close();
    assert.equal((await first).code, 201);
    assert.equal((await second).code, 201);
    await assert.rejects(pool.request(request('/after')), /the client is closed/);
  });
});

describe('H1Pool against a misbehaving server', () => {
  /** What the raw server does with each request, by the path's first segment. */
  const server = net.createServer((socket) => {
    socket.on('data', (data: Buffer) => {
      const path = /^[A-Z]+ (\S+)/.exec(data.toString('latin1'))?.[1] ?? '';
      if (path.startsWith('/silent')) return;
      if (path.startsWith('/cut')) {
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"only":"part');
        return;
      }
      if (path.startsWith('/garbage')) {
        socket.write('SSH-2.0-nope\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
    });
    socket.on('error', () => socket.destroy());
  });
  let origin: URL;
  before(async () => {
    origin = await listen(server);
  });
  after(() => server.close());

  const failures: { name: string; path: string; error: RegExp }[] = [
    { name: 'an answer cut short by a closed connection', path: '/cut', error: /closed before the answer ended/ },
    { name: 'an answer that is not HTTP', path: '/garbage', error: /cannot be read: not an HTTP\/1\.1 answer/ },
    { name: 'no answer within the time limit', path: '/silent', error: /timed out after 100 ms/ },
  ];
  for (const f of failures) {
    test(`${f.name} is a TransportError, and the next request still gets through`, async () => {
      const pool = new H1Pool(origin, {}, 1);
      try {
        await assert.rejects(
          pool.request(request(f.path, { timeoutMs: 100 })),
          (err: unknown) => err instanceof TransportError && f.error.test(err.message),
        );
        assert.equal((await pool.request(request('/ok'))).body, '{}');
      } finally {
        pool.close();
      }
    });
  }

  test("an aborted request fails with the signal's reason, and the next request still gets through", async () => {
    const pool = new H1Pool(origin, {}, 1);
    try {
      const controller = new AbortController();
      const pending = pool.request(request('/silent', { signal: controller.signal, timeoutMs: undefined }));
      controller.abort(new Error('stopped'));
      await assert.rejects(pending, /stopped/);
      assert.equal((await pool.request(request('/ok'))).body, '{}');
    } finally {
      pool.close();
    }
  });

  test('a refused connection is a TransportError', async () => {
    const closed = net.createServer();
    const url = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const pool = new H1Pool(url, {}, 1);
    await assert.rejects(
      pool.request(request('/x')),
      (err: unknown) => err instanceof TransportError && /ECONNREFUSED/.test(err.message),
    );
    pool.close();
  });
});
