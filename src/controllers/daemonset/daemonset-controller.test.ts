/** The DaemonSet controller against a real skiff server: plain Node objects, the scheduler and kubelet played by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Node, Taint } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { CONTROLLER_REVISIONS } from '../history/controller-history.js';
import {
  autoReady,
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
} from '../replicaset/controller-test-support.js';
import { targetNodeName } from './daemon-pod-template.js';
import { DAEMON_SETS, NAME, newDaemonSetController, NODES } from './daemonset-controller.js';

const NS = 'default';

function daemonSet(
  name: string,
  extra: Partial<NonNullable<NonNullable<DaemonSet['spec']>['template']>['spec']> = {},
): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'agent:1' }], ...extra },
      },
    },
  } as DaemonSet;
}

const node = (name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: { taints } }) as Node;

describe('DaemonSet controller', () => {
  let c: ControllerCluster;
  let controllers: RunningControllers;
  let daemonSets: ResourceClient<DaemonSet>;
  let nodes: ResourceClient<Node>;

  /** The live pods of `app` by the node they are for. */
  const podsByNode = async (app: string, namespace = NS): Promise<Map<string, Pod>> =>
    new Map((await livePods(c.client, namespace, `app=${app}`)).map((p) => [targetNodeName(p) ?? '?', p]));
  /** Every node now in the cluster that has no NoSchedule/NoExecute taint. */
  const untaintedNodes = async (): Promise<string[]> =>
    (await nodes.list('')).items
      .filter((n) => !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'))
      .map((n) => n.metadata?.name ?? '')
      .sort();

  before(async () => {
    c = await startControllerCluster();
    nodes = c.client.resource<Node>(NODES);
    await nodes.create('', node('node-a', { role: 'web' }));
    await nodes.create('', node('node-b', { role: 'web' }));
    await nodes.create('', node('node-c', { role: 'db' }, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]));
    controllers = await runControllers(c.client, [newDaemonSetController]);
    daemonSets = c.client.resource<DaemonSet>(DAEMON_SETS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  test('the controller is called daemonset', () => {
    assert.equal(NAME, 'daemonset');
  });

  test('a DaemonSet covers every eligible node, skips an untolerated taint, and follows new nodes', async () => {
    const ds = await daemonSets.create(NS, daemonSet('agent'));
    const wanted = await untaintedNodes();
    assert.ok(wanted.includes('node-a') && wanted.includes('node-b') && !wanted.includes('node-c'));
    const placed = await waitFor('a pod per eligible node', async () => {
      const byNode = await podsByNode('agent');
      return [...byNode.keys()].sort().join() === wanted.join() && byNode;
    });
    await sleepMs(300);
    assert.equal((await podsByNode('agent')).size, wanted.length, 'no pod for the tainted node, no extra pod');

    const pod = placed.get('node-a') as Pod;
    assert.match(pod.metadata?.name ?? '', /^agent-[a-z0-9]{5}$/);
    assert.equal(pod.metadata?.ownerReferences?.[0]?.uid, ds.metadata?.uid);
    assert.deepEqual(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }],
    });
    const tolerations = (pod.spec?.tolerations ?? []).map((t) => `${t.key}:${t.effect}`);
    for (const want of [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]) {
      assert.ok(tolerations.includes(want), `${want} in ${tolerations.join()}`);
    }
    const hash = pod.metadata?.labels?.['controller-revision-hash'] ?? '';
    const revision = await c.client.resource<ControllerRevision>(CONTROLLER_REVISIONS).get(NS, `agent-${hash}`);
    assert.equal(revision.revision, 1);
    assert.equal(revision.metadata?.labels?.['controller-revision-hash'], hash);
    assert.equal(revision.metadata?.ownerReferences?.[0]?.uid, ds.metadata?.uid);

    // The scheduler and the kubelets: bind each pod to the node it is pinned to, and make it ready.
    for (const [nodeName, p] of placed) {
      await bindPod(c.client, p, nodeName);
      await setPodRunning(c.client, p);
    }
    const done = await waitFor('status of agent', async () => {
      const fresh = await daemonSets.get(NS, 'agent');
      return fresh.status?.numberAvailable === wanted.length && fresh;
    });
    assert.deepEqual(
      { ...done.status, conditions: undefined, collisionCount: undefined },
      {
        desiredNumberScheduled: wanted.length,
        currentNumberScheduled: wanted.length,
        numberMisscheduled: 0,
        numberReady: wanted.length,
        updatedNumberScheduled: wanted.length,
        numberAvailable: wanted.length,
        numberUnavailable: 0,
        observedGeneration: done.metadata?.generation,
        conditions: undefined,
        collisionCount: undefined,
      },
    );
    const out = await c.cluster.ok(['rollout', 'status', 'daemonset/agent', '-n', NS, '--timeout=20s']);
    assert.match(out, /daemon set "agent" successfully rolled out/);
    const events = await eventsAbout(c.client, NS, 'agent');
    assert.deepEqual(
      events.filter((e) => e.startsWith('SuccessfulCreate')).sort(),
      [...placed.values()].map((p) => `SuccessfulCreate: Created pod: ${p.metadata?.name ?? ''}`).sort(),
    );

    await nodes.create('', node('node-d'));
    const later = await waitFor('a pod for the new node', async () => (await podsByNode('agent')).get('node-d'));
    assert.equal(targetNodeName(later), 'node-d');

    const tainted = await nodes.get('', 'node-c');
    await nodes.update('', { ...tainted, spec: { ...tainted.spec, taints: [] } });
    await waitFor('a pod once the taint is gone', async () => (await podsByNode('agent')).has('node-c'));
  });

  test('a nodeSelector limits the DaemonSet to the nodes it matches', async () => {
    await daemonSets.create(NS, daemonSet('web-agent', { nodeSelector: { role: 'web' } }));
    await waitFor(
      'pods on the web nodes',
      async () => [...(await podsByNode('web-agent')).keys()].sort().join() === 'node-a,node-b',
    );
    await sleepMs(300);
    assert.deepEqual([...(await podsByNode('web-agent')).keys()].sort(), ['node-a', 'node-b']);
    const status = await waitFor('status', async () => {
      const s = (await daemonSets.get(NS, 'web-agent')).status;
      return s?.desiredNumberScheduled === 2 && s;
    });
    assert.equal(status.numberMisscheduled, 0);

    const b = await nodes.get('', 'node-b');
    await nodes.update('', { ...b, metadata: { ...b.metadata, labels: { role: 'batch' } } });
    await waitFor('the pod leaves the relabelled node', async () => !(await podsByNode('web-agent')).has('node-b'));
    await nodes.update('', {
      ...(await nodes.get('', 'node-b')),
      metadata: { ...b.metadata, resourceVersion: undefined, labels: { role: 'web' } },
    });
  });

  test('a rolling update replaces one pod at a time and records a second revision', async () => {
    const ns = 'roll';
    await c.client.resource({ group: '', version: 'v1', resource: 'namespaces', namespaced: false }).create('', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns },
    });
    const kubelet = autoReady(c.client, ns);
    try {
      await daemonSets.create(ns, daemonSet('roll', { nodeSelector: { role: 'web' } }));
      const first = await waitFor('two ready pods', async () => {
        const s = (await daemonSets.get(ns, 'roll')).status;
        return s?.numberAvailable === 2 && s.desiredNumberScheduled === 2 && (await podsByNode('roll', ns));
      });
      const oldHash = first.get('node-a')?.metadata?.labels?.['controller-revision-hash'];
      await daemonSets.patch(ns, 'roll', 'merge', {
        spec: { template: { spec: { containers: [{ name: 'c', image: 'agent:2' }] } } },
      });
      let minReady = Infinity;
      const updated = await waitFor('every pod updated', async () => {
        const pods = await livePods(c.client, ns, 'app=roll');
        minReady = Math.min(
          minReady,
          pods.filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).length,
        );
        const fresh = await daemonSets.get(ns, 'roll');
        const s = fresh.status;
        const observed = s?.observedGeneration === fresh.metadata?.generation;
        const allNew = pods.every((p) => p.spec?.containers?.[0]?.image === 'agent:2');
        return (
          observed && allNew && s?.updatedNumberScheduled === 2 && s.numberAvailable === 2 && pods.length === 2 && pods
        );
      });
      assert.ok(minReady >= 1, 'never more than maxUnavailable (1) node without a ready pod');
      const newHash = updated[0]?.metadata?.labels?.['controller-revision-hash'];
      assert.notEqual(newHash, oldHash);
      for (const p of updated) {
        assert.equal(p.metadata?.labels?.['controller-revision-hash'], newHash);
        assert.equal(p.spec?.containers?.[0]?.image, 'agent:2');
      }
      const revisions = (await c.client.resource<ControllerRevision>(CONTROLLER_REVISIONS).list(ns)).items;
      assert.deepEqual(
        revisions.map((r) => [r.metadata?.name, r.revision]).sort(),
        [
          [`roll-${oldHash}`, 1],
          [`roll-${newHash}`, 2],
        ].sort(),
      );
      const out = await c.cluster.ok(['rollout', 'status', 'daemonset/roll', '-n', ns, '--timeout=20s']);
      assert.match(out, /daemon set "roll" successfully rolled out/);
    } finally {
      kubelet.stop();
    }
  });
});
