/** The ReplicationController controller (the ReplicaSet core over core/v1 RCs) against a real skiff server. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReplicationController } from '../../api/core/v1/replication-controller.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import {
  type ControllerCluster,
  eventsAbout,
  livePods,
  runControllers,
  type RunningControllers,
  setPodRunning,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { newReplicaSetController } from '../replicaset/replicaset-controller.js';
import { NAME, newReplicationControllerController, REPLICATION_CONTROLLERS } from './replication-controller.js';

const NS = 'default';

describe('ReplicationController controller', () => {
  let c: ControllerCluster;
  let controllers: RunningControllers;
  let rcs: ResourceClient<ReplicationController>;

  before(async () => {
    c = await startControllerCluster();
    // The ReplicaSet controller runs too: it must leave RC-owned pods alone.
    controllers = await runControllers(c.client, [newReplicationControllerController, newReplicaSetController]);
    rcs = c.client.resource<ReplicationController>(REPLICATION_CONTROLLERS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  test('the controller is called replicationcontroller', () => {
    assert.equal(NAME, 'replicationcontroller');
  });

  test('an RC keeps its count of pods, owned as a v1 ReplicationController, with status and events', async () => {
    const rc = await rcs.create(NS, {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy' },
      spec: {
        replicas: 2,
        selector: { app: 'legacy' },
        template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    } as ReplicationController);
    const pods = await waitFor('two pods', async () => {
      const list = await livePods(c.client, NS, 'app=legacy');
      return list.length === 2 && list;
    });
    for (const pod of pods) {
      assert.deepEqual(pod.metadata?.ownerReferences?.[0], {
        apiVersion: 'v1',
        kind: 'ReplicationController',
        name: 'legacy',
        uid: rc.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      });
    }
    for (const pod of pods) await setPodRunning(c.client, pod as Pod);
    const ready = await waitFor('ready status', async () => {
      const fresh = await rcs.get(NS, 'legacy');
      return fresh.status?.readyReplicas === 2 && fresh;
    });
    assert.equal(ready.status?.replicas, 2);
    assert.equal(ready.status?.availableReplicas, 2);
    assert.equal(ready.status?.fullyLabeledReplicas, 2);
    assert.equal(ready.status?.observedGeneration, ready.metadata?.generation);
    const events = await waitFor('events', async () => {
      const all = await eventsAbout(c.client, NS, 'legacy');
      return all.length >= 2 && all;
    });
    assert.ok(
      events.every((e) => e.startsWith('SuccessfulCreate: Created pod: legacy-')),
      events.join('\n'),
    );

    await rcs.patch(NS, 'legacy', 'merge', { spec: { replicas: 1 } });
    await waitFor('one pod left', async () => (await livePods(c.client, NS, 'app=legacy')).length === 1);
    await waitFor('status of one', async () => (await rcs.get(NS, 'legacy')).status?.replicas === 1);
  });
});
