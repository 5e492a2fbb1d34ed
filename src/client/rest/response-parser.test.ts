import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ParsedResponse, ResponseParser } from './response-parser.js';

/** Feeds `wire` cut at `cut` (and whole when cut is 0); returns the answers, then what the end of input gave. */
function parse(wire: string, cut: number, heads: boolean[] = []): { answers: ParsedResponse[]; last?: ParsedResponse } {
  const parser = new ResponseParser();
  const answers: ParsedResponse[] = [];
  const bytes = Buffer.from(wire);
  const parts = cut === 0 ? [bytes] : [bytes.subarray(0, cut), bytes.subarray(cut)];
  for (const part of parts)
    parser.push(
      part,
      () => !(heads[answers.length] ?? false),
      (a) => answers.push(a),
    );
  const last = parser.end();
  return last === undefined ? { answers } : { answers, last };
}

const simple = (a: ParsedResponse) => ({ code: a.code, body: a.body, closes: a.closes });

describe('ResponseParser', () => {
  const cases: { name: string; wire: string; heads?: boolean[]; want: object[]; last?: object }[] = [
    {
      name: 'answers framed by Content-Length come out in order',
      wire: 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}HTTP/1.1 201 Created\r\nContent-Length: 7\r\n\r\n{"a":1}',
      want: [
        { code: 200, body: '{}', closes: false },
        { code: 201, body: '{"a":1}', closes: false },
      ],
    },
    {
      name: 'a chunked body is joined, chunk extensions and trailers skipped',
      wire: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\n{"a\r\n4\r\n":1}\r\n0\r\nx-trailer: 1\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n',
      want: [
        { code: 200, body: '{"a":1}', closes: false },
        { code: 204, body: '', closes: false },
      ],
    },
    {
      name: 'multi-byte characters split across reads stay whole',
      wire: 'HTTP/1.1 200 OK\r\ncontent-length: 7\r\n\r\n"ünï"',
      want: [{ code: 200, body: '"ünï"', closes: false }],
    },
    {
      name: 'an answer to HEAD has no body whatever its Content-Length says',
      wire: 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}',
      heads: [true, false],
      want: [
        { code: 200, body: '', closes: false },
        { code: 200, body: '{}', closes: false },
      ],
    },
    {
      name: 'an interim 100 Continue is skipped',
      wire: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}',
      want: [{ code: 200, body: '{}', closes: false }],
    },
    {
      name: 'Connection: close marks the answer as the last',
      wire: 'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\ncontent-length: 2\r\n\r\n{}',
      want: [{ code: 500, body: '{}', closes: true }],
    },
    {
      name: 'a body with no framing runs to the end of the connection',
      wire: 'HTTP/1.0 200 OK\r\n\r\n{"until":"end"}',
      want: [],
      last: { code: 200, body: '{"until":"end"}', closes: true },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      for (let cut = 0; cut < Buffer.byteLength(c.wire); cut++) {
        const { answers, last } = parse(c.wire, cut, c.heads);
        assert.deepEqual(answers.map(simple), c.want, `cut at byte ${cut}`);
        assert.deepEqual(last && simple(last), c.last, `cut at byte ${cut}`);
      }
    });
  }

  test('header names are lower-cased and repeated headers kept in order', () => {
    const { answers } = parse(
      'HTTP/1.1 200 OK\r\nWarning: a\r\nRetry-After: 3\r\nwarning: b\r\ncontent-length: 0\r\n\r\n',
      0,
    );
    assert.deepEqual(answers[0]?.headers, { warning: ['a', 'b'], 'retry-after': '3', 'content-length': '0' });
  });

  const broken: { name: string; wire: string; error: RegExp }[] = [
    { name: 'bytes that are not an HTTP answer', wire: 'SSH-2.0-x\r\n\r\n', error: /not an HTTP\/1\.1 answer/ },
    {
      name: 'a header line without a colon',
      wire: 'HTTP/1.1 200 OK\r\nbroken\r\n\r\n',
      error: /malformed header line/,
    },
    {
      name: 'a negative Content-Length',
      wire: 'HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n',
      error: /Content-Length/,
    },
    {
      name: 'a chunk size that is not hexadecimal',
      wire: 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      error: /chunk size/,
    },
    { name: 'a head longer than 64 KiB', wire: `HTTP/1.1 200 OK\r\nx: ${'a'.repeat(70_000)}`, error: /too long/ },
  ];
  for (const c of broken) {
    test(`${c.name} is refused`, () => {
      assert.throws(() => parse(c.wire, 0), c.error);
    });
  }
});
