/**
 * The whole Scheduler against a real `skiff server` (memory store, its own scheduler and controllers off):
 * pods are bound, an unschedulable pod says why and is scheduled once a node that fits arrives, and aborting
 * stops it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { API_ONLY, startTestCluster, type TestCluster } from '../../test/support/cluster.js';
import type { Node } from '../api/core/v1/node.js';
import type { Pod } from '../api/core/v1/pod.js';
import type { ResourceClient } from '../client/rest/resource-client.js';
import { RestClient } from '../client/rest/rest-client.js';
import { DEFAULT_LEADER_ELECTION, defaultConfiguration, type SchedulerConfiguration } from './config/types.js';
import type { BindPlugin, PluginFactory, QueueSortPlugin } from './framework/interfaces.js';
import { Status } from './framework/status.js';
import { newDefaultBinder } from './plugins/default-binder/default-binder.js';
import { inTreeRegistry } from './registry.js';
import { Scheduler } from './scheduler.js';

const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

const nodeObject = (name: string, cpu: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: {},
  status: {
    capacity: { cpu, memory: '16Gi', pods: '110' },
    allocatable: { cpu, memory: '16Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});

const podObject = (name: string, cpu: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: {
    terminationGracePeriodSeconds: 0,
    containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu, memory: '64Mi' } } }],
  },
});

/** Polls `read` until `ok` holds; fails with the last value after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await delay(50);
  }
}

const NO_ELECTION: SchedulerConfiguration = {
  ...defaultConfiguration(),
  leaderElection: { ...DEFAULT_LEADER_ELECTION, leaderElect: false },
};

const scheduledCondition = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'PodScheduled');

describe('Scheduler against skiff server', () => {
  let cluster: TestCluster;
  let client: RestClient;
  let nodes: ResourceClient<Node>;
  let pods: ResourceClient<Pod>;
  let scheduler: Scheduler;
  const stop = new AbortController();
  let running: Promise<void>;

  before(async () => {
    cluster = await startTestCluster(['--store', 'memory', ...API_ONLY]);
    client = RestClient.fromKubeconfig(join(cluster.dir, 'kubeconfig'), {
      component: 'scheduler-test',
      qps: 1000,
      burst: 1000,
    });
    nodes = client.resource<Node>(NODES);
    pods = client.resource<Pod>(PODS);
    for (const n of ['n1', 'n2', 'n3']) await nodes.create('', nodeObject(n, '2'));
    scheduler = new Scheduler({
      client,
      registry: inTreeRegistry(),
      configuration: NO_ELECTION,
    });
    running = scheduler.run(stop.signal);
  });

  after(async () => {
    stop.abort();
    await running;
    client.close();
    await cluster.stop();
  });

  test('every one of 20 pods is bound to a node, spread over the nodes', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => pods.create('default', podObject(`web-${i}`, '100m'))));
    const list = await eventually(
      () => pods.list('default'),
      (l) => l.items.filter((p) => p.metadata?.name?.startsWith('web-') && p.spec?.nodeName).length === 20,
    );
    const used = new Set(list.items.map((p) => p.spec?.nodeName));
    assert.deepEqual([...used].sort(), ['n1', 'n2', 'n3']);
    // Bindings finish (and are counted) just after the API shows the pods bound.
    await eventually(
      async () => scheduler.metrics.attemptCount('scheduled'),
      (n) => n === 20,
    );
    assert.equal(scheduler.cache.podCount(), 20);
    assert.equal(scheduler.metrics.attemptCount('unschedulable'), 0);
  });

  test('a pod no node can take gets PodScheduled=False with reason Unschedulable and the FitError', async () => {
    await pods.create('default', podObject('huge', '3'));
    const pod = await eventually(
      () => pods.get('default', 'huge'),
      (p) => scheduledCondition(p)?.status === 'False',
    );
    const condition = scheduledCondition(pod);
    assert.equal(condition?.reason, 'Unschedulable');
    assert.match(condition?.message ?? '', /^0\/3 nodes are available: 3 Insufficient cpu\./);
    assert.equal(pod.spec?.nodeName, undefined);
    assert.ok(scheduler.metrics.attemptCount('unschedulable') >= 1);
  });

  test('the unschedulable pod is scheduled once a node it fits on is added (the Node/Add event moves it)', async () => {
    // Waiting in the unschedulable pool, only a cluster event (or the 5 min flush) can bring it back.
    await eventually(
      async () => scheduler.queue.counts(),
      (c) => c.unschedulable === 1 && c.active === 0 && c.backoff === 0,
    );
    await nodes.create('', nodeObject('big', '8'));
    const pod = await eventually(
      () => pods.get('default', 'huge'),
      (p) => p.spec?.nodeName !== undefined,
    );
    assert.equal(pod.spec?.nodeName, 'big');
  });

  test('aborting the signal stops the scheduler: run() resolves', async () => {
    stop.abort();
    const outcome = await Promise.race([running.then(() => 'stopped'), delay(10_000).then(() => 'still running')]);
    assert.equal(outcome, 'stopped');
  });
});

describe('Scheduler when a binding fails', () => {
  let cluster: TestCluster;
  let client: RestClient;
  let pods: ResourceClient<Pod>;
  let scheduler: Scheduler;
  const stop = new AbortController();
  let running: Promise<void> | undefined;

  /** DefaultBinder, except that binding the pod named `doomed` fails after half a second. */
  const flakyBinder: PluginFactory = (args, handle) => {
    const inner = newDefaultBinder(args, handle) as BindPlugin;
    const plugin: BindPlugin = {
      name: 'FlakyBinder',
      bind: async (state, pod, node) => {
        if (pod.metadata?.name !== 'doomed') return inner.bind(state, pod, node);
        await delay(500);
        return Status.error('binding refused');
      },
    };
    return plugin;
  };

  before(async () => {
    cluster = await startTestCluster(['--store', 'memory', ...API_ONLY]);
    client = RestClient.fromKubeconfig(join(cluster.dir, 'kubeconfig'), {
      component: 'scheduler-test',
      qps: 1000,
      burst: 1000,
    });
    pods = client.resource<Pod>(PODS);
    await client.resource<Node>(NODES).create('', nodeObject('only', '2'));
    const registry = inTreeRegistry();
    registry.set('FlakyBinder', flakyBinder);
    scheduler = new Scheduler({
      client,
      registry,
      configuration: {
        ...NO_ELECTION,
        profiles: [
          {
            schedulerName: 'default-scheduler',
            plugins: { bind: { disabled: [{ name: '*' }], enabled: [{ name: 'FlakyBinder' }] } },
          },
        ],
      },
    });
    running = scheduler.run(stop.signal);
  });

  after(async () => {
    stop.abort();
    await running;
    client.close();
    await cluster.stop();
  });

  test('a pod rejected because of an assumed pod is retried once that pod’s binding fails (upstream moves pods on AssignedPodDelete)', async () => {
    await pods.create('default', podObject('doomed', '2'));
    const doomed = podObject('doomed', '2');
    await eventually(
      async () => scheduler.cache.isAssumed(doomed),
      (assumed) => assumed,
      5000,
    );
    // While 'doomed' holds the node's cpu in the cache, 'waiter' cannot fit (and, of equal priority, preempts
    // nothing). Once doomed's binding fails and is forgotten, the node is free: only an event moves the waiter.
    await pods.create('default', podObject('waiter', '2'));
    const rejected = await eventually(
      () => pods.get('default', 'waiter'),
      (p) => scheduledCondition(p)?.reason === 'Unschedulable' || p.spec?.nodeName !== undefined,
      5000,
    );
    assert.equal(rejected.spec?.nodeName, undefined, 'the waiter was tried while doomed was assumed');
    const bound = await eventually(
      () => pods.get('default', 'waiter'),
      (p) => p.spec?.nodeName !== undefined,
      8000,
    );
    assert.equal(bound.spec?.nodeName, 'only');
  });
});

describe('Scheduler configuration', () => {
  test('profiles with different queue sorts are rejected (upstream validation: queueSort must be the same for all profiles)', () => {
    const otherSort: PluginFactory = (): QueueSortPlugin => ({ name: 'OtherSort', less: () => false });
    const registry = inTreeRegistry();
    registry.set('OtherSort', otherSort);
    const client = new RestClient({ server: 'http://127.0.0.1:9' });
    try {
      assert.throws(
        () =>
          new Scheduler({
            client,
            registry,
            configuration: {
              ...NO_ELECTION,
              profiles: [
                { schedulerName: 'a' },
                {
                  schedulerName: 'b',
                  plugins: { queueSort: { disabled: [{ name: '*' }], enabled: [{ name: 'OtherSort' }] } },
                },
              ],
            },
          }),
      );
    } finally {
      client.close();
    }
  });
});
