import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import type { KubeObject } from '../kube-object.js';
import { FakeApiServer } from '../testing/fake-api-server.js';
import { until } from '../testing/settle.js';
import { makeTlsFixtures } from '../testing/tls-fixtures.js';
import { ApiError, TransportError } from './api-error.js';
import { isAlreadyExists, isConflict, isNotFound } from './error-predicates.js';
import { RestClient } from './rest-client.js';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true } as const;
const cm = (name: string, data: Record<string, string> = {}): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data,
});

describe('RestClient over http', () => {
  const server = new FakeApiServer();
  let client: RestClient;
  before(async () => {
    client = new RestClient({ server: await server.start() }, { component: 'tests' });
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  test('create, get, update, patch and delete round-trip through the typed helpers', async () => {
    const cms = client.resource<ConfigMap>(CONFIGMAPS);
    const created = await cms.create('default', cm('one', { a: '1' }));
    assert.equal(created.metadata?.name, 'one');
    const got = await cms.get('default', 'one');
    assert.deepEqual(got.data, { a: '1' });
    const updated = await cms.update('default', { ...got, data: { a: '2' } });
    assert.notEqual(updated.metadata?.resourceVersion, got.metadata?.resourceVersion);
    const patched = await cms.patch('default', 'one', 'merge', { data: { b: '3' } });
    assert.deepEqual(patched.data, { a: '2', b: '3' });
    await cms.delete('default', 'one', {
      propagationPolicy: 'Background',
      preconditions: { uid: created.metadata?.uid ?? '' },
    });
    await assert.rejects(cms.get('default', 'one'), isNotFound);
  });

  test('requests carry the User-Agent, JSON headers, and the verb options as query and body', async () => {
    const cms = client.resource<ConfigMap>(CONFIGMAPS);
    await cms.create('default', cm('opts'), { dryRun: true, fieldManager: 'me' });
    const post = server.requests.at(-1);
    assert.equal(post?.headers['user-agent'], 'skiff/tests');
    assert.equal(post?.headers['content-type'], 'application/json');
    assert.equal(post?.query.get('dryRun'), 'All');
    assert.equal(post?.query.get('fieldManager'), 'me');
    await cms
      .patch('default', 'opts', 'apply', { data: {} }, { fieldManager: 'me', force: true })
      .catch(() => undefined);
    const patch = server.requests.at(-1);
    assert.equal(patch?.headers['content-type'], 'application/apply-patch+yaml');
    assert.equal(patch?.query.get('force'), 'true');
    await cms
      .delete('default', 'opts', { gracePeriodSeconds: 0, preconditions: { resourceVersion: '1' } })
      .catch(() => undefined);
    const del = server.requests.at(-1);
    assert.deepEqual(JSON.parse(del?.body ?? ''), {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      gracePeriodSeconds: 0,
      preconditions: { resourceVersion: '1' },
    });
  });

  test('list passes selectors and pagination through and returns the page', async () => {
    const cms = client.resource<ConfigMap>(CONFIGMAPS);
    for (const name of ['l1', 'l2', 'l3']) {
      await cms.create('paged', { ...cm(name), metadata: { name, namespace: 'paged', labels: { set: 'l' } } });
    }
    const first = await cms.list('paged', { labelSelector: 'set=l', limit: 2 });
    assert.deepEqual(
      first.items.map((i) => i.metadata?.name),
      ['l1', 'l2'],
    );
    assert.ok(first.metadata.continue);
    const second = await cms.list('paged', { labelSelector: 'set=l', limit: 2, continue: first.metadata.continue });
    assert.deepEqual(
      second.items.map((i) => i.metadata?.name),
      ['l3'],
    );
    assert.equal(server.requests.at(-1)?.query.get('labelSelector'), 'set=l');
  });

  test('failures are ApiErrors with the Status the server sent', async () => {
    const cms = client.resource<ConfigMap>(CONFIGMAPS);
    await cms.create('default', cm('dup'));
    await assert.rejects(cms.create('default', cm('dup')), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.ok(isAlreadyExists(err));
      assert.equal(err.message, 'configmaps "dup" already exists');
      return true;
    });
    const stale = { ...cm('dup', { x: 'y' }), metadata: { name: 'dup', namespace: 'default', resourceVersion: '1' } };
    await assert.rejects(cms.update('default', stale), isConflict);
  });

  test('with discardResult a success resolves undefined, unread, and a failure still throws its Status', async () => {
    const cms = client.resource<ConfigMap>(CONFIGMAPS);
    await cms.create('default', cm('discarded', { a: '1' }));
    const path = '/api/v1/namespaces/default/configmaps/discarded';
    const body = cm('discarded', { a: '2' });
    assert.equal(await client.request({ method: 'PUT', path, body, discardResult: true }), undefined);
    assert.deepEqual((await cms.get('default', 'discarded')).data, { a: '2' }, 'the write happened');
    const read = (await client.request({ method: 'PUT', path, body: cm('discarded', { a: '3' }) })) as ConfigMap;
    assert.deepEqual(read.data, { a: '3' }, 'without it the answer is decoded');
    await assert.rejects(
      client.request({ method: 'PUT', path: `${path}-missing`, body: cm('discarded-missing'), discardResult: true }),
      (err: unknown) => err instanceof ApiError && isNotFound(err),
    );
  });

  test('a non-Status failure gets a Status made up from the code', async () => {
    server.inject((r) => r.path.endsWith('/configmaps/teapot'), { code: 404, body: 'no such thing' });
    await assert.rejects(client.resource(CONFIGMAPS).get('default', 'teapot'), (err: unknown) => {
      assert.ok(err instanceof ApiError && isNotFound(err));
      assert.equal(err.message, 'the server could not find the requested resource (get configmaps teapot)');
      return true;
    });
  });

  test('an abort signal fails the request with its reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(client.resource(CONFIGMAPS).list('default', { signal: controller.signal }), /stop/);
  });

  test('a refused connection is a TransportError', async () => {
    const dead = new RestClient({ server: 'http://127.0.0.1:1' });
    await assert.rejects(dead.resource(CONFIGMAPS).list(''), TransportError);
    dead.close();
  });
});

