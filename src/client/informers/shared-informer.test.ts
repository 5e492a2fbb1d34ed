import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import type { KubeObject } from '../kube-object.js';
import { RestClient } from '../rest/rest-client.js';
import { FakeApiServer } from '../testing/fake-api-server.js';
import { until } from '../testing/settle.js';
import type { ResourceEventHandler } from './event-handler.js';
import { listWatchFromClient } from './list-watch.js';
import { DeletedFinalStateUnknown } from './object-key.js';
import { SharedInformer } from './shared-informer.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true } as const;
const COLLECTION = '/api/v1/configmaps';
const cm = (name: string, data: Record<string, string> = {}): Record<string, unknown> => ({
  metadata: { name, namespace: 'default' },
  data,
});
const nameOf = (o: KubeObject | DeletedFinalStateUnknown<KubeObject>): string =>
  o instanceof DeletedFinalStateUnknown ? `tombstone ${o.key}` : (o.metadata?.name ?? '?');

/** Records handler calls as short lines. */
function recorder(): { log: string[]; handler: ResourceEventHandler<KubeObject> } {
  const log: string[] = [];
  return {
    log,
    handler: {
      onAdd: (o, initial) => log.push(`add ${nameOf(o)}${initial ? ' (initial)' : ''}`),
      onUpdate: (old, o) =>
        log.push(`update ${nameOf(o)} ${old.metadata?.resourceVersion}->${o.metadata?.resourceVersion}`),
      onDelete: (o) => log.push(`delete ${nameOf(o)}`),
    },
  };
}

describe('SharedInformer against a server', () => {
  const server = new FakeApiServer();
  let client: RestClient;
  const controller = new AbortController();
  const clock = new FakeClock();
  let informer: SharedInformer<KubeObject>;
  let running: Promise<void>;
  const { log, handler } = recorder();
  const errors: unknown[] = [];

  before(async () => {
    client = new RestClient({ server: await server.start() }, { component: 'informer-test', clock, timeoutMs: 0 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) server.store.put(COLLECTION, cm(name));
    informer = new SharedInformer(listWatchFromClient(client.resource(CONFIGMAPS), 'default'), {
      clock,
      pageSize: 2,
      freezeObjects: true,
      random: () => 0,
      onError: (e) => errors.push(e),
    });
    informer.addEventHandler(handler);
    running = informer.run(controller.signal);
  });
  after(async () => {
    controller.abort();
    await running;
    client.close();
    await server.stop();
  });

  test('the initial list arrives in pages, as initial adds, and then the informer has synced', async () => {
    assert.equal(await informer.waitForSync(), true);
    assert.deepEqual(
      log.splice(0),
      ['a', 'b', 'c', 'd', 'e'].map((n) => `add ${n} (initial)`),
    );
    assert.deepEqual(
      server.listRequests().map((r) => [r.query.get('limit'), r.query.has('continue')]),
      [
        ['2', false],
        ['2', true],
        ['2', true],
      ],
    );
    await until(() => server.openWatchCount() === 1, 'the watch');
    assert.equal(server.watchRequests()[0]?.query.get('allowWatchBookmarks'), 'true');
  });

  test('changes on the server reach the handlers and the cache in order, lines split or not', async () => {
    server.splitWatchWrites = true;
    server.store.put(COLLECTION, cm('f'));
    server.store.put(COLLECTION, cm('a', { changed: 'yes' }));
    server.store.remove(COLLECTION, 'default', 'b');
    await until(() => log.length === 3, 'three events');
    server.splitWatchWrites = false;
    assert.deepEqual(log.splice(0), ['add f', 'update a 2->8', 'delete b']);
    assert.deepEqual((informer.indexer.getByKey('default/a') as { data?: object }).data, { changed: 'yes' });
    assert.equal(informer.indexer.getByKey('default/b'), undefined);
  });

  test('a bookmark moves the resourceVersion the informer would resume from', async () => {
    server.store.put('/api/v1/secrets', { metadata: { name: 'unrelated', namespace: 'default' } });
    server.bookmark();
    await until(() => informer.lastSyncResourceVersion() === String(server.store.rev), 'the bookmark');
  });

  test('after a 410 the informer relists, and a deletion missed meanwhile arrives as a tombstone', async () => {
    const listsBefore = server.listRequests().length;
    const watchesBefore = server.watchRequests().length;
    server.endWatches();
    server.store.remove(COLLECTION, 'default', 'c');
    server.store.put(COLLECTION, cm('g'));
    server.store.compact();
    await until(() => server.listRequests().length > listsBefore && server.openWatchCount() === 1, 'the relist');
    await until(() => log.includes('delete tombstone default/c'), 'the tombstone');
    const resumed = server.watchRequests()[watchesBefore];
    assert.ok(Number(resumed?.query.get('resourceVersion')) < server.store.compactedRev, 'first re-watch was stale');
    assert.equal(server.watchRequests().at(-1)?.query.get('resourceVersion'), String(server.store.rev));
    assert.ok(log.includes('add g'));
    assert.deepEqual(
      informer.indexer.listKeys().sort(),
      ['a', 'd', 'e', 'f', 'g'].map((n) => `default/${n}`),
    );
    assert.deepEqual(errors, []);
    log.splice(0);
  });

  test('a handler added late first gets every cached object as an initial add', () => {
    const late = recorder();
    const registration = informer.addEventHandler(late.handler);
    assert.deepEqual(
      late.log.sort(),
      ['a', 'd', 'e', 'f', 'g'].map((n) => `add ${n} (initial)`),
    );
    assert.equal(registration.hasSynced(), true);
    registration.remove();
  });

  test('cached objects are frozen, so that a mutating caller fails loudly', () => {
    const cached = informer.indexer.getByKey('default/a') as { metadata: { labels?: object } };
    assert.throws(() => {
      cached.metadata.labels = { mutated: 'yes' };
    }, TypeError);
  });
});
