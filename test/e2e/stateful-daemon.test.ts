/**
 * StatefulSets and DaemonSets, driven by the real kubectl against `skiff server` with simulated nodes: three
 * ordinary nodes (`d-0` … `d-2`) and one tainted node (`tainted-0`, `dedicated=infra:NoSchedule`) from a
 * second simulator. StatefulSet pods come up one ordinal at a time, each only once the previous one is Ready
 * (readiness gates let the test decide when), and go in reverse, each only once the next one is gone (a
 * finalizer lets the test decide when); a DaemonSet runs one pod on every node whose taints its pods tolerate.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { getJson, listPods, runningReady, type PodView } from '../support/pod-views.js';
import { assertStays, waitFor } from '../support/poll.js';
import { startSim, type SimProcess } from '../support/sim-process.js';

const GATE = 'example.com/warmed-up';
const HOLD = 'example.com/hold';

/**
 * A StatefulSet whose pods wait for a readiness gate (so the test decides when each is Ready) and, with
 * `hold`, carry a finalizer (so a deleted pod stays Terminating until the test lets it go).
 */
const statefulSet = (namespace: string, replicas: number, hold = false) => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: ${namespace}}
spec:
  serviceName: web
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}${hold ? `, finalizers: [${HOLD}]` : ''}}
    spec:
      terminationGracePeriodSeconds: 0
      readinessGates: [{conditionType: ${GATE}}]
      containers: [{name: web, image: nginx}]
`;

/** Opens the readiness gate of pod `name`. */
async function openGate(c: TestCluster, namespace: string, name: string): Promise<void> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const patch = JSON.stringify({ status: { conditions: [{ type: GATE, status: 'True', lastTransitionTime: now }] } });
  await c.ok(['patch', 'pod', name, '-n', namespace, '--subresource=status', '--type=strategic', '-p', patch]);
}

/** Removes the finalizer that holds pod `name`. */
async function release(c: TestCluster, namespace: string, name: string): Promise<void> {
  await c.ok(['patch', 'pod', name, '-n', namespace, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
}

const daemonSet = (namespace: string, name: string, tolerations = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: agent, image: "agent:1"}]
${tolerations}`;

const ORDINARY_NODES = ['d-0', 'd-1', 'd-2'];

