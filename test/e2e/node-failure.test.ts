/**
 * Node failure, driven by the real kubectl against `skiff server` with short node-lifecycle timings and two
 * simulators of two nodes each (`a-0`, `a-1`; `b-0`, `b-1`, renewing their Leases every second). Stopping
 * simulator b leaves its Leases unrenewed: after the grace period its nodes turn Ready=Unknown with the
 * `node.kubernetes.io/unreachable` taints, their pods are evicted once the default toleration (3 s here) runs
 * out, and the Deployment's replacements run on the a- nodes (the hostname spread constraint honours taints,
 * so the tainted b- nodes do not count).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { getJson, listPods, runningReady } from '../support/pod-views.js';
import { waitFor } from '../support/poll.js';
import { startSim, type SimProcess } from '../support/sim-process.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: failover}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        nodeTaintsPolicy: Honor
        labelSelector: {matchLabels: {app: web}}
`;

interface RawNode {
  metadata?: { name?: string };
  spec?: { taints?: { key?: string; effect?: string }[] };
  status?: { conditions?: { type?: string; status?: string; reason?: string; message?: string }[] };
}

interface RawPod {
  metadata?: { name?: string };
  spec?: { tolerations?: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[] };
  status?: { conditions?: { type?: string; status?: string; reason?: string }[] };
}

describe('node failure with kubectl', () => {
  let c: TestCluster;
  let simA: SimProcess;
  let simB: SimProcess;
  before(async () => {
    c = await startTestCluster([
      '--node-monitor-grace-period',
      '4',
      '--node-monitor-period',
      '1',
      '--default-unreachable-toleration-seconds',
      '3',
    ]);
    const fast = ['--heartbeat-seconds', '1', '--lease-duration-seconds', '4'];
    simA = await startSim(c.kubeconfig, 2, ['--name-prefix', 'a-', ...fast]);
    simB = await startSim(c.kubeconfig, 2, ['--name-prefix', 'b-', '--pod-cidr', '10.250.0.0/16', ...fast]);
  });
  after(async () => {
    await simA?.stop();
    await simB?.stop();
    await c?.stop();
  });

  test('stopping a simulator makes its nodes unreachable and its pods move to the remaining nodes', async () => {
    await c.ok(['create', 'namespace', 'failover']);
    await c.ok(['apply', '-f', '-'], { input: deployment });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'failover', '--timeout=30s']);
    const before = runningReady(await listPods(c, 'failover', 'app=web'));
    assert.equal(before.length, 4);
    const onB = before.filter((p) => p.nodeName.startsWith('b-'));
    // One per node: the spread constraint counts only nodes whose taints the pods tolerate.
    assert.deepEqual(before.map((p) => p.nodeName).sort(), ['a-0', 'a-1', 'b-0', 'b-1']);
    // The DefaultTolerationSeconds admission gave every pod the short unreachable toleration.
    const pod = await getJson<RawPod>(c, ['pod', onB[0]?.name ?? '', '-n', 'failover']);
    assert.deepEqual(
      pod.spec?.tolerations?.find((t) => t.key === UNREACHABLE),
      { key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 3 },
    );

    assert.equal(await simB.stop(), 0);

    const nodes = await waitFor(
      'the b- nodes to turn Unknown and be tainted unreachable',
      async () => (await getJson<{ items?: RawNode[] }>(c, ['nodes'])).items ?? [],
      (items) =>
        items
          .filter((n) => n.metadata?.name?.startsWith('b-') ?? false)
          .every(
            (n) =>
              n.status?.conditions?.find((cond) => cond.type === 'Ready')?.status === 'Unknown' &&
              (n.spec?.taints ?? []).some((t) => t.key === UNREACHABLE && t.effect === 'NoExecute'),
          ),
      { timeoutMs: 30_000 },
    );
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      const ready = node.status?.conditions?.find((cond) => cond.type === 'Ready');
      const taints = (node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
      if (name.startsWith('a-')) {
        assert.equal(ready?.status, 'True', `${name} stays Ready`);
        assert.deepEqual(taints, [], `${name} stays untainted`);
      } else {
        assert.deepEqual(
          [ready?.reason, ready?.message],
          ['NodeStatusUnknown', 'Kubelet stopped posting node status.'],
        );
        assert.deepEqual(taints, [`${UNREACHABLE}:NoExecute`, `${UNREACHABLE}:NoSchedule`], name);
      }
    }
    const listed = await c.ok(['get', 'nodes']);
    assert.match(listed, /^b-0\s+NotReady\s+/m);
    assert.match(listed, /^b-1\s+NotReady\s+/m);
    assert.match(listed, /^a-0\s+Ready\s+/m);

    // Evicted when their 3 s toleration runs out; the replacements land on a- nodes.
    const after = await waitFor(
      '4 running pods, all on a- nodes',
      async () => runningReady(await listPods(c, 'failover', 'app=web')),
      (pods) => pods.length === 4 && pods.every((p) => p.nodeName.startsWith('a-')),
      { timeoutMs: 60_000 },
    );
    assert.ok(
      after.every((p) => !onB.some((old) => old.name === p.name)),
      'the b- pods were replaced, not kept',
    );
    const rolled = await c.kubectl(['rollout', 'status', 'deployment/web', '-n', 'failover', '--timeout=30s']);
    assert.equal(rolled.code, 0, rolled.stderr);
    assert.equal(
      await c.ok(['get', 'deployment', 'web', '-n', 'failover', '-o', 'jsonpath={.status.availableReplicas}']),
      '4',
    );

    // The evicted pods were marked for deletion by the taint eviction controller; with nobody left on their
    // nodes to confirm, they stay Terminating (as upstream, until the node comes back or is deleted).
    for (const old of onB) {
      const evicted = await getJson<RawPod & { metadata?: { deletionTimestamp?: string } }>(c, [
        'pod',
        old.name,
        '-n',
        'failover',
      ]);
      assert.ok(evicted.metadata?.deletionTimestamp !== undefined, `${old.name} is being deleted`);
      const target = evicted.status?.conditions?.find((cond) => cond.type === 'DisruptionTarget');
      assert.deepEqual([target?.status, target?.reason], ['True', 'DeletionByTaintManager'], old.name);
    }
    assert.match(
      await c.ok(['get', 'pods', '-n', 'failover', '--field-selector', 'spec.nodeName=b-0']),
      /\sTerminating\s/,
    );
    const events = await c.ok(['get', 'events', '-n', 'failover', '--field-selector', 'reason=TaintManagerEviction']);
    for (const old of onB) assert.match(events, new RegExp(`Marking for deletion Pod failover/${old.name}`));
  });
});
