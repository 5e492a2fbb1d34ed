import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import { RestClient } from '../rest/rest-client.js';
import { FakeApiServer } from '../testing/fake-api-server.js';
import { until } from '../testing/settle.js';
import { SharedInformerFactory } from './shared-informer-factory.js';
import { stripManagedFields } from './strip-managed-fields.js';
import { waitForCacheSync } from './wait-for-cache-sync.js';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;

describe('SharedInformerFactory', () => {
  test('one informer per resource, shared listers, one sync wait for all', async () => {
    const server = new FakeApiServer();
    server.store.put('/api/v1/pods', { metadata: { name: 'p', namespace: 'ns', labels: { app: 'x' } } });
    server.store.put('/api/v1/nodes', { metadata: { name: 'n1' } });
    const clock = new FakeClock();
    const client = new RestClient({ server: await server.start() }, { clock, timeoutMs: 0 });
    const factory = new SharedInformerFactory(client, { clock, random: () => 0 });
    const controller = new AbortController();
    try {
      const pods = factory.forResource(PODS);
      assert.equal(factory.forResource(PODS), pods, 'the same informer twice');
      const nodeLister = factory.lister(NODES);
      factory.start(controller.signal);
      factory.start(controller.signal);
      const synced = await factory.waitForCacheSync();
      assert.deepEqual([...synced.entries()].sort(), [
        ['v1/nodes', true],
        ['v1/pods', true],
      ]);
      assert.equal(await waitForCacheSync(undefined, pods, factory.forResource(NODES)), true);
      assert.equal(nodeLister.get('', 'n1')?.metadata?.name, 'n1');
      assert.equal(factory.lister(PODS).byNamespace('ns').list().length, 1);
      await until(() => server.openWatchCount() === 2, 'both watches');
      assert.equal(server.listRequests().length, 2, 'one list per resource');
    } finally {
      controller.abort();
      await factory.shutdown();
      client.close();
      await server.stop();
    }
  });

  test('a transform applies to every informer: listed and watched objects are cached as it left them', async () => {
    const server = new FakeApiServer();
    const managedFields = [{ manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: {} }];
    server.store.put('/api/v1/pods', { metadata: { name: 'listed', namespace: 'ns', managedFields } });
    const clock = new FakeClock();
    const client = new RestClient({ server: await server.start() }, { clock, timeoutMs: 0 });
    const factory = new SharedInformerFactory(client, { clock, random: () => 0, transform: stripManagedFields });
    const controller = new AbortController();
    try {
      const pods = factory.lister(PODS);
      factory.start(controller.signal);
      await factory.waitForCacheSync();
      await until(() => server.openWatchCount() === 1, 'the watch');
      server.store.put('/api/v1/pods', {
        metadata: { name: 'watched', namespace: 'ns', labels: { app: 'x' }, managedFields },
      });
      await until(() => pods.get('ns', 'watched') !== undefined, 'the watched pod');
      assert.deepEqual(Object.keys(pods.get('ns', 'listed')?.metadata ?? {}), ['name', 'namespace', 'resourceVersion']);
      assert.deepEqual(pods.get('ns', 'watched')?.metadata?.labels, { app: 'x' });
      assert.equal('managedFields' in (pods.get('ns', 'watched')?.metadata ?? {}), false);
    } finally {
      controller.abort();
      await factory.shutdown();
      client.close();
      await server.stop();
    }
  });

  test('waiting for sync gives up when the signal aborts', async () => {
    const client = new RestClient({ server: 'http://127.0.0.1:1' }, { timeoutMs: 0 });
    const factory = new SharedInformerFactory(client, { onError: () => undefined });
    factory.forResource(PODS);
    const controller = new AbortController();
    factory.start(controller.signal);
    const waiting = factory.waitForCacheSync(controller.signal);
    controller.abort();
    assert.deepEqual([...(await waiting).values()], [false]);
    await factory.shutdown();
    client.close();
  });
});