describe('StatefulSets and DaemonSets with kubectl', () => {
  let c: TestCluster;
  let sims: SimProcess[] = [];
  before(async () => {
    c = await startTestCluster();
    sims = [
      await startSim(c.kubeconfig, 3, ['--name-prefix', 'd-']),
      await startSim(c.kubeconfig, 1, [
        '--name-prefix',
        'tainted-',
        '--taints',
        'dedicated=infra:NoSchedule',
        '--pod-cidr',
        '10.250.0.0/16',
      ]),
    ];
  });
  after(async () => {
    for (const sim of sims) await sim.stop();
    await c?.stop();
  });

  test('a StatefulSet of 3 creates web-0, web-1, web-2 in order, each after the previous one is Ready', async () => {
    await c.ok(['create', 'namespace', 'sts']);
    await c.ok(['apply', '-f', '-'], { input: statefulSet('sts', 3) });
    const pods = () => listPods(c, 'sts');
    for (const ordinal of [0, 1, 2]) {
      const expected = ['web-0', 'web-1', 'web-2'].slice(0, ordinal + 1);
      const current = `web-${ordinal}`;
      await waitFor(
        `${current} to run (unready behind its gate)`,
        pods,
        (list) => list.map((p) => p.name).join() === expected.join() && list.at(-1)?.phase === 'Running',
      );
      if (ordinal < 2) {
        await assertStays(
          `no web-${ordinal + 1} while ${current} is not Ready`,
          pods,
          (list) => list.map((p) => p.name).join() === expected.join(),
        );
      }
      await openGate(c, 'sts', current);
    }
    const running = await waitFor(
      '3 Ready pods',
      async () => runningReady(await pods()),
      (list) => list.length === 3,
    );
    assert.deepEqual(
      running.map((p) => p.name),
      ['web-0', 'web-1', 'web-2'],
    );
    const created = running.map((p) => p.creationTimestamp);
    assert.deepEqual([...created].sort(), created, 'creation timestamps in ordinal order');
    assert.deepEqual(
      running.map((p) => [
        p.labels['statefulset.kubernetes.io/pod-name'],
        p.labels['apps.kubernetes.io/pod-index'],
        p.owners[0]?.kind,
      ]),
      [
        ['web-0', '0', 'StatefulSet'],
        ['web-1', '1', 'StatefulSet'],
        ['web-2', '2', 'StatefulSet'],
      ],
    );
    const status = await c.kubectl(['rollout', 'status', 'statefulset/web', '-n', 'sts', '--timeout=30s']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(await c.ok(['get', 'statefulset', 'web', '-n', 'sts']), /^web\s+3\/3\s+/m);
  });

  test('scaling a StatefulSet down removes the highest ordinal first, and the next only once it is gone', async () => {
    await c.ok(['create', 'namespace', 'sts-down']);
    await c.ok(['apply', '-f', '-'], { input: statefulSet('sts-down', 3, true) });
    for (const name of ['web-0', 'web-1', 'web-2']) {
      await waitFor(
        `${name} to run`,
        async () => listPods(c, 'sts-down'),
        (list) => list.some((p) => p.name === name && p.phase === 'Running'),
      );
      await openGate(c, 'sts-down', name);
    }
    await c.ok(['rollout', 'status', 'statefulset/web', '-n', 'sts-down', '--timeout=30s']);
    await c.ok(['scale', 'statefulset/web', '-n', 'sts-down', '--replicas=1']);
    const terminating = (list: readonly PodView[]): string[] => list.filter((p) => p.deleting).map((p) => p.name);
    await waitFor(
      'web-2 to be deleted',
      () => listPods(c, 'sts-down'),
      (list) => terminating(list).join() === 'web-2',
    );
    // The finalizer keeps web-2 Terminating; web-1 must wait for it.
    await assertStays(
      'web-1 to stay while web-2 terminates',
      () => listPods(c, 'sts-down'),
      (list) => terminating(list).join() === 'web-2' && list.length === 3,
    );
    await release(c, 'sts-down', 'web-2');
    await waitFor(
      'web-2 gone and web-1 deleted',
      () => listPods(c, 'sts-down'),
      (list) => list.map((p) => p.name).join() === 'web-0,web-1' && terminating(list).join() === 'web-1',
    );
    await release(c, 'sts-down', 'web-1');
    const left = await waitFor(
      'only web-0',
      () => listPods(c, 'sts-down'),
      (list) => list.length === 1,
    );
    assert.deepEqual(
      left.map((p) => [p.name, p.deleting]),
      [['web-0', false]],
    );
    await release(c, 'sts-down', 'web-0');
  });

  test('a DaemonSet runs one pod on every node but the tainted one', async () => {
    await c.ok(['create', 'namespace', 'ds']);
    await c.ok(['apply', '-f', '-'], { input: daemonSet('ds', 'agent') });
    const rolled = await c.kubectl(['rollout', 'status', 'daemonset/agent', '-n', 'ds', '--timeout=30s']);
    assert.equal(rolled.code, 0, rolled.stderr);
    const pods = await waitFor(
      'a running agent on each untainted node',
      async () => runningReady(await listPods(c, 'ds', 'app=agent')),
      (running) => running.length === 3,
    );
    assert.deepEqual(pods.map((p) => p.nodeName).sort(), ORDINARY_NODES);
    assert.equal((await listPods(c, 'ds', 'app=agent')).length, 3, 'no pod for tainted-0');
    const status = (await getJson<{ status?: Record<string, number> }>(c, ['daemonset', 'agent', '-n', 'ds'])).status;
    assert.deepEqual(
      [status?.desiredNumberScheduled, status?.currentNumberScheduled, status?.numberReady, status?.numberMisscheduled],
      [3, 3, 3, 0],
    );
    assert.match(await c.ok(['get', 'daemonset', 'agent', '-n', 'ds']), /^agent\s+3\s+3\s+3\s+3\s+3\s+/m);
  });

  test('a DaemonSet whose pods tolerate the taint covers the tainted node too', async () => {
    await c.ok(['create', 'namespace', 'ds-tolerant']);
    const tolerations = `      tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]\n`;
    await c.ok(['apply', '-f', '-'], { input: daemonSet('ds-tolerant', 'everywhere', tolerations) });
    const rolled = await c.kubectl(['rollout', 'status', 'daemonset/everywhere', '-n', 'ds-tolerant', '--timeout=30s']);
    assert.equal(rolled.code, 0, rolled.stderr);
    const pods = await waitFor(
      'a running pod on each of the 4 nodes',
      async () => runningReady(await listPods(c, 'ds-tolerant', 'app=everywhere')),
      (running) => running.length === 4,
    );
    assert.deepEqual(pods.map((p) => p.nodeName).sort(), [...ORDINARY_NODES, 'tainted-0']);
  });

  test('set image rolls a DaemonSet onto every node again', async () => {
    await c.ok(['create', 'namespace', 'ds-roll']);
    await c.ok(['apply', '-f', '-'], { input: daemonSet('ds-roll', 'agent') });
    await c.ok(['rollout', 'status', 'daemonset/agent', '-n', 'ds-roll', '--timeout=30s']);
    await c.ok(['set', 'image', 'daemonset/agent', '-n', 'ds-roll', 'agent=agent:2']);
    const rolled = await c.kubectl(['rollout', 'status', 'daemonset/agent', '-n', 'ds-roll', '--timeout=30s']);
    assert.equal(rolled.code, 0, rolled.stderr);
    const pods = await waitFor(
      'three agent:2 pods and nothing else',
      async () => (await listPods(c, 'ds-roll', 'app=agent')).filter((p) => !p.deleting),
      (all) => all.length === 3 && runningReady(all).length === 3 && all.every((p) => p.images.join() === 'agent:2'),
    );
    assert.deepEqual(pods.map((p) => p.nodeName).sort(), ORDINARY_NODES);
  });
});
