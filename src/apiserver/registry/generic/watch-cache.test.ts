import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigMapKind } from '../../../api/core/v1/config-map.js';
import { MemoryStore } from '../../../storage/memory/memory-store.js';
import type { Store, WatchOptions } from '../../../storage/store.js';
import type { ApiObject } from '../strategy.js';
import { Registry } from './registry.js';
import { makeResource } from './resource.js';
import { selection } from './selection.js';
import type { ApiWatchEvent } from './watch.js';

/** A memory store that counts the watches opened on it. */
function countingStore(): { store: Store; watches: () => number } {
  const inner = new MemoryStore();
  let watches = 0;
  const store = Object.create(inner) as Store;
  store.watch = (prefix: string, options: WatchOptions) => {
    watches++;
    return inner.watch(prefix, options);
  };
  return { store, watches: () => watches };
}

const cm = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
});

async function take(events: AsyncGenerator<ApiWatchEvent>, n: number): Promise<string[]> {
  const out: string[] = [];
  for await (const e of events) {
    out.push(
      e.type === 'BOOKMARK' || e.type === 'ERROR'
        ? e.type
        : `${e.type} ${(e.object.metadata as { name: string }).name}`,
    );
    if (out.length === n) break;
  }
  return out;
}

describe('watch cache', () => {
  const setup = () => {
    const { store, watches } = countingStore();
    const resource = makeResource(ConfigMapKind, {});
    const registry = new Registry(resource, { store, now: () => new Date(), namespaceState: async () => 'active' });
    return { store, watches, resource, registry };
  };

  test('a hundred client watches share one store watch and all see every change', async () => {
    const { watches, resource, registry } = setup();
    const everything = selection(resource);
    const rv = (await registry.watchCache().list(undefined, everything)).resourceVersion;
    const streams = Array.from({ length: 100 }, () =>
      take(registry.watchCache().watch('default', everything, { resourceVersion: rv }), 2),
    );
    await new Promise((r) => setTimeout(r, 20));
    await registry.create('default', cm('a'));
    await registry.create('default', cm('b'));
    const results = await Promise.all(streams);
    assert.ok(results.every((r) => r.join() === 'ADDED a,ADDED b'));
    assert.equal(watches(), 1);
    registry.close();
  });

  test('a watch from a past resourceVersion replays the window, then goes live', async () => {
    const { resource, registry } = setup();
    await registry.watchCache().list(undefined, selection(resource));
    const first = await registry.create('default', cm('one'));
    await registry.create('default', cm('two'));
    const rv = (first.metadata as { resourceVersion: string }).resourceVersion;
    const events = take(registry.watchCache().watch('default', selection(resource), { resourceVersion: rv }), 2);
    await new Promise((r) => setTimeout(r, 20));
    await registry.create('default', cm('three'));
    assert.deepEqual(await events, ['ADDED two', 'ADDED three']);
    registry.close();
  });

  test('without a resourceVersion a watch starts with the current objects', async () => {
    const { resource, registry } = setup();
    await registry.create('default', cm('existing'));
    const events = take(registry.watchCache().watch('default', selection(resource), {}), 2);
    await new Promise((r) => setTimeout(r, 20));
    await registry.create('default', cm('new'));
    assert.deepEqual(await events, ['ADDED existing', 'ADDED new']);
    registry.close();
  });

  test('an object leaving a label selection is DELETED for that watcher', async () => {
    const { resource, registry } = setup();
    await registry.create('default', cm('x', { team: 'a' }));
    const picked = selection(resource, 'team=a');
    const events = take(registry.watchCache().watch('default', picked, {}), 2);
    await new Promise((r) => setTimeout(r, 20));
    await registry.update('default', 'x', (current) => ({
      ...current,
      metadata: { ...current.metadata, labels: { team: 'b' } },
    }));
    assert.deepEqual(await events, ['ADDED x', 'DELETED x']);
    registry.close();
  });

  test('lists from the cache honour namespace and selectors', async () => {
    const { resource, registry } = setup();
    await registry.create('default', cm('d1', { k: 'v' }));
    await registry.create('default', cm('d2'));
    await registry.create('other', cm('o1', { k: 'v' }));
    const names = async (ns: string | undefined, sel: string) =>
      (await registry.watchCache().list(ns, selection(resource, sel))).items.map(
        (o) => (o.metadata as { name: string }).name,
      );
    assert.deepEqual(await names('default', ''), ['d1', 'd2']);
    assert.deepEqual(await names(undefined, 'k=v'), ['d1', 'o1']);
    registry.close();
  });
});

