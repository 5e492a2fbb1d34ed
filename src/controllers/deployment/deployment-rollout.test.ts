/**
 * The kubectl rollout commands (undo, pause/resume, restart), revision history cleanup and proportional
 * scaling, against a real skiff server running the Deployment and ReplicaSet controllers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { autoReady, sleepMs, waitFor } from '../replicaset/controller-test-support.js';
import { condition, DeploymentHarness, deploymentFixture, revision } from './deployment-test-fixtures.js';

describe('Deployment rollout commands', () => {
  let h: DeploymentHarness;
  before(async () => {
    h = await DeploymentHarness.start();
  });
  after(async () => {
    await h?.stop();
  });

  test('kubectl rollout undo goes back to the old template and reuses its ReplicaSet as revision 3', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    try {
      await h.deployments.create(ns, deploymentFixture('undo', { replicas: 2 }));
      await h.rolledOut(ns, 'undo');
      const [first] = await h.replicaSetsOf(ns);
      await h.setImage(ns, 'undo', 'nginx:2');
      await waitFor('revision 2', async () => (await h.replicaSetsOf(ns)).some((r) => revision(r) === '2'));
      await h.rolledOut(ns, 'undo');
      const undo = await h.c.cluster.kubectl(['rollout', 'undo', 'deployment/undo', '-n', ns]);
      assert.equal(undo.code, 0, undo.stderr);
      assert.match(undo.stdout, /deployment.apps\/undo rolled back/);
      const back = await waitFor('the first ReplicaSet at revision 3', async () => {
        const r = await h.rss.get(ns, first?.metadata?.name ?? '');
        return revision(r) === '3' && r;
      });
      assert.equal(back.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], '1');
      const d = await h.rolledOut(ns, 'undo');
      assert.equal(d.spec?.template?.spec?.containers?.[0]?.image, 'nginx:1');
      const all = await h.replicaSetsOf(ns);
      assert.equal(all.length, 2, 'no third ReplicaSet');
      assert.equal((await h.rss.get(ns, first?.metadata?.name ?? '')).spec?.replicas, 2);
      assert.ok(all.filter((r) => r.metadata?.uid !== first?.metadata?.uid).every((r) => r.spec?.replicas === 0));
      const history = await h.c.cluster.kubectl(['rollout', 'history', 'deployment/undo', '-n', ns]);
      assert.equal(history.code, 0, history.stderr);
      assert.match(history.stdout, /^2\s/m);
      assert.match(history.stdout, /^3\s/m);
      assert.doesNotMatch(history.stdout, /^1\s/m);
    } finally {
      kubelet.stop();
    }
  });

  test('a paused deployment does not roll out a new template until resumed', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    try {
      await h.deployments.create(ns, deploymentFixture('hold', { replicas: 2 }));
      await h.rolledOut(ns, 'hold');
      const pause = await h.c.cluster.kubectl(['rollout', 'pause', 'deployment/hold', '-n', ns]);
      assert.equal(pause.code, 0, pause.stderr);
      const set = await h.c.cluster.kubectl(['set', 'image', 'deployment/hold', 'c=nginx:2', '-n', ns]);
      assert.equal(set.code, 0, set.stderr);
      const paused = await waitFor('the paused condition', async () => {
        const d = await h.deployments.get(ns, 'hold');
        return condition(d, 'Progressing')?.reason === 'DeploymentPaused' && d;
      });
      assert.equal(condition(paused, 'Progressing')?.status, 'Unknown');
      assert.equal(condition(paused, 'Progressing')?.message, 'Deployment is paused');
      await waitFor('the new generation observed', async () => {
        const d = await h.deployments.get(ns, 'hold');
        return (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
      });
      await sleepMs(500);
      assert.equal((await h.replicaSetsOf(ns)).length, 1, 'no new ReplicaSet while paused');
      const resume = await h.c.cluster.kubectl(['rollout', 'resume', 'deployment/hold', '-n', ns]);
      assert.equal(resume.code, 0, resume.stderr);
      await waitFor('the new ReplicaSet', async () => (await h.replicaSetsOf(ns)).length === 2);
      const d = await h.rolledOut(ns, 'hold');
      assert.equal(condition(d, 'Progressing')?.reason, 'NewReplicaSetAvailable');
    } finally {
      kubelet.stop();
    }
  });

  test('kubectl rollout restart rolls out a new ReplicaSet', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    try {
      await h.deployments.create(ns, deploymentFixture('again2', { replicas: 1 }));
      await h.rolledOut(ns, 'again2');
      const restart = await h.c.cluster.kubectl(['rollout', 'restart', 'deployment/again2', '-n', ns]);
      assert.equal(restart.code, 0, restart.stderr);
      await waitFor('the new ReplicaSet', async () => (await h.replicaSetsOf(ns)).length === 2);
      await h.rolledOut(ns, 'again2');
      const fresh = (await h.replicaSetsOf(ns)).find((r) => revision(r) === '2');
      assert.ok(fresh?.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']);
    } finally {
      kubelet.stop();
    }
  });

  test('old ReplicaSets beyond revisionHistoryLimit are deleted', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    try {
      await h.deployments.create(ns, deploymentFixture('hist', { replicas: 1, revisionHistoryLimit: 1 }));
      await h.rolledOut(ns, 'hist');
      for (const image of ['nginx:2', 'nginx:3', 'nginx:4']) {
        await h.setImage(ns, 'hist', image);
        await waitFor('the new revision', async () =>
          (await h.replicaSetsOf(ns)).some((r) => r.spec?.template?.spec?.containers?.[0]?.image === image),
        );
        await h.rolledOut(ns, 'hist');
      }
      const left = await waitFor('two ReplicaSets left', async () => {
        const all = await h.replicaSetsOf(ns);
        return all.length === 2 && all;
      });
      assert.deepEqual(left.map(revision).sort(), ['3', '4']);
    } finally {
      kubelet.stop();
    }
  });

  test('scaling in the middle of a rollout scales the ReplicaSets in proportion', async () => {
    const ns = await h.namespace();
    const kubelet = autoReady(h.c.client, ns);
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    await h.deployments.create(ns, deploymentFixture('prop', { replicas: 10, strategy }));
    await h.rolledOut(ns, 'prop');
    kubelet.stop();
    await sleepMs(200);
    const [oldRS] = await h.replicaSetsOf(ns);
    await h.setImage(ns, 'prop', 'nginx:2');
    // New pods never become ready: the rollout stops at old 8 + new 5 (10 + surge 3, at least 8 available).
    const sizes = async (): Promise<[number, number]> => {
      const all = await h.replicaSetsOf(ns);
      const old = all.find((r) => r.metadata?.uid === oldRS?.metadata?.uid);
      const fresh = all.find((r) => r.metadata?.uid !== oldRS?.metadata?.uid);
      return [old?.spec?.replicas ?? -1, fresh?.spec?.replicas ?? -1];
    };
    await waitFor('the rollout stuck at 8 + 5', async () => {
      const [o, n] = await sizes();
      return o === 8 && n === 5;
    });
    const scaled = await h.c.cluster.kubectl(['scale', 'deployment/prop', '--replicas=20', '-n', ns]);
    assert.equal(scaled.code, 0, scaled.stderr);
    // 23 allowed (20 + 3), 10 to add: 8·23/13 → 14 for the old one, 5·23/13 → 9 for the new one.
    await waitFor('14 + 9', async () => {
      const [o, n] = await sizes();
      return o === 14 && n === 9;
    });
    await sleepMs(500);
    assert.deepEqual(await sizes(), [14, 9], 'the proportions hold');
  });
});
