import assert from 'node:assert/strict';
import * as http2 from 'node:http2';
import { describe, test } from 'node:test';
import { CLIENT_PREFACE, ErrorCode, Flag, frame, FrameType, settingsFrame } from '../../../machinery/http2/frames.js';
import { startHttpsServer } from '../https-server.js';
import type { H2ServerResponse } from './h2-server-stream.js';
import { answering, echo, readBody, request, TEST_PKI, tls, withRawClient, withServer } from './h2-server.fixture.js';
import { RawH2Client } from './raw-h2-client.fixture.js';

describe('H2ServerSession', () => {
  test('a request reaches the handler with its method, path, headers and body, and its answer comes back', async () => {
    await withServer(echo, async (_port, url) => {
      const answer = await request(
        url,
        { ':method': 'POST', ':path': '/api/v1/pods?x=1', 'content-type': 'application/json', 'x-two': ['a', 'b'] },
        '{"é":1}',
      );
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['content-type'], 'application/json');
      assert.deepEqual(answer.headers.warning, '299 - "one", 299 - "two"');
      assert.match(String(answer.headers.date), /GMT$/);
      const seen = JSON.parse(answer.body.toString()) as {
        method: string;
        url: string;
        headers: Record<string, string>;
        length: number;
        body: string;
      };
      assert.equal(seen.method, 'POST');
      assert.equal(seen.url, '/api/v1/pods?x=1');
      assert.equal(seen.headers['x-two'], 'a, b');
      assert.equal(seen.headers[':method'], 'POST');
      assert.equal(seen.length, 8);
      assert.equal(seen.body, '{"é":1}');
    });
  });

  test('an answer far bigger than the client window arrives whole, and write() asks the writer to wait for drain', async () => {
    const piece = Buffer.alloc(48 * 1024, 'x');
    let refused = 0;
    await withServer(
      async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 40; i++) {
          if (!res.write(piece)) {
            refused++;
            await new Promise<void>((resolve) => res.once('drain', resolve));
          }
        }
        res.end('end');
      },
      async (_port, url) => {
        const answer = await request(url, { ':path': '/' }, undefined, { initialWindowSize: 16 * 1024 });
        assert.equal(answer.body.length, 40 * piece.length + 3);
        assert.equal(answer.body.subarray(-3).toString(), 'end');
      },
    );
    assert.ok(refused > 0, 'write() never returned false against a 16 KiB window');
  });

  test('a request body bigger than the stream window arrives whole as the handler reads it', async () => {
    const body = Buffer.alloc(1024 * 1024 + 17, 'y');
    await withServer(echo, async (_port, url) => {
      const answer = await request(url, { ':method': 'PUT', ':path': '/big' }, body);
      assert.equal((JSON.parse(answer.body.toString()) as { length: number }).length, body.length);
    });
  });

  test('an answer that comes before the body is read resets the rest of the request, and the connection goes on', async () => {
    await withServer(
      (req, res) => {
        if (req.url === '/early') res.writeHead(413, { 'content-type': 'text/plain' }).end('too large');
        else res.writeHead(200).end('fine');
      },
      async (_port, url) => {
        const session = http2.connect(url, { ca: tls.caCert });
        try {
          const early = session.request({ ':method': 'POST', ':path': '/early' });
          early.on('error', () => undefined);
          early.write(Buffer.alloc(300 * 1024, 'z')); // past the stream window
          const status = await new Promise((resolve) => early.on('response', (h) => resolve(h[':status'])));
          assert.equal(status, 413);
          const next = session.request({ ':path': '/next' });
          const chunks: Buffer[] = [];
          next.on('data', (c: Buffer) => chunks.push(c));
          await new Promise((resolve) => next.on('end', resolve));
          assert.equal(Buffer.concat(chunks).toString(), 'fine');
        } finally {
          session.destroy();
        }
      },
    );
  });

  test('a stream the client resets closes its response unended and fails the body being read', async () => {
    let closedUnended: boolean | undefined;
    let bodyError: unknown;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await withRawClient(
      async (req, res) => {
        res.once('close', () => {
          closedUnended = !res.writableEnded;
          done();
        });
        try {
          await readBody(req);
        } catch (err) {
          bodyError = err;
        }
      },
      async (client) => {
        const fields: [string, string][] = [
          [':method', 'POST'],
          [':scheme', 'https'],
          [':path', '/watch'],
        ];
        client.headers(1, fields, Flag.END_HEADERS);
        client.write(frame(FrameType.DATA, 0, 1, Buffer.from('partial')));
        await new Promise((resolve) => setTimeout(resolve, 50));
        client.write(frame(FrameType.RST_STREAM, 0, 1, Buffer.from([0, 0, 0, ErrorCode.CANCEL])));
        await finished;
      },
    );
    assert.equal(closedUnended, true);
    assert.ok(bodyError instanceof Error);
  });

  test('a HEAD answer carries headers and no body', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(200, { 'content-length': '5' });
        res.end('hello');
      },
      async (_port, url) => {
        const answer = await request(url, { ':method': 'HEAD', ':path': '/' });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers['content-length'], '5');
        assert.equal(answer.body.length, 0);
      },
    );
  });

  test('a header block in CONTINUATION frames is read whole', async () => {
    const long = 'v'.repeat(40_000);
    await withServer(echo, async (_port, url) => {
      const answer = await request(url, { ':path': '/', 'x-long': long });
      assert.equal((JSON.parse(answer.body.toString()) as { headers: Record<string, string> }).headers['x-long'], long);
    });
  });

  test('a header value with a line break cannot be sent: writeHead throws and nothing went out', async () => {
    let thrown: unknown;
    await withServer(
      (_req, res) => {
        try {
          res.writeHead(200, { 'x-bad': 'a\r\nb' });
        } catch (err) {
          thrown = err;
        }
        assert.equal(res.headersSent, false);
        res.writeHead(200).end('ok');
      },
      async (_port, url) => {
        const answer = await request(url, { ':path': '/' });
        assert.equal(answer.body.toString(), 'ok');
      },
    );
    assert.ok(thrown instanceof Error);
  });

  test('an empty answer ends the stream with its headers', async () => {
    await withRawClient(
      (_req, res) => {
        res.statusCode = 204;
        res.end();
      },
      async (client) => {
        client.headers(
          1,
          [
            [':method', 'GET'],
            [':scheme', 'https'],
            [':authority', 'x'],
            [':path', '/'],
          ],
          Flag.END_STREAM | Flag.END_HEADERS,
        );
        const headers = await client.waitFor((f) => f.type === FrameType.HEADERS && f.id === 1);
        assert.ok(headers !== undefined);
        assert.equal(headers.flags & Flag.END_STREAM, Flag.END_STREAM);
        assert.deepEqual(client.decode(headers)[0], [':status', '204']);
      },
    );
  });

  const malformed: [string, [string, string][]][] = [
    [
      'no :path',
      [
        [':method', 'GET'],
        [':scheme', 'https'],
      ],
    ],
    [
      'an upper-case name',
      [
        [':method', 'GET'],
        [':scheme', 'https'],
        [':path', '/'],
        ['X-Upper', '1'],
      ],
    ],
    [
      'a connection header',
      [
        [':method', 'GET'],
        [':scheme', 'https'],
        [':path', '/'],
        ['connection', 'close'],
      ],
    ],
    [
      'a pseudo-header after a regular one',
      [
        [':method', 'GET'],
        [':scheme', 'https'],
        ['accept', '*/*'],
        [':path', '/'],
      ],
    ],
    [
      'an unknown pseudo-header',
      [
        [':method', 'GET'],
        [':scheme', 'https'],
        [':path', '/'],
        [':protocol', 'x'],
      ],
    ],
  ];
  for (const [name, fields] of malformed) {
    test(`a request with ${name} is reset as PROTOCOL_ERROR, and the connection still answers`, async () => {
      const { handler, served } = answering();
      await withRawClient(handler, async (client) => {
        client.headers(1, fields, Flag.END_STREAM | Flag.END_HEADERS);
        const reset = await client.waitFor((f) => f.type === FrameType.RST_STREAM && f.id === 1);
        assert.equal(reset?.payload.readUInt32BE(0), ErrorCode.PROTOCOL_ERROR);
        client.write(frame(FrameType.PING, 0, 0, Buffer.from('12345678')));
        const pong = await client.waitFor((f) => f.type === FrameType.PING);
        assert.equal(pong?.flags, Flag.ACK);
        assert.equal(pong?.payload.toString(), '12345678');
      });
      assert.equal(served(), 0);
    });
  }

  test('a body shorter than its content-length resets the stream', async () => {
    let bodyError: unknown;
    await withRawClient(
      async (req, res) => {
        try {
          await readBody(req);
        } catch (err) {
          bodyError = err;
        }
        if (!res.writableEnded) res.writeHead(200).end();
      },
      async (client) => {
        const fields: [string, string][] = [
          [':method', 'POST'],
          [':scheme', 'https'],
          [':path', '/'],
          ['content-length', '10'],
        ];
        client.headers(1, fields, Flag.END_HEADERS);
        client.write(frame(FrameType.DATA, Flag.END_STREAM, 1, Buffer.from('short')));
        const reset = await client.waitFor((f) => f.type === FrameType.RST_STREAM && f.id === 1);
        assert.equal(reset?.payload.readUInt32BE(0), ErrorCode.PROTOCOL_ERROR);
      },
    );
    assert.ok(bodyError instanceof Error);
  });

  const connectionErrors: [string, (client: RawH2Client) => void, number][] = [
    ['a wrong preface', (c) => c.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n')), ErrorCode.PROTOCOL_ERROR],
    [
      'a frame past the largest frame size',
      (c) => c.write(frame(FrameType.DATA, 0, 1, Buffer.alloc(20_000))),
      ErrorCode.FRAME_SIZE_ERROR,
    ],
    [
      'a push from the client',
      (c) => c.write(frame(FrameType.PUSH_PROMISE, Flag.END_HEADERS, 1, Buffer.alloc(4))),
      ErrorCode.PROTOCOL_ERROR,
    ],
    [
      'a stream with an even id',
      (c) =>
        c.headers(
          2,
          [
            [':method', 'GET'],
            [':scheme', 'https'],
            [':path', '/'],
          ],
          Flag.END_STREAM | Flag.END_HEADERS,
        ),
      ErrorCode.PROTOCOL_ERROR,
    ],
    [
      'a header block that is not HPACK',
      (c) =>
        c.write(
          frame(
            FrameType.HEADERS,
            Flag.END_STREAM | Flag.END_HEADERS,
            1,
            Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
          ),
        ),
      ErrorCode.COMPRESSION_ERROR,
    ],
    [
      'an interrupted header block',
      (c) => {
        c.write(frame(FrameType.HEADERS, 0, 1, Buffer.from([0x82])));
        c.write(frame(FrameType.PING, 0, 0, Buffer.alloc(8)));
      },
      ErrorCode.PROTOCOL_ERROR,
    ],
    [
      'a connection WINDOW_UPDATE of 0',
      (c) => c.write(frame(FrameType.WINDOW_UPDATE, 0, 0, Buffer.alloc(4))),
      ErrorCode.PROTOCOL_ERROR,
    ],
  ];
  for (const [name, send, code] of connectionErrors) {
    test(`${name} ends the connection with GOAWAY ${code}`, async () => {
      await withServer(
        (_req, res) => {
          res.writeHead(200).end();
        },
        async (port) => {
          const wrongPreface = name === 'a wrong preface';
          const client = new RawH2Client(port, tls.caCert, !wrongPreface);
          try {
            send(client);
            const goaway = await client.waitFor((f) => f.type === FrameType.GOAWAY);
            assert.equal(goaway?.payload.readUInt32BE(4), code);
            assert.equal(await client.waitClosed(), true);
          } finally {
            client.destroy();
          }
        },
      );
    });
  }

  test('streams past the limit of concurrent streams are refused, and the others served', async () => {
    const held: H2ServerResponse[] = [];
    await withRawClient(
      (_req, res) => {
        held.push(res);
      },
      async (client) => {
        const fields: [string, string][] = [
          [':method', 'GET'],
          [':scheme', 'https'],
          [':path', '/'],
        ];
        for (let id = 1; id <= 2003; id += 2) client.headers(id, fields, Flag.END_STREAM | Flag.END_HEADERS);
        const refused = await client.waitFor((f) => f.type === FrameType.RST_STREAM);
        assert.equal(refused?.id, 2001);
        assert.equal(refused?.payload.readUInt32BE(0), ErrorCode.REFUSED_STREAM);
        for (;;) {
          if (held.length === 1000) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        held[0]?.writeHead(200).end('x');
        const answered = await client.waitFor((f) => f.type === FrameType.DATA && f.id === 1);
        assert.equal(answered?.flags, Flag.END_STREAM);
      },
    );
  });

  test('after the client says GOAWAY, open streams are still answered and the connection then ends', async () => {
    let answer: (() => void) | undefined;
    await withRawClient(
      (_req, res) => {
        answer = () => res.writeHead(200).end('late');
      },
      async (client) => {
        client.headers(
          1,
          [
            [':method', 'GET'],
            [':scheme', 'https'],
            [':path', '/'],
          ],
          Flag.END_STREAM | Flag.END_HEADERS,
        );
        while (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
        client.write(frame(FrameType.GOAWAY, 0, 0, Buffer.alloc(8)));
        await new Promise((resolve) => setTimeout(resolve, 50));
        answer();
        const data = await client.waitFor((f) => f.type === FrameType.DATA && f.id === 1);
        assert.equal(data?.payload.toString(), 'late');
        assert.equal(await client.waitClosed(), true);
      },
    );
  });

  test('a client window changed by SETTINGS resumes an answer held back', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(200).end(Buffer.alloc(100, 'q'));
      },
      async (port) => {
        const client = new RawH2Client(port, tls.caCert, false);
        try {
          client.write(Buffer.concat([CLIENT_PREFACE, settingsFrame([[0x4, 0]])]));
          client.headers(
            1,
            [
              [':method', 'GET'],
              [':scheme', 'https'],
              [':path', '/'],
            ],
            Flag.END_STREAM | Flag.END_HEADERS,
          );
          await client.waitFor((f) => f.type === FrameType.HEADERS && f.id === 1);
          await new Promise((resolve) => setTimeout(resolve, 50));
          assert.equal(
            client.frames.some((f) => f.type === FrameType.DATA),
            false,
          );
          client.write(settingsFrame([[0x4, 65_535]]));
          const data = await client.waitFor((f) => f.type === FrameType.DATA && f.id === 1);
          assert.equal(data?.payload.length, 100);
          assert.equal(data?.flags, Flag.END_STREAM);
        } finally {
          client.destroy();
        }
      },
    );
  });

  test('closing the server ends open streams: their responses close unended', async () => {
    let closedUnended = false;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const server = await startHttpsServer({
      host: '127.0.0.1',
      port: 0,
      pki: TEST_PKI,
      handler: (_req, res) => {
        res.writeHead(200);
        res.write('first line\n');
        res.once('close', () => (closedUnended = !res.writableEnded));
        opened();
      },
    });
    const session = http2.connect(server.url, { ca: tls.caCert });
    session.on('error', () => undefined);
    const stream = session.request({ ':path': '/watch' });
    stream.on('error', () => undefined);
    await open;
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    session.destroy();
    assert.equal(closedUnended, true);
  });
});
