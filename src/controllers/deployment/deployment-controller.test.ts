/**
 * The Deployment controller (with the ReplicaSet controller) against a real skiff server and the real
 * kubectl: availability, rolling and Recreate rollouts, the progress deadline. The kubelet's part is played
 * by the test; each test has its own namespace.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { autoReady, eventsAbout, livePods, sleepMs, waitFor } from '../replicaset/controller-test-support.js';
import { NAME } from './deployment-controller.js';
import { condition, DeploymentHarness, deploymentFixture, revision } from './deployment-test-fixtures.js';

describe('Deployment controller', () => {
  let h: DeploymentHarness;
  before(async () => {
    h = await DeploymentHarness.start();
  });
  after(async () => {
    await h?.stop();
  });

  test('the controller is called deployment', () => {
    assert.equal(NAME, 'deployment');
  });

  test('a Deployment of three becomes available through one ReplicaSet, and kubectl rollout status returns', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    try {
      const created = await h.deployments.create(ns, deploymentFixture('web'));
      const status = await h.c.cluster.kubectl(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=30s']);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /deployment "web" successfully rolled out/);
      const d = await h.rolledOut(ns, 'web');
      const [rs, ...others] = await h.replicaSetsOf(ns);
      assert.equal(others.length, 0);
      assert.ok(rs);
      const hash = rs.metadata?.labels?.['pod-template-hash'] ?? '';
      assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
      assert.equal(rs.metadata?.name, `web-${hash}`);
      assert.equal(rs.spec?.selector?.matchLabels?.['pod-template-hash'], hash);
      assert.equal(rs.spec?.template?.metadata?.labels?.['pod-template-hash'], hash);
      assert.equal(revision(rs), '1');
      assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], '3');
      assert.equal(rs.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], '4');
      assert.equal(rs.metadata?.ownerReferences?.[0]?.uid, created.metadata?.uid);
      assert.deepEqual(
        { ...condition(d, 'Available'), lastTransitionTime: undefined, lastUpdateTime: undefined },
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastTransitionTime: undefined,
          lastUpdateTime: undefined,
        },
      );
      assert.equal(condition(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
      assert.equal(condition(d, 'Progressing')?.message, `ReplicaSet "web-${hash}" has successfully progressed.`);
      assert.equal(d.status?.unavailableReplicas ?? 0, 0);
      assert.equal(d.status?.readyReplicas, 3);
      const events = await waitFor('the scaling event', async () => {
        const all = await eventsAbout(h.c.client, ns, 'web');
        return all.length > 0 && all;
      });
      assert.deepEqual(events, [`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    } finally {
      kubelet.stop();
    }
  });

  test('the deployment carries the revision of its new ReplicaSet', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    try {
      await h.deployments.create(ns, deploymentFixture('rev', { replicas: 1 }));
      await h.rolledOut(ns, 'rev');
      await waitFor(
        'the revision annotation',
        async () =>
          (await h.deployments.get(ns, 'rev')).metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1',
        5000,
      );
    } finally {
      kubelet.stop();
    }
  });

  test('a rolling update stays within maxSurge and maxUnavailable and ends on the new ReplicaSet', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns, 200);
    try {
      const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
      await h.deployments.create(ns, deploymentFixture('roll', { replicas: 4, strategy }));
      await h.rolledOut(ns, 'roll');
      const [oldRS] = await h.replicaSetsOf(ns);
      let maxLive = 0;
      let minReady = Infinity;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const pods = await livePods(h.c.client, ns, 'app=roll');
          maxLive = Math.max(maxLive, pods.length);
          const ready = pods.filter((p) =>
            p.status?.conditions?.some((k) => k.type === 'Ready' && k.status === 'True'),
          );
          minReady = Math.min(minReady, ready.length);
          await sleepMs(10);
        }
      })();
      await h.setImage(ns, 'roll', 'nginx:2');
      await waitFor('the new ReplicaSet', async () => (await h.replicaSetsOf(ns)).length === 2);
      await h.rolledOut(ns, 'roll');
      sampling = false;
      await sampler;
      assert.ok(maxLive <= 5, `at most replicas + maxSurge pods ran (saw ${maxLive})`);
      assert.ok(minReady >= 4, `never fewer than replicas - maxUnavailable ready (saw ${minReady})`);
      const all = await h.replicaSetsOf(ns);
      const old = all.find((r) => r.metadata?.uid === oldRS?.metadata?.uid);
      const fresh = all.find((r) => r.metadata?.uid !== oldRS?.metadata?.uid);
      assert.equal(old?.spec?.replicas, 0);
      assert.equal(fresh?.spec?.replicas, 4);
      assert.equal(revision(fresh as ReplicaSet), '2');
      await waitFor('the old ReplicaSet empty', async () => {
        const r = await h.rss.get(ns, old?.metadata?.name ?? '');
        return (r.status?.replicas ?? 0) === 0;
      });
      const events = await eventsAbout(h.c.client, ns, 'roll');
      assert.ok(
        events.includes(`ScalingReplicaSet: Scaled up replica set ${fresh?.metadata?.name ?? ''} from 0 to 1`),
        events.join('\n'),
      );
      assert.ok(
        events.includes(`ScalingReplicaSet: Scaled down replica set ${old?.metadata?.name ?? ''} from 4 to 3`),
        events.join('\n'),
      );
    } finally {
      kubelet.stop();
    }
  });

  test('Recreate removes every old pod before the new ReplicaSet gets any', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns, 100);
    try {
      await h.deployments.create(ns, deploymentFixture('again', { replicas: 2, strategy: { type: 'Recreate' } }));
      await h.rolledOut(ns, 'again');
      const [oldRS] = await h.replicaSetsOf(ns);
      const oldHash = oldRS?.metadata?.labels?.['pod-template-hash'];
      let mixed = false;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const hashes = new Set(
            (await livePods(h.c.client, ns, 'app=again')).map((p) => p.metadata?.labels?.['pod-template-hash']),
          );
          if (hashes.size > 1) mixed = true;
          await sleepMs(10);
        }
      })();
      await h.setImage(ns, 'again', 'nginx:2');
      await waitFor('the new ReplicaSet', async () => (await h.replicaSetsOf(ns)).length === 2);
      const d = await h.rolledOut(ns, 'again');
      sampling = false;
      await sampler;
      assert.equal(mixed, false, 'old and new pods never ran together');
      const pods = await livePods(h.c.client, ns, 'app=again');
      assert.equal(pods.length, 2);
      assert.ok(pods.every((p) => p.metadata?.labels?.['pod-template-hash'] !== oldHash));
      assert.equal(condition(d, 'Available')?.status, 'True');
    } finally {
      kubelet.stop();
    }
  });

  test('a rollout without progress exceeds its deadline, and kubectl rollout status fails', async () => {
    const ns = await h.namespace();
    await h.deployments.create(ns, deploymentFixture('stuck', { replicas: 1, progressDeadlineSeconds: 2 }));
    const d = await waitFor(
      'ProgressDeadlineExceeded',
      async () => {
        const fresh = await h.deployments.get(ns, 'stuck');
        return condition(fresh, 'Progressing')?.reason === 'ProgressDeadlineExceeded' && fresh;
      },
      15_000,
    );
    const [rs] = await h.replicaSetsOf(ns);
    assert.equal(condition(d, 'Progressing')?.status, 'False');
    assert.equal(
      condition(d, 'Progressing')?.message,
      `ReplicaSet "${rs?.metadata?.name ?? ''}" has timed out progressing.`,
    );
    assert.equal(condition(d, 'Available')?.reason, 'MinimumReplicasUnavailable');
    assert.equal(condition(d, 'Available')?.message, 'Deployment does not have minimum availability.');
    const status = await h.c.cluster.kubectl(['rollout', 'status', 'deployment/stuck', '-n', ns, '--timeout=10s']);
    assert.equal(status.code, 1);
    assert.match(status.stderr, /deployment "stuck" exceeded its progress deadline/);
  });

  test('a finished rollout settles: nothing is written any more', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    const versions = async (): Promise<string[]> => [
      (await h.deployments.get(ns, 'calm')).metadata?.resourceVersion ?? '',
      ...(await h.replicaSetsOf(ns)).map((r) => r.metadata?.resourceVersion ?? ''),
      ...(await livePods(h.c.client, ns, 'app=calm')).map((p) => p.metadata?.resourceVersion ?? ''),
    ];
    try {
      await h.deployments.create(ns, deploymentFixture('calm', { replicas: 2 }));
      await h.rolledOut(ns, 'calm');
      await sleepMs(500);
      const settled = await versions();
      await sleepMs(1500);
      assert.deepEqual(await versions(), settled);
    } finally {
      kubelet.stop();
    }
  });
});
