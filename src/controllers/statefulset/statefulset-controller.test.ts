/** The StatefulSet controller against a real skiff server, the kubelet played by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { CONTROLLER_REVISIONS } from '../history/controller-history.js';
import {
  type ControllerCluster,
  eventsAbout,
  livePods,
  runControllers,
  type RunningControllers,
  setPodRunning,
  sleepMs,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { PODS } from '../replicaset/replica-controller.js';
import { NAME, newStatefulSetController, PERSISTENT_VOLUME_CLAIMS, STATEFUL_SETS } from './statefulset-controller.js';

const NS = 'default';

function statefulSet(
  name: string,
  replicas: number,
  spec: Partial<NonNullable<StatefulSet['spec']>> = {},
): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: {
      replicas,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'nginx:1' }] },
      },
      ...spec,
    },
  } as StatefulSet;
}

const WWW = [
  {
    metadata: { name: 'www' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
] as NonNullable<StatefulSet['spec']>['volumeClaimTemplates'];

describe('StatefulSet controller', () => {
  let c: ControllerCluster;
  let controllers: RunningControllers;
  let sets: ResourceClient<StatefulSet>;
  let pods: ResourceClient<Pod>;
  let claims: ResourceClient<PersistentVolumeClaim>;

  const podNames = async (app: string): Promise<string[]> =>
    (await livePods(c.client, NS, `app=${app}`)).map((p) => p.metadata?.name ?? '').sort();
  const podOf = (name: string): Promise<Pod> => pods.get(NS, name);
  const makeReady = async (name: string): Promise<void> => setPodRunning(c.client, await podOf(name));

  before(async () => {
    c = await startControllerCluster();
    controllers = await runControllers(c.client, [newStatefulSetController]);
    sets = c.client.resource<StatefulSet>(STATEFUL_SETS);
    pods = c.client.resource<Pod>(PODS);
    claims = c.client.resource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  test('the controller is called statefulset', () => {
    assert.equal(NAME, 'statefulset');
  });

  test('web-0, web-1 and web-2 are created in order, each once its predecessor is Ready, after their claims', async () => {
    const set = await sets.create(NS, statefulSet('web', 3, { volumeClaimTemplates: WWW }));
    await waitFor('web-0', async () => (await podNames('web')).includes('web-0'));
    const web0 = await podOf('web-0');
    const claim0 = await claims.get(NS, 'www-web-0');
    assert.ok(
      BigInt(claim0.metadata?.resourceVersion ?? '0') < BigInt(web0.metadata?.resourceVersion ?? '0'),
      'the claim was created before the pod',
    );
    assert.deepEqual(claim0.metadata?.labels, { app: 'web' });
    assert.equal(web0.spec?.volumes?.[0]?.name, 'www');
    assert.equal(web0.spec?.volumes?.[0]?.persistentVolumeClaim?.claimName, 'www-web-0');
    assert.equal(web0.spec?.hostname, 'web-0');
    assert.equal(web0.spec?.subdomain, 'web');
    assert.equal(web0.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], 'web-0');
    assert.equal(web0.metadata?.labels?.['apps.kubernetes.io/pod-index'], '0');
    assert.equal(web0.metadata?.ownerReferences?.[0]?.uid, set.metadata?.uid);

    await sleepMs(400);
    assert.deepEqual(await podNames('web'), ['web-0'], 'web-1 waits for web-0');
    await setPodRunning(c.client, web0, false);
    await sleepMs(400);
    assert.deepEqual(await podNames('web'), ['web-0'], 'running but not ready is not enough');

    await makeReady('web-0');
    await waitFor('web-1', async () => (await podNames('web')).includes('web-1'));
    await sleepMs(300);
    assert.deepEqual(await podNames('web'), ['web-0', 'web-1'], 'web-2 waits for web-1');
    await claims.get(NS, 'www-web-1');
    await makeReady('web-1');
    await waitFor('web-2', async () => (await podNames('web')).includes('web-2'));
    await makeReady('web-2');

    const done = await waitFor('three ready', async () => {
      const fresh = await sets.get(NS, 'web');
      return fresh.status?.readyReplicas === 3 && fresh;
    });
    const status = done.status;
    assert.equal(status?.replicas, 3);
    assert.equal(status?.currentReplicas, 3);
    assert.equal(status?.updatedReplicas, 3);
    assert.equal(status?.availableReplicas, 3);
    assert.equal(status?.observedGeneration, done.metadata?.generation);
    assert.equal(status?.collisionCount, 0);
    assert.equal(status?.currentRevision, status?.updateRevision);
    assert.match(status?.updateRevision ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.equal(web0.metadata?.labels?.['controller-revision-hash'], status?.updateRevision);

    const revision = await c.client
      .resource<ControllerRevision>(CONTROLLER_REVISIONS)
      .get(NS, status?.updateRevision ?? '');
    assert.equal(revision.revision, 1);
    assert.equal(revision.metadata?.ownerReferences?.[0]?.uid, set.metadata?.uid);
    assert.equal(revision.metadata?.labels?.['app'], 'web');

    const events = await waitFor('creation events', async () => {
      const all = await eventsAbout(c.client, NS, 'web');
      return all.length >= 6 && all;
    });
    for (const i of [0, 1, 2]) {
      assert.ok(
        events.includes(`SuccessfulCreate: create Pod web-${i} in StatefulSet web successful`),
        events.join('\n'),
      );
      assert.ok(events.includes(`SuccessfulCreate: create Claim www-web-${i} Pod web-${i} in StatefulSet web success`));
    }
    const out = await c.cluster.ok(['rollout', 'status', 'statefulset/web', '-n', NS, '--timeout=20s']);
    assert.match(out, /partitioned roll out complete: 3 new pods have been updated/);
  });

  test('a rolling update with a partition replaces only the ordinals at or above it, highest first', async () => {
    await sets.create(NS, statefulSet('part', 3));
    for (const i of [0, 1, 2]) {
      await waitFor(`part-${i}`, async () => (await podNames('part')).includes(`part-${i}`));
      await makeReady(`part-${i}`);
    }
    const before = await waitFor('ready', async () => {
      const s = await sets.get(NS, 'part');
      return s.status?.readyReplicas === 3 && s.status.currentRevision !== undefined && s;
    });
    const oldRevision = before.status?.currentRevision ?? '';
    const oldUids = new Map<string, string>();
    for (const i of [0, 1, 2]) oldUids.set(`part-${i}`, (await podOf(`part-${i}`)).metadata?.uid ?? '');

    await sets.patch(NS, 'part', 'merge', {
      spec: {
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } },
        template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } },
      },
    });
    const replaced2 = await waitFor('part-2 replaced', async () => {
      const p = await podOf('part-2').catch(() => undefined);
      return p !== undefined && p.metadata?.uid !== oldUids.get('part-2') && p;
    });
    const newRevision = replaced2.metadata?.labels?.['controller-revision-hash'];
    assert.notEqual(newRevision, oldRevision);
    assert.equal(replaced2.spec?.containers?.[0]?.image, 'nginx:2');
    assert.equal((await podOf('part-1')).metadata?.uid, oldUids.get('part-1'), 'part-1 waits for part-2 to be ready');
    await makeReady('part-2');

    const replaced1 = await waitFor('part-1 replaced', async () => {
      const p = await podOf('part-1').catch(() => undefined);
      return p !== undefined && p.metadata?.uid !== oldUids.get('part-1') && p;
    });
    assert.equal(replaced1.metadata?.labels?.['controller-revision-hash'], newRevision);
    await makeReady('part-1');
    const status = await waitFor('partitioned status', async () => {
      const s = await sets.get(NS, 'part');
      return s.status?.updatedReplicas === 2 && s.status.readyReplicas === 3 && s.status;
    });
    await sleepMs(400);
    const part0 = await podOf('part-0');
    assert.equal(part0.metadata?.uid, oldUids.get('part-0'), 'part-0 is below the partition');
    assert.equal(part0.metadata?.labels?.['controller-revision-hash'], oldRevision);
    assert.equal(status.currentRevision, oldRevision);
    assert.equal(status.updateRevision, newRevision);
    assert.equal(status.currentReplicas, 1);
    const out = await c.cluster.ok(['rollout', 'status', 'statefulset/part', '-n', NS, '--timeout=20s']);
    assert.match(out, /partitioned roll out complete: 2 new pods have been updated/);

    await sets.patch(NS, 'part', 'merge', { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } });
    await waitFor('part-0 replaced', async () => {
      const p = await podOf('part-0').catch(() => undefined);
      return p !== undefined && p.metadata?.uid !== oldUids.get('part-0');
    });
    await makeReady('part-0');
    const complete = await waitFor('rollout complete', async () => {
      const s = await sets.get(NS, 'part');
      return s.status?.currentRevision === newRevision && s.status;
    });
    assert.equal(complete.currentReplicas, 3);
    assert.equal(complete.updateRevision, newRevision);

    const history = await c.cluster.ok(['rollout', 'history', 'statefulset/part', '-n', NS]);
    assert.match(history, /^1\s/m);
    assert.match(history, /^2\s/m);
    await c.cluster.ok(['rollout', 'undo', 'statefulset/part', '-n', NS, '--to-revision=1']);
    const rolledBack = await waitFor('the first revision renumbered as the update revision', async () => {
      const s = await sets.get(NS, 'part');
      return s.status?.updateRevision === oldRevision && s;
    });
    assert.equal(rolledBack.spec?.template?.spec?.containers?.[0]?.image, 'nginx:1');
    const first = await c.client.resource<ControllerRevision>(CONTROLLER_REVISIONS).get(NS, oldRevision);
    assert.equal(first.revision, 3);
  });

  test('Parallel creates every pod at once, and scaling down keeps the lowest ordinals', async () => {
    await sets.create(NS, statefulSet('shrink', 3, { podManagementPolicy: 'Parallel' }));
    const three = await waitFor('three pods at once', async () => {
      const names = await podNames('shrink');
      return names.length === 3 && names;
    });
    assert.deepEqual(three, ['shrink-0', 'shrink-1', 'shrink-2']);
    for (const name of three) await makeReady(name);
    await waitFor('ready', async () => (await sets.get(NS, 'shrink')).status?.readyReplicas === 3);

    await sets.patch(NS, 'shrink', 'merge', { spec: { replicas: 1, podManagementPolicy: 'Parallel' } });
    await waitFor('one left', async () => (await podNames('shrink')).length === 1);
    assert.deepEqual(await podNames('shrink'), ['shrink-0']);
    const deletions = (await eventsAbout(c.client, NS, 'shrink')).filter((e) => e.startsWith('SuccessfulDelete'));
    assert.deepEqual(deletions.sort(), [
      'SuccessfulDelete: delete Pod shrink-1 in StatefulSet shrink successful',
      'SuccessfulDelete: delete Pod shrink-2 in StatefulSet shrink successful',
    ]);
  });

  test('ordered scale-down blocks on an unready condemned pod above the first unhealthy one', async () => {
    await sets.create(NS, statefulSet('down', 3));
    for (const i of [0, 1, 2]) {
      await waitFor(`down-${i}`, async () => (await podNames('down')).includes(`down-${i}`));
      await makeReady(`down-${i}`);
    }
    await waitFor('ready', async () => (await sets.get(NS, 'down')).status?.readyReplicas === 3);
    await setPodRunning(c.client, await podOf('down-1'), false);
    await setPodRunning(c.client, await podOf('down-2'), false);
    await waitFor('one ready', async () => (await sets.get(NS, 'down')).status?.readyReplicas === 1);
    await sets.patch(NS, 'down', 'merge', { spec: { replicas: 1 } });
    await sleepMs(500);
    assert.deepEqual(await podNames('down'), ['down-0', 'down-1', 'down-2'], 'down-2 must recover before it goes');
    await makeReady('down-2');
    await waitFor('down to one', async () => (await podNames('down')).length === 1);
    assert.deepEqual(await podNames('down'), ['down-0']);
    const deletions = (await eventsAbout(c.client, NS, 'down')).filter((e) => e.startsWith('SuccessfulDelete'));
    assert.deepEqual(deletions.sort(), [
      'SuccessfulDelete: delete Pod down-1 in StatefulSet down successful',
      'SuccessfulDelete: delete Pod down-2 in StatefulSet down successful',
    ]);
  });

  test('a Delete retention policy makes the set the controller of its claims', async () => {
    const set = await sets.create(
      NS,
      statefulSet('keep', 1, {
        volumeClaimTemplates: WWW,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
      }),
    );
    await waitFor('keep-0', async () => (await podNames('keep')).includes('keep-0'));
    await makeReady('keep-0');
    const claim = await waitFor('the claim owned by the set', async () => {
      const pvc = await claims.get(NS, 'www-keep-0');
      return (pvc.metadata?.ownerReferences ?? []).length > 0 && pvc;
    });
    assert.deepEqual(claim.metadata?.ownerReferences, [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'keep',
        uid: set.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  });

  test('a failed pod is replaced under the same name', async () => {
    await sets.create(NS, statefulSet('again', 1));
    await waitFor('again-0', async () => (await podNames('again')).includes('again-0'));
    const first = await podOf('again-0');
    const fresh = await podOf('again-0');
    fresh.status = { ...fresh.status, phase: 'Failed' };
    await pods.updateStatus(NS, fresh);
    await waitFor('a new again-0', async () => {
      const p = await podOf('again-0').catch(() => undefined);
      return p !== undefined && p.metadata?.uid !== first.metadata?.uid;
    });
  });
});