describe('RestClient retries, limits and timeouts', () => {
  const server = new FakeApiServer();
  let url: string;
  before(async () => {
    url = await server.start();
  });
  after(() => server.stop());

  test('a 429 with Retry-After is retried after that many seconds on the clock', async () => {
    const clock = new FakeClock();
    const client = new RestClient({ server: url }, { clock, timeoutMs: 0 });
    server.inject((r) => r.path.endsWith('/retry'), { code: 429, body: 'slow down', headers: { 'Retry-After': '2' } });
    await client.resource(CONFIGMAPS).create('default', cm('retry'));
    const result = client.resource(CONFIGMAPS).get('default', 'retry');
    await until(() => clock.waiterCount() > 0, 'the retry to sleep');
    assert.equal(clock.nextTimerAt(), clock.now() + 2000);
    clock.step(2000);
    assert.equal((await result).metadata?.name, 'retry');
    client.close();
  });

  test('requests past the burst wait for tokens on the clock', async () => {
    const clock = new FakeClock();
    const client = new RestClient({ server: url }, { clock, qps: 1, burst: 2 });
    const cms = client.resource(CONFIGMAPS);
    await cms.list('default');
    await cms.list('default');
    let third = false;
    const pending = cms.list('default').then(() => (third = true));
    await until(() => clock.waiterCount() > 0, 'the limiter to wait');
    assert.equal(third, false);
    clock.step(1000);
    await pending;
    assert.equal(third, true);
    client.close();
  });

  test('a request slower than the timeout fails with a TransportError', async () => {
    const clock = new FakeClock();
    const client = new RestClient({ server: url }, { clock, timeoutMs: 500 });
    server.inject((r) => r.path.endsWith('/slow'), { code: 200, hold: true });
    const pending = client.resource(CONFIGMAPS).get('default', 'slow');
    await until(() => server.requests.at(-1)?.path.endsWith('/slow') === true, 'the request to arrive');
    clock.step(500);
    await assert.rejects(
      pending,
      (err: unknown) => err instanceof TransportError && /timed out after 500 ms/.test(err.message),
    );
    client.close();
  });
});