describe('watch after compaction', () => {
  test('a watch from a compacted resourceVersion gets one ERROR event: 410 Expired', async () => {
    const store = new MemoryStore();
    const resource = makeResource(ConfigMapKind, {});
    const registry = new Registry(resource, { store, now: () => new Date(), namespaceState: async () => 'active' });
    const first = await registry.create('default', cm('old'));
    for (let i = 0; i < 5; i++) await registry.create('default', cm(`n${i}`));
    await store.compact(await store.currentRevision());
    const rv = (first.metadata as { resourceVersion: string }).resourceVersion;
    const events: ApiWatchEvent[] = [];
    for await (const e of registry.watchCache().watch('default', selection(resource), { resourceVersion: rv }))
      events.push(e);
    assert.equal(events.length, 1);
    const only = events[0]!;
    assert.equal(only.type, 'ERROR');
    assert.ok(only.type === 'ERROR' && only.object.code === 410 && only.object.reason === 'Expired');
    assert.match(only.type === 'ERROR' ? (only.object.message ?? '') : '', /^too old resource version: \d+ \(\d+\)$/);
    registry.close();
  });

  test('a watch line is serialized once per object and event type, with the type meta first', async () => {
    const resource = makeResource(ConfigMapKind, {});
    const registry = new Registry(resource, {
      store: new MemoryStore(),
      now: () => new Date(),
      namespaceState: async () => 'active',
    });
    const everything = selection(resource);
    await registry.watchCache().list(undefined, everything);
    await registry.create('default', { metadata: { name: 'lined' } });
    await new Promise((r) => setTimeout(r, 20));
    const [object] = (await registry.watchCache().list('default', everything)).items;
    assert.ok(object !== undefined);
    const cache = registry.watchCache();
    const first = cache.line('ADDED', object, 'v1', 'ConfigMap');
    assert.equal(cache.line('ADDED', object, 'v1', 'ConfigMap'), first);
    assert.ok(first.endsWith('\n'));
    const parsed = JSON.parse(first) as { type: string; object: Record<string, unknown> };
    assert.equal(parsed.type, 'ADDED');
    assert.deepEqual(Object.keys(parsed.object).slice(0, 2), ['apiVersion', 'kind']);
    assert.equal((parsed.object['metadata'] as { name: string }).name, 'lined');
    assert.equal(JSON.parse(cache.line('DELETED', object, 'v1', 'ConfigMap')).type, 'DELETED');
    registry.close();
  });

  test('a watch from before the cache began replays the store, then follows the cache', async () => {
    const store = new MemoryStore();
    const resource = makeResource(ConfigMapKind, {});
    const registry = new Registry(resource, { store, now: () => new Date(), namespaceState: async () => 'active' });
    await registry.create('default', { metadata: { name: 'first' } });
    const before = await store.currentRevision(); // not 0, which means "from now, with the current state"
    await registry.create('default', { metadata: { name: 'a' } });
    await registry.create('default', { metadata: { name: 'b' } });
    const cache = registry.watchCache();
    const everything = selection(resource);
    await cache.list(undefined, everything); // the cache starts here, after both creates
    const events = cache.watch('default', everything, { resourceVersion: String(before) });
    const seen: { type: string; name: string; object: unknown }[] = [];
    const reading = (async () => {
      for await (const e of events) {
        if (e.type === 'BOOKMARK' || e.type === 'ERROR') continue;
        seen.push({ type: e.type, name: (e.object.metadata as { name: string }).name, object: e.object });
        if (seen.length === 3) break;
      }
    })();
    await new Promise((r) => setTimeout(r, 20));
    await registry.create('default', { metadata: { name: 'c' } });
    await reading;
    assert.deepEqual(
      seen.map((e) => `${e.type} ${e.name}`),
      ['ADDED a', 'ADDED b', 'ADDED c'],
    );
    // The live change is the cache's own object: the watch left the store once it caught up.
    assert.equal(seen[2]?.object, cache.peek(resource.keys.key('default', 'c')));
    registry.close();
  });

  test('an object written through the registry is cached as written, not decoded again', async () => {
    const resource = makeResource(ConfigMapKind, {});
    const registry = new Registry(resource, {
      store: new MemoryStore(),
      now: () => new Date(),
      namespaceState: async () => 'active',
    });
    const cache = registry.watchCache();
    const { resourceVersion } = await cache.list(undefined, selection(resource));
    // Someone watches: the cache keeps each written version's stored text for its watch lines.
    const watching = take(cache.watch('default', selection(resource), { resourceVersion }), 2);
    await new Promise((r) => setTimeout(r, 20));
    const created = await registry.create('default', { ...cm('a'), data: { k: 'v' } });
    const updated = await registry.update('default', 'a', (current) => ({ ...current, data: { k: 'w' } }));
    assert.deepEqual(await watching, ['ADDED a', 'MODIFIED a']);
    const cached = cache.peek(resource.keys.key('default', 'a'));
    assert.equal(cached?.['data'], updated.object['data'], 'the written data object itself');
    assert.deepEqual(cached?.['data'], { k: 'w' });
    assert.equal(
      (cached?.metadata as { resourceVersion: string }).resourceVersion,
      updated.object.metadata?.resourceVersion,
    );
    assert.notEqual(created.metadata?.resourceVersion, updated.object.metadata?.resourceVersion);
    // Its watch line and the update's answer are made from the text stored, with the same members as the
    // object serialized (the resourceVersion heads the metadata: the text was used).
    const served = { apiVersion: 'v1', kind: 'ConfigMap', ...cached };
    const line = JSON.parse(cache.line('MODIFIED', cached as ApiObject, 'v1', 'ConfigMap')) as {
      object: { metadata: object };
    };
    assert.deepEqual(line, { type: 'MODIFIED', object: served });
    assert.equal(Object.keys(line.object.metadata)[0], 'resourceVersion');
    assert.deepEqual(JSON.parse(registry.servedJson(updated.object) ?? 'null'), served);
    assert.equal(registry.servedJson(cm('never-written')), undefined);
    registry.close();
  });
});
