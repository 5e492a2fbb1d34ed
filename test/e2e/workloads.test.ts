/**
 * Deployments, the garbage collector, the namespace and serviceaccount controllers, driven by the real kubectl
 * against `skiff server` with three simulated nodes: rollouts (status, history, undo), scaling, the three
 * cascade modes of deletion, namespace deletion and the `default` ServiceAccount.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { getJson, listPods, runningReady } from '../support/pod-views.js';
import { waitFor } from '../support/poll.js';
import { startSim, type SimProcess } from '../support/sim-process.js';

const deployment = (namespace: string, name: string, replicas: number, image = 'nginx:1.25') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}, labels: {app: ${name}}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: web, image: "${image}"}]
`;

interface RawList {
  items?: {
    metadata?: {
      name?: string;
      annotations?: Record<string, string>;
      ownerReferences?: { kind?: string; name?: string }[];
    };
    spec?: { replicas?: number };
  }[];
}

/** The REVISION column of `kubectl rollout history`. */
const revisions = (history: string): string[] =>
  history
    .split('\n')
    .map((line) => /^(\d+)\s/.exec(line)?.[1])
    .filter((r): r is string => r !== undefined);

describe('workloads with kubectl', () => {
  let c: TestCluster;
  let sim: SimProcess;
  before(async () => {
    c = await startTestCluster();
    sim = await startSim(c.kubeconfig, 3, ['--name-prefix', 'w-']);
  });
  after(async () => {
    await sim?.stop();
    await c?.stop();
  });

  test('a Deployment of 3 replicas becomes available', async () => {
    await c.ok(['create', 'namespace', 'avail']);
    await c.ok(['create', 'deployment', 'web', '-n', 'avail', '--image=nginx:1.25', '--replicas=3']);
    const status = await c.kubectl(['rollout', 'status', 'deployment/web', '-n', 'avail', '--timeout=30s']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /deployment "web" successfully rolled out/);
    const pods = runningReady(await listPods(c, 'avail', 'app=web'));
    assert.equal(pods.length, 3, JSON.stringify(pods));
    assert.ok(
      pods.every((p) => p.nodeName.startsWith('w-') && p.podIP !== ''),
      JSON.stringify(pods),
    );
    const available = await c.ok([
      'get',
      'deployment',
      'web',
      '-n',
      'avail',
      '-o',
      'jsonpath={.status.availableReplicas} {.status.conditions[?(@.type=="Available")].status}',
    ]);
    assert.equal(available, '3 True');
    const listed = await c.ok(['get', 'deployment', 'web', '-n', 'avail']);
    assert.match(listed, /^web\s+3\/3\s+3\s+3\s+/m);
  });

  // kubectl create sends protobuf, kubectl apply JSON: either way the rollout and its undo behave alike.
  const rollouts = [
    {
      how: 'applied',
      ns: 'roll',
      container: 'web',
      create: (ns: string) => c.ok(['apply', '-f', '-'], { input: deployment(ns, 'web', 3) }),
    },
    {
      how: 'created with kubectl create',
      ns: 'roll-create',
      container: 'nginx',
      create: (ns: string) => c.ok(['create', 'deployment', 'web', '-n', ns, '--image=nginx:1.25', '--replicas=3']),
    },
  ];
  for (const { how, ns, container, create } of rollouts)
    test(`set image rolls a Deployment ${how}, history lists both revisions and undo brings the old image back`, async () => {
      await c.ok(['create', 'namespace', ns]);
      await create(ns);
      await c.ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=30s']);
      await c.ok(['set', 'image', 'deployment/web', '-n', ns, `${container}=nginx:1.26`]);
      const rolled = await c.kubectl(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=30s']);
      assert.equal(rolled.code, 0, rolled.stderr);
      const imagesAre = async (image: string): Promise<void> => {
        await waitFor(
          `3 running pods with ${image}`,
          async () => runningReady(await listPods(c, ns, 'app=web')),
          (pods) => pods.length === 3 && pods.every((p) => p.images.join() === image),
        );
        const all = await listPods(c, ns, 'app=web');
        // Old pods may still be on their way out, but none of them counts.
        assert.ok(
          all.filter((p) => !p.deleting).every((p) => p.images.join() === image),
          JSON.stringify(all),
        );
      };
      await imagesAre('nginx:1.26');
      const history = await c.ok(['rollout', 'history', 'deployment/web', '-n', ns]);
      assert.deepEqual(revisions(history), ['1', '2'], history);
      const second = await c.ok(['rollout', 'history', 'deployment/web', '-n', ns, '--revision=2']);
      assert.match(second, /Image:\s+nginx:1\.26/);

      const undo = await c.ok(['rollout', 'undo', 'deployment/web', '-n', ns]);
      assert.match(undo, /deployment\.apps\/web rolled back/);
      await c.ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=30s']);
      await imagesAre('nginx:1.25');
      // Upstream: the ReplicaSet of revision 1 is scaled up again and becomes revision 3; no third ReplicaSet.
      const after = await c.ok(['rollout', 'history', 'deployment/web', '-n', ns]);
      assert.deepEqual(revisions(after), ['2', '3'], after);
      const sets = await getJson<RawList>(c, ['replicasets', '-n', ns, '-l', 'app=web']);
      assert.deepEqual(
        (sets.items ?? [])
          .map((rs) => `${rs.metadata?.annotations?.['deployment.kubernetes.io/revision']}:${rs.spec?.replicas}`)
          .sort(),
        ['2:0', '3:3'],
      );
    });

  test('scale --replicas=5 gives 5 running pods', async () => {
    await c.ok(['create', 'namespace', 'scale']);
    await c.ok(['apply', '-f', '-'], { input: deployment('scale', 'web', 2) });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'scale', '--timeout=30s']);
    assert.match(
      await c.ok(['scale', 'deployment/web', '-n', 'scale', '--replicas=5']),
      /deployment\.apps\/web scaled/,
    );
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'scale', '--timeout=30s']);
    await waitFor(
      '5 running pods',
      async () => runningReady(await listPods(c, 'scale', 'app=web')),
      (pods) => pods.length === 5,
    );
    assert.equal(
      await c.ok(['get', 'deployment', 'web', '-n', 'scale', '-o', 'jsonpath={.status.readyReplicas}']),
      '5',
    );
  });

  test('delete --cascade=background removes the ReplicaSet and the pods after the Deployment', async () => {
    await c.ok(['create', 'namespace', 'cascade-bg']);
    await c.ok(['apply', '-f', '-'], { input: deployment('cascade-bg', 'web', 2) });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'cascade-bg', '--timeout=30s']);
    const deleted = await c.ok(['delete', 'deployment', 'web', '-n', 'cascade-bg', '--cascade=background']);
    assert.match(deleted, /deployment\.apps "web" deleted/);
    await waitFor(
      'the ReplicaSet and pods to go',
      async () => c.ok(['get', 'replicasets,pods', '-n', 'cascade-bg', '-o', 'name']),
      (out) => out.trim() === '',
    );
  });

  test('delete --cascade=orphan keeps the ReplicaSet and its pods, without the owner reference', async () => {
    await c.ok(['create', 'namespace', 'cascade-orphan']);
    await c.ok(['apply', '-f', '-'], { input: deployment('cascade-orphan', 'web', 2) });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'cascade-orphan', '--timeout=30s']);
    await c.ok(['delete', 'deployment', 'web', '-n', 'cascade-orphan', '--cascade=orphan']);
    const gone = await c.kubectl(['get', 'deployment', 'web', '-n', 'cascade-orphan']);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /deployments\.apps "web" not found/);
    const sets = await getJson<RawList>(c, ['replicasets', '-n', 'cascade-orphan']);
    assert.equal(sets.items?.length, 1, JSON.stringify(sets));
    const rs = sets.items?.[0];
    assert.deepEqual(rs?.metadata?.ownerReferences ?? [], []);
    assert.equal(rs?.spec?.replicas, 2);
    const pods = runningReady(await listPods(c, 'cascade-orphan', 'app=web'));
    assert.equal(pods.length, 2, JSON.stringify(pods));
    // The pods still belong to the ReplicaSet: orphaning is one level deep.
    assert.ok(
      pods.every((p) => p.owners.length === 1 && p.owners[0]?.kind === 'ReplicaSet'),
      JSON.stringify(pods),
    );
  });

  test('delete --cascade=foreground waits until the ReplicaSet and the pods are gone', async () => {
    await c.ok(['create', 'namespace', 'cascade-fg']);
    await c.ok(['apply', '-f', '-'], { input: deployment('cascade-fg', 'web', 2) });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'cascade-fg', '--timeout=30s']);
    const deleted = await c.kubectl([
      'delete',
      'deployment',
      'web',
      '-n',
      'cascade-fg',
      '--cascade=foreground',
      '--timeout=60s',
    ]);
    assert.equal(deleted.code, 0, deleted.stderr);
    // The owner goes last: by the time kubectl saw it gone, its blocking dependents were gone too.
    const left = await c.ok(['get', 'deployments,replicasets,pods', '-n', 'cascade-fg', '-o', 'name']);
    assert.equal(left.trim(), '');
  });

  test('deleting a namespace removes its content, then the namespace', async () => {
    await c.ok(['create', 'namespace', 'doomed']);
    await c.ok(['apply', '-f', '-'], { input: deployment('doomed', 'web', 2) });
    await c.ok(['create', 'configmap', 'settings', '-n', 'doomed', '--from-literal=a=b']);
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'doomed', '--timeout=30s']);
    const started = await c.ok(['delete', 'namespace', 'doomed', '--wait=false']);
    assert.match(started, /namespace "doomed" deleted/);
    const phase = await c.kubectl(['get', 'namespace', 'doomed', '-o', 'jsonpath={.status.phase}']);
    // It may already be gone; while it is there it is Terminating.
    if (phase.code === 0) assert.equal(phase.stdout, 'Terminating');
    const waited = await c.kubectl(['wait', '--for=delete', 'namespace/doomed', '--timeout=60s']);
    assert.equal(waited.code, 0, waited.stderr);
    const gone = await c.kubectl(['get', 'namespace', 'doomed']);
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /namespaces "doomed" not found/);
    const leftovers = await c.ok(['get', 'pods,replicasets,deployments,configmaps', '-n', 'doomed', '-o', 'name']);
    assert.equal(leftovers.trim(), '');
  });

  test('kubectl delete namespace returns once the namespace is gone', async () => {
    await c.ok(['create', 'namespace', 'doomed-too']);
    await c.ok(['apply', '-f', '-'], { input: deployment('doomed-too', 'web', 1) });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'doomed-too', '--timeout=30s']);
    const deleted = await c.kubectl(['delete', 'namespace', 'doomed-too', '--timeout=60s']);
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.notEqual((await c.kubectl(['get', 'namespace', 'doomed-too'])).code, 0);
  });

  test('a new namespace gets a default ServiceAccount', async () => {
    await c.ok(['create', 'namespace', 'fresh']);
    const name = await waitFor(
      'the default ServiceAccount',
      async () => c.ok(['get', 'serviceaccount', 'default', '-n', 'fresh', '-o', 'jsonpath={.metadata.name}']),
      (out) => out === 'default',
      { timeoutMs: 10_000 },
    );
    assert.equal(name, 'default');
    const listed = await c.ok(['get', 'serviceaccounts', '-n', 'fresh']);
    assert.match(listed, /^default\s+0\s+/m);
  });
});