describe('RestClient over https', () => {
  const tls = makeTlsFixtures();

  test('a kubeconfig CA and client certificate pass mutual TLS', async () => {
    const server = new FakeApiServer({
      tls: { key: tls.serverKey, cert: tls.serverCert, ca: tls.caCert, requestCert: true },
    });
    const client = new RestClient({
      server: await server.start(),
      ca: tls.caCert,
      cert: tls.clientCert,
      key: tls.clientKey,
    });
    try {
      const list = await client.resource(CONFIGMAPS).list('default');
      assert.deepEqual(list.items, []);
    } finally {
      client.close();
      await server.stop();
    }
  });

  test('a server certificate from an unknown CA is refused unless verification is skipped', async () => {
    const server = new FakeApiServer({ tls: { key: tls.serverKey, cert: tls.serverCert } });
    const url = await server.start();
    const strict = new RestClient({ server: url });
    const lax = new RestClient({ server: url, insecureSkipTLSVerify: true });
    try {
      await assert.rejects(strict.resource(CONFIGMAPS).list(''), TransportError);
      assert.deepEqual((await lax.resource(CONFIGMAPS).list('')).items, []);
    } finally {
      strict.close();
      lax.close();
      await server.stop();
    }
  });

  test('a bearer token is sent', async () => {
    const server = new FakeApiServer({ tls: { key: tls.serverKey, cert: tls.serverCert }, token: 's3cret' });
    const url = await server.start();
    const good = new RestClient({ server: url, ca: tls.caCert, token: 's3cret' });
    const bad = new RestClient({ server: url, ca: tls.caCert, token: 'wrong' });
    try {
      await good.resource(CONFIGMAPS).list('');
      await assert.rejects(
        bad.resource(CONFIGMAPS).list(''),
        (err: unknown) => err instanceof ApiError && err.code === 401,
      );
    } finally {
      good.close();
      bad.close();
      await server.stop();
    }
  });
});

describe('RestClient request targets', () => {
  test('paths and queries go out as the URL parser writes them: escapes, dot segments, a base path', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`;
    const client = new RestClient({ server: base }, { maxRetries: 0 });
    const cases: { path: string; query?: Record<string, string | undefined> }[] = [
      { path: '/api/v1/namespaces/default/pods/web/binding' },
      { path: '/api/v1/namespaces/default/pods', query: { labelSelector: 'app in (a,b)', fieldSelector: 'a!=b,c=' } },
      { path: '/api/v1/namespaces/default/pods', query: { dryRun: undefined, fieldManager: undefined } },
      { path: '/api/v1/namespaces/a b/configmaps/ü' },
      { path: "/api/v1/x%2Fy/web:1/it's(1)" },
      { path: '/api/v1/a/./b/../c/%2e%2E/d' },
      { path: '/api/v1/a?b#c' },
      { path: 'api/v1/no-leading-slash' },
    ];
    try {
      for (const { path, query } of cases) {
        await client.request({ method: 'GET', path, ...(query === undefined ? {} : { query }) });
        const url = new URL(base);
        url.pathname = url.pathname.replace(/\/+$/, '') + path;
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, v);
        url.search = params.toString();
        assert.equal(seen.at(-1), url.pathname + url.search, path);
      }
    } finally {
      client.close();
      server.close();
    }
  });
});
