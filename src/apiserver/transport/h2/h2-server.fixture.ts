/** A started API server HTTPS server with a handler of the test's, and Node's HTTP/2 client, for the session's tests. */
import * as http2 from 'node:http2';
import { makeTlsFixtures } from '../../../client/testing/tls-fixtures.js';
import { startHttpsServer } from '../https-server.js';
import type { H2ServerRequest, H2ServerResponse } from './h2-server-stream.js';
import { RawH2Client } from './raw-h2-client.fixture.js';

export const tls = makeTlsFixtures();

/** The fixtures' CA and serving certificate, as the HTTPS server takes them. */
export const TEST_PKI = {
  ca: { certPem: tls.caCert },
  serving: { certPem: tls.serverCert, keyPem: tls.serverKey },
} as const;

export type Handler = (req: H2ServerRequest, res: H2ServerResponse) => void | Promise<void>;

/** The API server's HTTPS server with `handler` answering; `body` runs against it. */
export async function withServer(handler: Handler, body: (port: number, url: string) => Promise<void>): Promise<void> {
  const server = await startHttpsServer({
    host: '127.0.0.1',
    port: 0,
    pki: TEST_PKI,
    handler: (req, res) => handler(req as H2ServerRequest, res as H2ServerResponse),
  });
  try {
    await body(server.port, server.url);
  } finally {
    await server.close();
  }
}

export async function readBody(req: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export interface Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: Buffer;
}

/** One request over Node's HTTP/2 client; the session is closed after. */
export function request(
  url: string,
  headers: http2.OutgoingHttpHeaders,
  body?: Buffer | string,
  settings: http2.Settings = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url, { ca: tls.caCert, settings });
    session.on('error', reject);
    const stream = session.request(headers, { endStream: body === undefined });
    const chunks: Buffer[] = [];
    let answer: http2.IncomingHttpHeaders = {};
    stream.on('response', (h) => (answer = h));
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      session.close();
      resolve({ status: Number(answer[':status']), headers: answer, body: Buffer.concat(chunks) });
    });
    stream.on('error', (err) => {
      session.destroy();
      reject(err);
    });
    if (body !== undefined) stream.end(body);
  });
}

/** Echoes the method, path, headers and body length as JSON. */
export const echo: Handler = async (req, res) => {
  const body = await readBody(req);
  res.writeHead(200, { 'content-type': 'application/json', warning: ['299 - "one"', '299 - "two"'] });
  res.end(
    JSON.stringify({
      method: req.method,
      url: req.url,
      headers: req.headers,
      length: body.length,
      body: body.toString(),
    }),
  );
};

/** withServer, with a RawH2Client connected (preface and SETTINGS sent) for `body`, destroyed after. */
export function withRawClient(handler: Handler, body: (client: RawH2Client) => Promise<void>): Promise<void> {
  return withServer(handler, async (port) => {
    const client = new RawH2Client(port, tls.caCert);
    try {
      await body(client);
    } finally {
      client.destroy();
    }
  });
}

/** A handler that answers 200 at once, and how many requests it served. */
export function answering(): { handler: Handler; served: () => number } {
  let count = 0;
  return {
    handler: (_req, res) => {
      count++;
      res.writeHead(200).end();
    },
    served: () => count,
  };
}
