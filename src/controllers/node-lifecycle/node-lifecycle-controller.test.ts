/**
 * Node lifecycle and taint eviction against a real skiff server: the test plays two kubelets (one keeps
 * renewing its Lease, the other goes silent) with the grace periods shortened to fractions of a second.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Lease } from '../../api/coordination/v1/lease.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Toleration } from '../../api/core/v1/scheduling.js';
import type { ControllerFactory } from '../framework/controller.js';
import type { ControllerOptions } from '../framework/controller-options.js';
import {
  type ControllerCluster,
  eventsAbout,
  type RunningControllers,
  runControllers,
  setPodRunning,
  sleepMs,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { newTaintEvictionController } from '../taint-eviction/taint-eviction-controller.js';
import { newNodeLifecycleController } from './node-lifecycle-controller.js';
import { LEASES, NODES, PODS } from './resources.js';

const TIMINGS: Partial<ControllerOptions> = {
  nodeMonitorPeriodMs: 200,
  nodeMonitorGracePeriodMs: 1_500,
  nodeStartupGracePeriodMs: 1_500,
};
const withTimings =
  (factory: ControllerFactory): ControllerFactory =>
  (context) =>
    factory({ ...context, options: { ...context.options, ...TIMINGS } });

const micro = (ms: number): string => new Date(ms).toISOString().replace('Z', '000Z');
const seconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('node lifecycle and taint eviction', () => {
  let h: ControllerCluster;
  let controllers: RunningControllers;
  const renewing = new Set<string>();
  let renewer: ReturnType<typeof setInterval> | undefined;

  const nodes = () => h.client.resource<Node>(NODES);
  const pods = () => h.client.resource<Pod>(PODS);
  const leases = () => h.client.resource<Lease>(LEASES);

  /** Plays a kubelet registering: a Ready node and its Lease. */
  async function registerNode(name: string): Promise<void> {
    const created = await nodes().create('', { metadata: { name } });
    const now = Date.now();
    created.status = {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          lastHeartbeatTime: seconds(now),
          lastTransitionTime: seconds(now),
        },
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: seconds(now), lastTransitionTime: seconds(now) },
      ],
    };
    await nodes().updateStatus('', created);
    await leases().create('kube-node-lease', {
      metadata: { name, namespace: 'kube-node-lease' },
      spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro(now) },
    });
    renewing.add(name);
  }

  async function renewLeases(): Promise<void> {
    for (const name of renewing) {
      try {
        const lease = await leases().get('kube-node-lease', name);
        lease.spec = { ...lease.spec, renewTime: micro(Date.now()) };
        await leases().update('kube-node-lease', lease);
      } catch {
        // A conflict or a stopping server: the next tick renews.
      }
    }
  }

  async function runningPod(name: string, node: string, tolerations: Toleration[]): Promise<Pod> {
    const pod = await pods().create('default', {
      metadata: { name, namespace: 'default' },
      spec: { nodeName: node, tolerations, containers: [{ name: 'c', image: 'registry.invalid/app' }] },
    });
    await setPodRunning(h.client, pod);
    return pod;
  }

  before(async () => {
    h = await startControllerCluster();
    await registerNode('alive');
    await registerNode('silent');
    renewer = setInterval(() => void renewLeases(), 300);
    controllers = await runControllers(h.client, [
      withTimings(newNodeLifecycleController),
      withTimings(newTaintEvictionController),
    ]);
  });

  after(async () => {
    clearInterval(renewer);
    await controllers.stop();
    await h.stop();
  });

  const unreachableFor = (tolerationSeconds?: number): Toleration => ({
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    ...(tolerationSeconds === undefined ? {} : { tolerationSeconds }),
  });

  test('a node whose lease stops being renewed turns Unknown, is tainted, and its pods go when their toleration runs out', async () => {
    await runningPod('short', 'silent', [unreachableFor(2)]);
    await runningPod('forever', 'silent', [unreachableFor()]);
    await runningPod('elsewhere', 'alive', [unreachableFor(2)]);
    // Let the controller see both nodes healthy for a while, then silence one.
    await sleepMs(500);
    renewing.delete('silent');

    const node = await waitFor(
      'the silent node to turn Ready=Unknown and be tainted unreachable:NoExecute',
      async () => {
        const n = await nodes().get('', 'silent');
        const tainted = n.spec?.taints?.some(
          (t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute',
        );
        return tainted ? n : undefined;
      },
      10_000,
    );
    const taintSeenAt = Date.now();
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'Unknown');
    assert.equal(ready?.reason, 'NodeStatusUnknown');
    assert.equal(ready?.message, 'Kubelet stopped posting node status.');
    assert.equal(node.status?.conditions?.find((c) => c.type === 'MemoryPressure')?.status, 'Unknown');
    const noExecute = node.spec?.taints?.find((t) => t.effect === 'NoExecute');
    assert.ok(noExecute?.timeAdded, 'the NoExecute taint carries timeAdded');
    assert.equal((await pods().get('default', 'short')).metadata?.deletionTimestamp, undefined, 'not yet: 2 s to go');

    // The NoSchedule twin comes from the condition mirroring.
    await waitFor('unreachable:NoSchedule', async () =>
      (await nodes().get('', 'silent')).spec?.taints?.some(
        (t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoSchedule',
      ),
    );
    // Its pods are no longer Ready.
    await waitFor('the pods of the silent node to be marked not Ready', async () => {
      const p = await pods().get('default', 'forever');
      return p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'False';
    });

    const evicted = await waitFor(
      'the pod tolerating 2 s to be deleted',
      async () => {
        const p = await pods().get('default', 'short');
        return p.metadata?.deletionTimestamp ? p : undefined;
      },
      10_000,
    );
    const elapsed = Date.now() - taintSeenAt;
    assert.ok(elapsed >= 500 && elapsed <= 4_000, `evicted ${elapsed} ms after the taint was seen`);
    const target = evicted.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.equal(target?.status, 'True');
    assert.equal(target?.reason, 'DeletionByTaintManager');
    assert.equal(target?.message, 'Taint manager: deleting due to NoExecute taint');
    await waitFor('the eviction event', async () =>
      (await eventsAbout(h.client, 'default', 'short')).includes(
        'TaintManagerEviction: Marking for deletion Pod default/short',
      ),
    );

    // A pod tolerating the taint forever, and a pod on the healthy node, stay.
    await sleepMs(1_000);
    assert.equal((await pods().get('default', 'forever')).metadata?.deletionTimestamp, undefined);
    assert.equal((await pods().get('default', 'elsewhere')).metadata?.deletionTimestamp, undefined);
    const alive = await nodes().get('', 'alive');
    assert.equal(alive.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    assert.deepEqual(alive.spec?.taints ?? [], []);
    assert.ok(
      (await eventsAbout(h.client, 'default', 'silent')).includes(
        'NodeNotReady: Node silent status is now: NodeNotReady',
      ),
    );
  });

  test('a node that reports Ready again loses its taints', async () => {
    renewing.add('silent');
    const node = await nodes().get('', 'silent');
    const now = seconds(Date.now());
    node.status = {
      ...node.status,
      conditions: (node.status?.conditions ?? []).map((c) => ({
        ...c,
        status: c.type === 'Ready' ? 'True' : 'False',
        reason: 'KubeletReady',
        message: '',
        lastHeartbeatTime: now,
        lastTransitionTime: now,
      })),
    };
    await nodes().updateStatus('', node);
    await waitFor(
      'the taints to come off',
      async () => ((await nodes().get('', 'silent')).spec?.taints ?? []).length === 0,
    );
  });
});
