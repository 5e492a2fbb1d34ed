import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../kube-object.js';
import { isGoneOrExpired } from '../rest/error-predicates.js';
import { RestClient } from '../rest/rest-client.js';
import { FakeApiServer } from '../testing/fake-api-server.js';
import { until } from '../testing/settle.js';
import type { WatchEvent } from './watch-event.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const COLLECTION = '/api/v1/pods';
const pod = (name: string, namespace = 'default'): Record<string, unknown> => ({ metadata: { name, namespace } });

describe('WatchStream against a server', () => {
  const server = new FakeApiServer();
  let client: RestClient;
  before(async () => {
    client = new RestClient({ server: await server.start() }, { component: 'watch-test' });
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  test('events after the resourceVersion arrive in order, bookmarks included, with lines split mid-way', async () => {
    const start = server.store.put(COLLECTION, pod('a'));
    const rv = String(start.metadata?.['resourceVersion']);
    server.splitWatchWrites = true;
    const watch = await client.resource(PODS).watch('default', { resourceVersion: rv, allowWatchBookmarks: true });
    const seen: WatchEvent<KubeObject>[] = [];
    const done = (async () => {
      for await (const e of watch) {
        seen.push(e);
        if (seen.length === 4) watch.close();
      }
    })();
    await until(() => server.openWatchCount() === 1, 'the watch to open');
    server.store.put(COLLECTION, pod('b'));
    server.store.put(COLLECTION, pod('b', 'elsewhere'));
    server.store.put(COLLECTION, { ...pod('a'), spec: { changed: true } });
    server.bookmark();
    server.store.remove(COLLECTION, 'default', 'b');
    await done;
    server.splitWatchWrites = false;
    assert.deepEqual(
      seen.map((e) => `${e.type} ${e.object.metadata?.name ?? '-'}`),
      ['ADDED b', 'MODIFIED a', 'BOOKMARK -', 'DELETED b'],
    );
    const request = server.watchRequests().at(-1);
    assert.equal(request?.query.get('allowWatchBookmarks'), 'true');
    assert.equal(request?.query.get('resourceVersion'), rv);
  });

  test('a resourceVersion older than compaction ends the watch with a 410 ApiError', async () => {
    server.store.put(COLLECTION, pod('old'));
    server.store.compact();
    const watch = await client.resource(PODS).watch('default', { resourceVersion: '1' });
    await assert.rejects(
      (async () => {
        for await (const _ of watch) assert.fail('no event expected');
      })(),
      isGoneOrExpired,
    );
  });

  test('aborting the signal ends the iteration cleanly', async () => {
    const controller = new AbortController();
    const watch = await client
      .resource(PODS)
      .watch('default', { resourceVersion: String(server.store.rev), signal: controller.signal });
    const done = (async () => {
      const types: string[] = [];
      for await (const e of watch) types.push(e.type);
      return types;
    })();
    await until(() => server.openWatchCount() === 1, 'the watch to open');
    controller.abort();
    assert.deepEqual(await done, []);
    assert.equal(watch.closed, true);
    await until(() => server.openWatchCount() === 0, 'the server to see the watch go');
  });

  test('the server ending the response ends the iteration cleanly', async () => {
    const watch = await client.resource(PODS).watch('', { resourceVersion: String(server.store.rev) });
    const done = (async () => {
      let n = 0;
      for await (const _ of watch) n++;
      return n;
    })();
    await until(() => server.openWatchCount() === 1, 'the watch to open');
    server.endWatches();
    assert.equal(await done, 0);
  });

  test('a refused watch throws when opened', async () => {
    server.inject((r) => r.query.has('watch'), { code: 403, body: 'forbidden to watch' });
    await assert.rejects(
      client.resource(PODS).watch('default'),
      (err: unknown) => (err as { code?: number }).code === 403,
    );
  });
});
