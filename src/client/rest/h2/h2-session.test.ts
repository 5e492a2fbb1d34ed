import assert from 'node:assert/strict';
import * as http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import * as nodeTls from 'node:tls';
import { describe, test } from 'node:test';
import { makeTlsFixtures } from '../../testing/tls-fixtures.js';
import { type H2Answer, type H2Request, H2Session, H2StreamError } from './h2-session.js';

const tls = makeTlsFixtures();

/** Node's own HTTP/2 server, with `handle` answering every stream. */
async function withServer(
  handle: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders) => void,
  body: (origin: URL, server: http2.Http2SecureServer) => Promise<void>,
  options: http2.SecureServerOptions = {},
): Promise<void> {
  const server = http2.createSecureServer({ key: tls.serverKey, cert: tls.serverCert, ...options });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined); // a stream the test resets reports it here
    handle(stream, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body(new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}`), server);
  } finally {
    for (const s of sessions) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Reads a stream's whole body. */
function readAll(stream: http2.ServerHttp2Stream): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

function send(session: H2Session, req: Partial<H2Request> = {}): Promise<H2Answer> {
  return new Promise((resolve, reject) => {
    session.request({ method: 'GET', path: '/', headers: {}, body: undefined, ...req }, (err, answer) => {
      if (answer !== undefined) resolve(answer);
      else reject(err);
    });
  });
}

function open(origin: URL): H2Session {
  return new H2Session(origin, { ca: tls.caCert }, { onUnavailable: () => undefined });
}

/** Echoes method, path, a header and the body as JSON. */
const echo = (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void => {
  void readAll(stream).then((body) => {
    stream.respond({ ':status': 200, 'content-type': 'application/json', 'x-seen': String(headers['x-test']) });
    stream.end(JSON.stringify({ method: headers[':method'], path: headers[':path'], length: body.length, body }));
  });
};

describe('H2Session', () => {
  test('a request and its answer travel with their headers and bodies', async () => {
    await withServer(echo, async (origin) => {
      const session = open(origin);
      const answer = await send(session, {
        method: 'POST',
        path: '/a?b=c',
        headers: { 'x-test': 'yes', 'content-type': 'application/json' },
        body: '{"é":1}',
      });
      assert.equal(answer.code, 200);
      assert.equal(answer.headers['content-type'], 'application/json');
      assert.equal(answer.headers['x-seen'], 'yes');
      assert.deepEqual(JSON.parse(answer.body), { method: 'POST', path: '/a?b=c', length: 7, body: '{"é":1}' });
      session.close();
    });
  });

  test('a body bigger than the server’s windows goes out as the server grants more', async () => {
    await withServer(
      echo,
      async (origin) => {
        const session = open(origin);
        const big = 'x'.repeat(300_000);
        const answer = await send(session, { method: 'PUT', path: '/big', body: big });
        assert.equal(JSON.parse(answer.body).length, big.length);
        session.close();
      },
      { settings: { initialWindowSize: 1000 } },
    );
  });

  test('an answer bigger than half the receive window arrives whole', async () => {
    const size = 9 * 1024 * 1024;
    await withServer(
      (stream) => {
        stream.respond({ ':status': 200 });
        stream.end(Buffer.alloc(size, 'a'));
      },
      async (origin) => {
        const session = open(origin);
        const [a, b] = await Promise.all([send(session), send(session)]);
        assert.equal(a.body.length, size);
        assert.equal(b.body.length, size);
        session.close();
      },
    );
  });

  test('a header block longer than a frame goes out in CONTINUATION frames', async () => {
    await withServer(
      echo,
      async (origin) => {
        const session = open(origin);
        const path = `/${'p'.repeat(40_000)}`;
        const answer = await send(session, { path });
        assert.equal(JSON.parse(answer.body).path, path);
        session.close();
      },
      { maxHeaderListPairs: 1000, maxSessionMemory: 100 },
    );
  });

  test('requests beyond the server’s limit on concurrent streams wait for a free one', async () => {
    let open_ = 0;
    let most = 0;
    await withServer(
      (stream) => {
        open_++;
        most = Math.max(most, open_);
        setTimeout(() => {
          open_--;
          stream.respond({ ':status': 200 });
          stream.end('ok');
        }, 10);
      },
      async (origin) => {
        const session = open(origin);
        await send(session); // the server's SETTINGS have arrived
        const answers = await Promise.all(Array.from({ length: 12 }, () => send(session)));
        assert.deepEqual(
          answers.map((a) => a.body),
          Array.from({ length: 12 }, () => 'ok'),
        );
        assert.equal(most, 3);
        session.close();
      },
      { settings: { maxConcurrentStreams: 3 } },
    );
  });

  test('informational answers are skipped, and trailers end the answer', async () => {
    await withServer(
      (stream) => {
        stream.additionalHeaders({ ':status': 103, link: '</a>' });
        stream.respond({ ':status': 200 }, { waitForTrailers: true });
        stream.on('wantTrailers', () => stream.sendTrailers({ 'x-trailer': 'done' }));
        stream.end('body');
      },
      async (origin) => {
        const session = open(origin);
        const answer = await send(session);
        assert.equal(answer.code, 200);
        assert.equal(answer.body, 'body');
        assert.equal(answer.headers['link'], undefined);
        session.close();
      },
    );
  });

  test('a stream the server resets fails; a refused one is marked unprocessed; others go on', async () => {
    await withServer(
      (stream, headers) => {
        if (headers[':path'] === '/reset') stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
        else if (headers[':path'] === '/refuse') stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
        else {
          stream.respond({ ':status': 204 });
          stream.end();
        }
      },
      async (origin) => {
        const session = open(origin);
        await assert.rejects(send(session, { path: '/reset' }), (err: unknown) => {
          assert.ok(err instanceof H2StreamError);
          assert.match(err.message, /reset the stream \(INTERNAL_ERROR\)/);
          assert.equal(err.unprocessed, false);
          return true;
        });
        await assert.rejects(send(session, { path: '/refuse' }), (err: unknown) => {
          assert.ok(err instanceof H2StreamError);
          assert.equal(err.unprocessed, true);
          return true;
        });
        assert.equal((await send(session)).code, 204);
        session.close();
      },
    );
  });

  test('after GOAWAY, streams above its last one fail unprocessed, the session is given up, and earlier ones finish', async () => {
    let unavailable = 0;
    const held: http2.ServerHttp2Stream[] = [];
    await withServer(
      (stream) => {
        held.push(stream);
        if (held.length < 3) return;
        // The first stream is still processed; the later ones are not.
        stream.session?.goaway(http2.constants.NGHTTP2_NO_ERROR, held[0]?.id ?? 1);
        setTimeout(() => {
          held[0]?.respond({ ':status': 200 });
          held[0]?.end('first');
        }, 20);
      },
      async (origin) => {
        const session = new H2Session(origin, { ca: tls.caCert }, { onUnavailable: () => unavailable++ });
        const results = await Promise.allSettled([send(session), send(session), send(session)]);
        assert.equal(results[0]?.status, 'fulfilled');
        assert.equal((results[0] as PromiseFulfilledResult<H2Answer>).value.body, 'first');
        for (const r of results.slice(1)) {
          assert.equal(r.status, 'rejected');
          const err = (r as PromiseRejectedResult).reason as H2StreamError;
          assert.equal(err.unprocessed, true);
          assert.match(err.message, /GOAWAY NO_ERROR/);
        }
        assert.equal(session.available, false);
        assert.ok(unavailable >= 1);
      },
    );
  });

  test('a PING is answered, and a cancelled request leaves the session usable', async () => {
    await withServer(
      (stream, headers) => {
        if (headers[':path'] === '/hold') return;
        stream.respond({ ':status': 200 });
        stream.end('fine');
      },
      async (origin) => {
        const session = open(origin);
        await new Promise<void>((resolve) => assert.equal(session.ping(resolve), true));
        const exchange = session.request({ method: 'GET', path: '/hold', headers: {}, body: undefined }, () =>
          assert.fail('a cancelled request is not answered'),
        );
        await new Promise((r) => setTimeout(r, 20));
        session.cancel(exchange);
        assert.equal(session.inFlight, 0);
        assert.equal((await send(session)).body, 'fine');
        session.close();
      },
    );
  });

  test('a header value with a line break is refused before anything is sent', async () => {
    await withServer(echo, async (origin) => {
      const session = open(origin);
      assert.throws(
        () => session.request({ method: 'GET', path: '/', headers: { 'x-a': 'b\r\nc: d' }, body: undefined }, () => {}),
        /cannot be sent/,
      );
      assert.equal(session.inFlight, 0);
      assert.equal((await send(session)).code, 200);
      session.close();
    });
  });

  test('an answer longer than the limit fails its request and leaves the session usable', async () => {
    await withServer(
      (stream, headers) => {
        stream.respond({ ':status': 200 });
        stream.end(headers[':path'] === '/long' ? 'x'.repeat(5000) : 'short');
      },
      async (origin) => {
        const session = new H2Session(
          origin,
          { ca: tls.caCert },
          { onUnavailable: () => undefined, maxBodyBytes: 1000 },
        );
        await assert.rejects(send(session, { path: '/long' }), /the client gave up: an answer longer than 1000 octets/);
        assert.equal((await send(session)).body, 'short');
        session.close();
      },
    );
  });

  test('when its last stream id is used, waiting requests fail unprocessed and the session is given up', async () => {
    await withServer(
      (stream) =>
        setTimeout(() => {
          stream.respond({ ':status': 200 });
          stream.end('answered');
        }, 30),
      async (origin) => {
        const session = open(origin);
        await send(session); // the server's SETTINGS (one stream at a time) have arrived
        (session as unknown as { nextStreamId: number }).nextStreamId = 2 ** 31 - 3;
        // The first goes at once; the second waits, then takes the last id; the third still waits then.
        const results = await Promise.allSettled([send(session), send(session), send(session)]);
        assert.equal(results[0]?.status, 'fulfilled');
        assert.equal(results[1]?.status, 'fulfilled');
        assert.equal(results[2]?.status, 'rejected');
        const err = (results[2] as PromiseRejectedResult).reason as H2StreamError;
        assert.equal(err.unprocessed, true);
        assert.match(err.message, /no stream ids left/);
        assert.equal(session.available, false);
        await assert.rejects(send(session), /the session is clos(ed|ing)/);
      },
      { settings: { maxConcurrentStreams: 1 } },
    );
  });

  test('requests that never reached the server fail unprocessed when the handshake fails', async () => {
    await withServer(echo, async (origin) => {
      // No CA: the server's certificate is not trusted, so no frame ever leaves.
      const session = new H2Session(origin, {}, { onUnavailable: () => undefined });
      await assert.rejects(send(session), (err: unknown) => {
        assert.ok(err instanceof H2StreamError);
        assert.equal(err.unprocessed, true);
        return true;
      });
    });
  });

  test('requests given up on a dropped connection add no listener per request to its socket', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.name);
    };
    process.on('warning', onWarning);
    try {
      await withServer(
        (stream) => stream.session?.destroy(),
        async (origin) => {
          const session = open(origin);
          await assert.rejects(send(session), H2StreamError);
          // Each request is refused at once; each cancel must not touch the dead socket again.
          for (let i = 0; i < 30; i++) {
            session.cancel(session.request({ method: 'GET', path: '/', headers: {}, body: undefined }, () => {}));
          }
        },
      );
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  test('a write carries the header blocks of its requests first and their bodies after', async () => {
    // A bare TLS server that records the frames the client sends after its preface.
    const seen: string[] = [];
    const names = [
      'DATA',
      'HEADERS',
      'PRIORITY',
      'RST_STREAM',
      'SETTINGS',
      'PUSH_PROMISE',
      'PING',
      'GOAWAY',
      'WINDOW_UPDATE',
    ];
    const server = nodeTls.createServer(
      { key: tls.serverKey, cert: tls.serverCert, ALPNProtocols: ['h2'] },
      (socket) => {
        let buf = Buffer.alloc(0);
        let prefaceSeen = false;
        socket.write(Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])); // empty SETTINGS
        socket.on('error', () => undefined);
        socket.on('data', (chunk: Buffer) => {
          buf = Buffer.concat([buf, chunk]);
          if (!prefaceSeen) {
            if (buf.length < 24) return;
            buf = buf.subarray(24);
            prefaceSeen = true;
          }
          while (buf.length >= 9 && buf.length >= 9 + buf.readUIntBE(0, 3)) {
            const length = buf.readUIntBE(0, 3);
            const type = buf[3] as number;
            if (type === 0 || type === 1) seen.push(`${names[type] ?? type} ${buf.readUInt32BE(5)}`);
            buf = buf.subarray(9 + length);
          }
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const session = open(new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}`));
    try {
      const post = (): void => {
        session.request({ method: 'POST', path: '/p', headers: {}, body: '{"a":1}' }, () => undefined);
      };
      post();
      post();
      const deadline = Date.now() + 5_000;
      while (seen.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(seen, ['HEADERS 1', 'HEADERS 3', 'DATA 1', 'DATA 3']);
    } finally {
      session.destroy(new Error('done'));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('when the connection drops, requests in flight fail and the session says so', async () => {
    let unavailable = 0;
    await withServer(
      (stream) => stream.session?.destroy(),
      async (origin) => {
        const session = new H2Session(origin, { ca: tls.caCert }, { onUnavailable: () => unavailable++ });
        await assert.rejects(send(session), H2StreamError);
        assert.equal(session.available, false);
        assert.ok(unavailable >= 1);
      },
    );
  });
});
