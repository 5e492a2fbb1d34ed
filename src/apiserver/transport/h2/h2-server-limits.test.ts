import assert from 'node:assert/strict';
import * as nodeTls from 'node:tls';
import { describe, test } from 'node:test';
import { ErrorCode, Flag, frame, FrameType } from '../../../machinery/http2/frames.js';
import { ClientGone } from '../../request/client-gone.js';
import { startHttpsServer } from '../https-server.js';
import { answering, readBody, TEST_PKI, tls, withRawClient } from './h2-server.fixture.js';
import { literalBlock } from './raw-h2-client.fixture.js';

/** What a hostile or careless client can and cannot make the server do. */
describe('H2ServerSession limits', () => {
  const GET: [string, string][] = [
    [':method', 'GET'],
    [':scheme', 'https'],
    [':path', '/watch'],
  ];

  test('a stream reset before its handler looks is seen as gone by the client-gone signal', async () => {
    let aborted: boolean | undefined;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await withRawClient(
      async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 20)); // as authentication and authorization do
        aborted = new ClientGone(res).signal.aborted;
        done();
      },
      async (client) => {
        client.write(
          Buffer.concat([
            frame(FrameType.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, 1, literalBlock(GET)),
            frame(FrameType.RST_STREAM, 0, 1, Buffer.from([0, 0, 0, ErrorCode.CANCEL])),
          ]),
        );
        await finished;
      },
    );
    assert.equal(aborted, true);
  });

  test('a request whose body is shorter than its content-length on HEADERS is reset and never served', async () => {
    const { handler, served } = answering();
    await withRawClient(handler, async (client) => {
      client.write(
        frame(
          FrameType.HEADERS,
          Flag.END_STREAM | Flag.END_HEADERS,
          1,
          literalBlock([...GET, ['content-length', '1']]),
        ),
      );
      const reset = await client.waitFor((f) => f.type === FrameType.RST_STREAM && f.id === 1);
      assert.equal(reset?.payload.readUInt32BE(0), ErrorCode.PROTOCOL_ERROR);
    });
    assert.equal(served(), 0);
  });

  test('streams reset at once still count against the limit while their handlers run (rapid reset)', async () => {
    let handled = 0;
    await withRawClient(
      () => {
        handled++;
        return new Promise<void>(() => undefined); // a handler that never finishes
      },
      async (client) => {
        const frames: Buffer[] = [];
        for (let id = 1; id <= 2_401; id += 2) {
          frames.push(frame(FrameType.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, id, literalBlock(GET)));
          frames.push(frame(FrameType.RST_STREAM, 0, id, Buffer.from([0, 0, 0, ErrorCode.CANCEL])));
        }
        client.write(Buffer.concat(frames));
        const refused = await client.waitFor(
          (f) => f.type === FrameType.RST_STREAM && f.payload.readUInt32BE(0) === ErrorCode.REFUSED_STREAM,
        );
        assert.equal(refused?.id, 2_001);
      },
    );
    assert.equal(handled, 1_000);
  });

  test('a header list that decodes past 1 MiB is answered 431, and the connection goes on', async () => {
    const { handler, served } = answering();
    await withRawClient(handler, async (client) => {
      // 300 references to one 4,000-octet entry: a 1,2 MB header list from a block of ~4 KB.
      const block = literalBlock([...GET, ['x-big', 'b'.repeat(4_000)]], true, 300);
      client.write(frame(FrameType.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, 1, block));
      const answer = await client.waitFor((f) => f.type === FrameType.HEADERS && f.id === 1);
      assert.ok(answer !== undefined);
      assert.deepEqual(client.decode(answer)[0], [':status', '431']);
      client.write(frame(FrameType.PING, 0, 0, Buffer.from('abcdefgh')));
      assert.equal((await client.waitFor((f) => f.type === FrameType.PING))?.flags, Flag.ACK);
    });
    assert.equal(served(), 0);
  });

  test('endless empty CONTINUATION frames end the connection with GOAWAY ENHANCE_YOUR_CALM', async () => {
    await withRawClient(
      (_req, res) => {
        res.writeHead(200).end();
      },
      async (client) => {
        const frames = [frame(FrameType.HEADERS, 0, 1, literalBlock(GET))];
        const empty = frame(FrameType.CONTINUATION, 0, 1, Buffer.alloc(0));
        for (let i = 0; i < 120_000; i++) frames.push(empty);
        client.write(Buffer.concat(frames));
        const goaway = await client.waitFor((f) => f.type === FrameType.GOAWAY);
        assert.equal(goaway?.payload.readUInt32BE(4), ErrorCode.ENHANCE_YOUR_CALM);
      },
    );
  });

  test('a request header value with a line break is malformed: reset, never served', async () => {
    const { handler, served } = answering();
    await withRawClient(handler, async (client) => {
      const block = literalBlock([...GET, ['x-bad', 'a\r\nx-injected: 1']]);
      client.write(frame(FrameType.HEADERS, Flag.END_STREAM | Flag.END_HEADERS, 1, block));
      const reset = await client.waitFor((f) => f.type === FrameType.RST_STREAM && f.id === 1);
      assert.equal(reset?.payload.readUInt32BE(0), ErrorCode.PROTOCOL_ERROR);
    });
    assert.equal(served(), 0);
  });

  test('a body read after its stream closed is credited back to the connection once', async () => {
    let read!: () => void;
    const readDone = new Promise<void>((resolve) => (read = resolve));
    await withRawClient(
      async (req, res) => {
        try {
          while (!req.complete) await new Promise((resolve) => setTimeout(resolve, 5));
          res.writeHead(200).end('answered first');
          await new Promise((resolve) => setTimeout(resolve, 50));
          await readBody(req);
        } finally {
          read();
        }
      },
      async (client) => {
        const post: [string, string][] = [
          [':method', 'POST'],
          [':scheme', 'https'],
          [':path', '/'],
        ];
        const frames = [frame(FrameType.HEADERS, Flag.END_HEADERS, 1, literalBlock(post))];
        for (let i = 0; i < 13; i++) {
          frames.push(frame(FrameType.DATA, i === 12 ? Flag.END_STREAM : 0, 1, Buffer.alloc(16_000, 'd')));
        }
        client.write(Buffer.concat(frames));
        await readDone;
        await new Promise((resolve) => setTimeout(resolve, 50));
        const credits = client.frames
          .filter((f) => f.type === FrameType.WINDOW_UPDATE && f.id === 0)
          .map((f) => f.payload.readUInt32BE(0));
        // The first is the server's opening grant; then the body's 208,000 octets, once.
        assert.equal(
          credits.slice(1).reduce((a, b) => a + b, 0),
          208_000,
        );
      },
    );
  });

  test('an HTTP/1.1 client that never finishes its request headers is answered 408 and dropped', async () => {
    const server = await startHttpsServer({
      host: '127.0.0.1',
      port: 0,
      pki: TEST_PKI,
      handler: (_req, res) => {
        res.writeHead(200);
        res.end();
      },
      http1Timeouts: { headers: 200, request: 300, checkInterval: 50 },
    });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = nodeTls.connect({
          host: '127.0.0.1',
          port: server.port,
          ca: tls.caCert,
          ALPNProtocols: ['http/1.1'],
        });
        let text = '';
        socket.on('data', (c: Buffer) => (text += c.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
        setTimeout(() => {
          socket.destroy();
          resolve(`still open: ${text}`);
        }, 3_000);
      });
      assert.match(answer, /^HTTP\/1\.1 408/);
    } finally {
      await server.close();
    }
  });
});
