/** The ReplicaSet controller against a real skiff server, the kubelet played by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import {
  bindPod,
  type ControllerCluster,
  eventsAbout,
  livePods,
  runControllers,
  type RunningControllers,
  setPodRunning,
  sleepMs,
  startControllerCluster,
  waitFor,
} from './controller-test-support.js';
import { PODS } from './replica-controller.js';
import { NAME, newReplicaSetController, REPLICA_SETS } from './replicaset-controller.js';

const NS = 'default';

function replicaSet(name: string, replicas: number, extra: { minReadySeconds?: number } = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      ...extra,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, tier: 'web' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  } as ReplicaSet;
}

describe('ReplicaSet controller', () => {
  let c: ControllerCluster;
  let controllers: RunningControllers;
  let rss: ResourceClient<ReplicaSet>;
  let pods: ResourceClient<Pod>;

  before(async () => {
    c = await startControllerCluster();
    controllers = await runControllers(c.client, [newReplicaSetController]);
    rss = c.client.resource<ReplicaSet>(REPLICA_SETS);
    pods = c.client.resource<Pod>(PODS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  test('the controller is called replicaset', () => {
    assert.equal(NAME, 'replicaset');
  });

  test('a ReplicaSet of three gets three pods stamped from its template and controlled by it', async () => {
    const rs = await rss.create(NS, replicaSet('three', 3));
    const created = await waitFor('three pods', async () => {
      const list = await livePods(c.client, NS, 'app=three');
      return list.length === 3 && list;
    });
    for (const pod of created) {
      assert.match(pod.metadata?.name ?? '', /^three-[a-z0-9]{5}$/);
      assert.equal(pod.metadata?.generateName, 'three-');
      assert.deepEqual(pod.metadata?.labels, { app: 'three', tier: 'web' });
      assert.deepEqual(pod.metadata?.ownerReferences, [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'three',
          uid: rs.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    const status = await waitFor('status of three', async () => {
      const fresh = await rss.get(NS, 'three');
      return fresh.status?.replicas === 3 && fresh.status?.fullyLabeledReplicas === 3 && fresh;
    });
    assert.equal(status.status?.observedGeneration, status.metadata?.generation);
    assert.equal(status.status?.readyReplicas ?? 0, 0);
    await sleepMs(300);
    assert.equal((await livePods(c.client, NS, 'app=three')).length, 3, 'no pod beyond the three');
    const events = await waitFor('creation events', async () => {
      const all = await eventsAbout(c.client, NS, 'three');
      return all.length >= 3 && all;
    });
    assert.deepEqual(
      events.sort(),
      created.map((p) => `SuccessfulCreate: Created pod: ${p.metadata?.name ?? ''}`).sort(),
    );
  });

  test('a deleted pod is replaced', async () => {
    await rss.create(NS, replicaSet('replace', 2));
    const [first] = await waitFor('two pods', async () => {
      const list = await livePods(c.client, NS, 'app=replace');
      return list.length === 2 && list;
    });
    await pods.delete(NS, first?.metadata?.name ?? '');
    await waitFor('a replacement', async () => {
      const list = await livePods(c.client, NS, 'app=replace');
      return list.length === 2 && list.every((p) => p.metadata?.name !== first?.metadata?.name);
    });
  });

  test('scaling down deletes unassigned pods first, then not-ready ones, and keeps the ready ones', async () => {
    await rss.create(NS, replicaSet('shrink', 5));
    const five = await waitFor('five pods', async () => {
      const list = await livePods(c.client, NS, 'app=shrink');
      return list.length === 5 && list;
    });
    const [ready1, ready2, bound, unassigned1, unassigned2] = five as [Pod, Pod, Pod, Pod, Pod];
    for (const pod of [ready1, ready2, bound]) await bindPod(c.client, pod, 'node-a');
    await setPodRunning(c.client, ready1);
    await setPodRunning(c.client, ready2);
    await waitFor('two ready', async () => (await rss.get(NS, 'shrink')).status?.readyReplicas === 2);
    const fresh = await rss.get(NS, 'shrink');
    await rss.update(NS, { ...fresh, spec: { ...fresh.spec, replicas: 2 } } as ReplicaSet);
    const kept = await waitFor('two pods left', async () => {
      const list = await livePods(c.client, NS, 'app=shrink');
      return list.length === 2 && list;
    });
    assert.deepEqual(kept.map((p) => p.metadata?.name).sort(), [ready1, ready2].map((p) => p.metadata?.name).sort());
    const events = await waitFor('deletion events', async () => {
      const all = (await eventsAbout(c.client, NS, 'shrink')).filter((e) => e.startsWith('SuccessfulDelete'));
      return all.length === 3 && all;
    });
    assert.deepEqual(
      events.sort(),
      [bound, unassigned1, unassigned2].map((p) => `SuccessfulDelete: Deleted pod: ${p.metadata?.name ?? ''}`).sort(),
    );
  });

  test('an orphan that matches is adopted instead of creating a pod, and a pod relabelled away is released', async () => {
    const orphan = await pods.create(NS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'orphan', labels: { app: 'adopt' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    } as Pod);
    const rs = await rss.create(NS, replicaSet('adopt', 2));
    const adopted = await waitFor('the orphan adopted', async () => {
      const pod = await pods.get(NS, 'orphan');
      return pod.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid && pod;
    });
    assert.equal(adopted.metadata?.uid, orphan.metadata?.uid);
    assert.equal(adopted.metadata?.ownerReferences?.[0]?.controller, true);
    await waitFor('two pods', async () => (await livePods(c.client, NS, 'app=adopt')).length === 2);
    await sleepMs(300);
    assert.equal((await livePods(c.client, NS, 'app=adopt')).length, 2, 'the orphan counts as one of the two');

    await pods.patch(NS, 'orphan', 'merge', { metadata: { labels: { app: 'elsewhere' } } });
    const released = await waitFor('the pod released', async () => {
      const pod = await pods.get(NS, 'orphan');
      return (pod.metadata?.ownerReferences ?? []).length === 0 && pod;
    });
    assert.deepEqual(released.metadata?.labels, { app: 'elsewhere' });
    await waitFor(
      'a replacement for the released pod',
      async () => (await livePods(c.client, NS, 'app=adopt')).length === 2,
    );
  });

  test('ready pods count as available only after minReadySeconds', async () => {
    await rss.create(NS, replicaSet('minready', 1, { minReadySeconds: 2 }));
    const [pod] = await waitFor('one pod', async () => {
      const list = await livePods(c.client, NS, 'app=minready');
      return list.length === 1 && list;
    });
    const readyAt = Date.now();
    await setPodRunning(c.client, pod as Pod, true, readyAt);
    const ready = await waitFor('ready', async () => {
      const fresh = await rss.get(NS, 'minready');
      return fresh.status?.readyReplicas === 1 && fresh;
    });
    if (Date.now() - readyAt < 1500) assert.equal(ready.status?.availableReplicas ?? 0, 0);
    await waitFor('available', async () => (await rss.get(NS, 'minready')).status?.availableReplicas === 1, 10_000);
    assert.ok(Date.now() - readyAt >= 1000, 'availability waited for minReadySeconds');
  });
});
