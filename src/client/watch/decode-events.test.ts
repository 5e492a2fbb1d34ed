import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../rest/api-error.js';
import { isGoneOrExpired } from '../rest/error-predicates.js';
import { decodeWatchEvents, WatchDecodeError } from './decode-events.js';
import { splitLines } from './line-splitter.js';
import type { WatchEvent } from './watch-event.js';

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<string | Uint8Array> {
  for (const p of parts) yield p;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

const ADDED = '{"type":"ADDED","object":{"metadata":{"name":"zoë","resourceVersion":"5"}}}';
const BOOKMARK = '{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"9"}}}';
const STREAM = `${ADDED}\n${BOOKMARK}\n`;

describe('splitLines', () => {
  const cases: { name: string; chunks: string[]; want: string[] }[] = [
    { name: 'one chunk of many lines yields each line', chunks: ['a\nb\nc\n'], want: ['a', 'b', 'c'] },
    { name: 'a line split over chunks is joined', chunks: ['ab', 'c\nd', 'e\n'], want: ['abc', 'de'] },
    { name: 'CRLF endings are trimmed, even when split', chunks: ['a\r', '\nb\r\n'], want: ['a', 'b'] },
    { name: 'a last line without a newline is still yielded', chunks: ['a\nb'], want: ['a', 'b'] },
    { name: 'empty chunks change nothing', chunks: ['', 'a', '', '\n', ''], want: ['a'] },
  ];
  for (const c of cases) {
    test(c.name, async () => assert.deepEqual(await collect(splitLines(chunksOf(...c.chunks))), c.want));
  }

  test('a multi-byte character split between byte chunks is decoded whole', async () => {
    const bytes = Buffer.from('zoë\n');
    const lines = await collect(splitLines(chunksOf(bytes.subarray(0, 3), bytes.subarray(3))));
    assert.deepEqual(lines, ['zoë']);
  });
});

describe('decodeWatchEvents', () => {
  test('every single split point of the byte stream yields the same events', async () => {
    const bytes = Buffer.from(STREAM);
    const want = await collect(decodeWatchEvents(chunksOf(bytes)));
    assert.equal(want.length, 2);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const got = await collect(decodeWatchEvents(chunksOf(bytes.subarray(0, cut), bytes.subarray(cut))));
      assert.deepEqual(got, want, `split at byte ${cut}`);
    }
  });

  test('byte-at-a-time delivery yields the same events', async () => {
    const bytes = Buffer.from(STREAM);
    const singles = [...bytes].map((b) => Uint8Array.of(b));
    const got: WatchEvent<unknown>[] = await collect(decodeWatchEvents(chunksOf(...singles)));
    assert.deepEqual(
      got.map((e) => e.type),
      ['ADDED', 'BOOKMARK'],
    );
  });

  test('an ERROR event throws its Status as an ApiError after the events before it', async () => {
    const error = JSON.stringify({
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: 410,
        reason: 'Expired',
        message: 'too old resource version: 1 (5)',
      },
    });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of decodeWatchEvents(chunksOf(`${ADDED}\n${error}\n${BOOKMARK}\n`))) seen.push(e.type);
      })(),
      (err: unknown) =>
        err instanceof ApiError && isGoneOrExpired(err) && err.message === 'too old resource version: 1 (5)',
    );
    assert.deepEqual(seen, ['ADDED']);
  });

  const malformed: { name: string; line: string }[] = [
    { name: 'a line that is not JSON', line: '{"type":' },
    { name: 'a pair without an object', line: '{"type":"ADDED"}' },
    { name: 'an unknown event type', line: '{"type":"RENAMED","object":{}}' },
    { name: 'an object that is not an object', line: '{"type":"ADDED","object":3}' },
  ];
  for (const c of malformed) {
    test(`${c.name} throws a WatchDecodeError`, async () => {
      await assert.rejects(collect(decodeWatchEvents(chunksOf(`${c.line}\n`))), WatchDecodeError);
    });
  }
});
