import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { connect, type ClientHttp2Session } from 'node:http2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { TokenFileAuthenticator } from '../authn/token-file.js';
import { UnionAuthenticator } from '../authn/union.js';
import { X509Authenticator } from '../authn/x509.js';
import { ensurePki, type Pki } from '../pki/ensure-pki.js';
import { versionInfo } from '../version.js';
import { type HttpsServer, startHttpsServer } from './https-server.js';
import { peerCertificate } from './peer-certificate.js';
import { apiVersions, tinyApi } from './tiny-api.fixture.js';

interface Tls {
  ca: string;
  cert?: string;
  key?: string;
}
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function h2Get(url: string, path: string, tls: Tls, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = connect(url, tls);
    session.on('error', reject);
    const req = session.request({ ':path': path, ...headers });
    let body = '';
    let answer: Omit<Answer, 'body'> = { status: 0, headers: {} };
    req.on('response', (h) => (answer = { status: Number(h[':status']), headers: h }));
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      session.close();
      resolve({ ...answer, body });
    });
    req.on('error', reject);
  });
}

function h1Get(url: string, path: string, tls: Tls, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(path, url), { ...tls, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startHttpsServer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'skiff-transport-'));
  const pki: Pki = ensurePki(dataDir, { hosts: [] });
  const other: Pki = ensurePki(join(dataDir, 'other'), { hosts: [] });
  const authenticator = new UnionAuthenticator([
    new X509Authenticator({ caPem: pki.ca.certPem }),
    new TokenFileAuthenticator(new Map([['good-token', { name: 'bob', groups: [] }]])),
  ]);
  let server: HttpsServer;
  let address = '';
  const api = tinyApi(authenticator, () => address);
  const upgrades: { user: string | undefined; upgrade: string | undefined }[] = [];
  const admin: Tls = { ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem };
  const anonymous: Tls = { ca: pki.ca.certPem };

  before(async () => {
    server = await startHttpsServer({
      host: '127.0.0.1',
      port: 0,
      pki,
      handler: api.handler,
      upgradeHandler: (req, socket: Duplex) => {
        const cn: unknown = peerCertificate(req)?.subject.CN;
        upgrades.push({ user: typeof cn === 'string' ? cn : undefined, upgrade: req.headers.upgrade });
        socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n');
        socket.pipe(socket); // echo
      },
    });
    address = `127.0.0.1:${server.port}`;
  });
  after(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const unauthorizedStatus = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Unauthorized',
    reason: 'Unauthorized',
    code: 401,
  };
  const cases: {
    name: string;
    get: typeof h2Get;
    tls: Tls;
    headers?: Record<string, string>;
    want: number;
    user?: string;
    version: string;
  }[] = [
    {
      name: 'an admin certificate over HTTP/2 gets the API versions',
      get: h2Get,
      tls: admin,
      want: 200,
      user: 'skiff-admin',
      version: '2.0',
    },
    {
      name: 'an admin certificate over HTTP/1.1 gets the API versions',
      get: h1Get,
      tls: admin,
      want: 200,
      user: 'skiff-admin',
      version: '1.1',
    },
    { name: 'no client certificate over HTTP/2 is 401', get: h2Get, tls: anonymous, want: 401, version: '2.0' },
    { name: 'no client certificate over HTTP/1.1 is 401', get: h1Get, tls: anonymous, want: 401, version: '1.1' },
    {
      name: 'a certificate from another CA is 401 (the handshake lets it through, authentication does not)',
      get: h2Get,
      tls: { ca: pki.ca.certPem, cert: other.admin.certPem, key: other.admin.keyPem },
      want: 401,
      version: '2.0',
    },
    {
      name: 'a known bearer token without a certificate is its user',
      get: h2Get,
      tls: anonymous,
      headers: { authorization: 'Bearer good-token' },
      want: 200,
      user: 'bob',
      version: '2.0',
    },
    {
      name: 'an unknown bearer token is 401',
      get: h1Get,
      tls: anonymous,
      headers: { authorization: 'Bearer bad-token' },
      want: 401,
      version: '1.1',
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const answer = await c.get(server.url, '/api', c.tls, c.headers);
      assert.equal(answer.status, c.want);
      assert.equal(answer.headers['x-served-over'], c.version);
      assert.equal(answer.headers['content-type'], 'application/json');
      const expected = c.want === 200 ? apiVersions(address) : unauthorizedStatus;
      assert.deepEqual(JSON.parse(answer.body), expected);
      if (c.user !== undefined) assert.equal(answer.headers['x-user'], c.user);
    });
  }

  test('the URL is the bound address', () => {
    assert.equal(server.url, `https://127.0.0.1:${server.port}`);
    assert.ok(server.port > 0);
  });

  test('/version needs no credentials', async () => {
    const answer = await h2Get(server.url, '/version', anonymous);
    assert.equal(answer.status, 200);
    assert.deepEqual(JSON.parse(answer.body), versionInfo());
  });

  test('a handler that throws answers 500 with an InternalError Status', async () => {
    const answer = await h1Get(server.url, '/boom', admin);
    assert.equal(answer.status, 500);
    assert.equal(JSON.parse(answer.body).reason, 'InternalError');
    assert.equal(JSON.parse(answer.body).message, 'Internal error occurred: boom');
  });

  test('an HTTP/1.1 upgrade reaches the upgrade handler with the client certificate', async () => {
    const echoed = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest(new URL('/api/v1/namespaces/default/pods/p/portforward', server.url), {
        ...admin,
        agent: false,
        headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1' },
      });
      req.on('upgrade', (res, socket) => {
        assert.equal(res.statusCode, 101);
        socket.once('data', (data: Buffer) => {
          socket.destroy();
          resolve(data.toString());
        });
        socket.write('ping');
      });
      req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    assert.equal(echoed, 'ping');
    assert.deepEqual(upgrades.at(-1), { user: 'skiff-admin', upgrade: 'SPDY/3.1' });
  });
});

describe('HttpsServer.close', () => {
  test('ends open HTTP/2 sessions, keep-alive connections and hanging requests promptly', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'skiff-transport-close-'));
    t.after(() => rmSync(dataDir, { recursive: true, force: true }));
    const pki = ensurePki(dataDir, { hosts: [] });
    const api = tinyApi(new X509Authenticator({ caPem: pki.ca.certPem }), () => '');
    const server = await startHttpsServer({ host: '127.0.0.1', port: 0, pki, handler: api.handler });
    const tls = { ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem };

    const session: ClientHttp2Session = connect(server.url, tls);
    session.on('error', () => {});
    const sessionClosed = new Promise((resolve) => session.once('close', resolve));
    const hanging = session.request({ ':path': '/hang' });
    hanging.on('error', () => {});
    const hangingClosed = new Promise((resolve) => hanging.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the request reach the server
    const h1 = httpsRequest(new URL('/hang', server.url), { ...tls, agent: false });
    const h1Failed = new Promise<Error>((resolve) => h1.on('error', resolve));
    h1.end();
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = performance.now();
    await server.close();
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `close took ${elapsed.toFixed(0)} ms`);
    await Promise.all([sessionClosed, hangingClosed]);
    assert.match((await h1Failed).message, /socket hang up|ECONNRESET/);
    await assert.rejects(h2Get(server.url, '/version', tls), /ECONNREFUSED/);
  });
});
