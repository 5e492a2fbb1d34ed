/**
 * The etcd store on a real three-member cluster: losing the leader (kill -9) costs a few seconds of
 * writes, loses no acknowledged write, does not break a running watch, and the killed member catches up.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEtcdCluster, type EtcdCluster } from '../../../test/support/etcd-process.js';
import { UnavailableError } from '../errors.js';
import type { Store, WatchEvent } from '../store.js';
import { openEtcdStore, type EtcdStore } from './etcd-store.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const prefix = '/cluster-test/';
const keyOf = (i: number): string => `${prefix}k${String(i).padStart(3, '0')}`;

/**
 * Creates `key`, retrying while the store is unavailable, until `deadline`. A retry can find the key
 * already there when an earlier attempt timed out after etcd had committed it: that counts as written.
 */
async function createUntilDone(store: Store, key: string, value: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const result = await store.create(key, enc(value));
      if (result.ok) return;
      assert.equal(result.current && dec(result.current.value), value, `${key} holds someone else's value`);
      return;
    } catch (err) {
      if (!(err instanceof UnavailableError) || Date.now() > deadline) throw err;
      await sleep(50);
    }
  }
}

let cluster: EtcdCluster;
const stores: EtcdStore[] = [];
before(async () => {
  cluster = await startEtcdCluster(3);
});
after(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await cluster.stop();
});

test('a three-member cluster loses no acknowledged write when its leader is killed', { timeout: 60_000 }, async (t) => {
  const store = await openEtcdStore({
    endpoints: cluster.endpoints,
    requestTimeoutMs: 2_000,
    connectDeadlineMs: 10_000,
  });
  stores.push(store);
  const acknowledged: string[] = [];
  const start = await store.currentRevision();
  const seen: WatchEvent[] = [];
  const watching = (async () => {
    for await (const event of store.watch(prefix, { afterRevision: start })) {
      seen.push(event);
      if (seen.length === 60) return;
    }
  })();

  for (let i = 0; i < 20; i++) {
    await createUntilDone(store, keyOf(i), `v${i}`, Date.now() + 5_000);
    acknowledged.push(keyOf(i));
  }

  const leader = await cluster.leader();
  await leader.kill('SIGKILL');
  const killedAt = Date.now();
  await createUntilDone(store, keyOf(20), 'v20', killedAt + 15_000);
  acknowledged.push(keyOf(20));
  const outage = Date.now() - killedAt;
  assert.ok(outage < 10_000, `writes resumed after ${outage} ms`);
  const survivor = await cluster.leader();
  assert.notEqual(survivor, leader);

  for (let i = 21; i < 60; i++) {
    await createUntilDone(store, keyOf(i), `v${i}`, Date.now() + 10_000);
    acknowledged.push(keyOf(i));
  }

  await leader.restart();
  const alone = await openEtcdStore({ endpoints: [leader.endpoint], connectDeadlineMs: 10_000 });
  stores.push(alone);
  const onRestarted = await alone.list(prefix);
  assert.deepEqual(
    onRestarted.items.map((kv) => kv.key),
    acknowledged,
    'the restarted member has every key',
  );
  assert.deepEqual(
    (await store.list(prefix)).items.map((kv) => `${kv.key}=${dec(kv.value)}`),
    acknowledged.map((k, i) => `${k}=v${i}`),
  );

  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    watching,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`watch saw ${seen.length} of 60`)), 15_000))),
  ]).finally(() => clearTimeout(timer));
  assert.deepEqual(
    seen.map((e) => `${e.type} ${e.kv.key}`),
    acknowledged.map((k) => `created ${k}`),
    'the watch saw every write once, in order, across the leader change',
  );
  t.diagnostic(`writes resumed ${outage} ms after the leader was killed`);
});
