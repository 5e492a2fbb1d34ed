/**
 * Asynchronous preemption through the whole Scheduler against a real `skiff server` (memory store, its own
 * scheduler and controllers off). DefaultPreemption's API writes go through actions the tests hold back or
 * fail, so that what happens while victims' deletions are in flight can be watched.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { API_ONLY, startTestCluster, type TestCluster } from '../../test/support/cluster.js';
import type { Node } from '../api/core/v1/node.js';
import type { Pod } from '../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../api/policy/v1/pod-disruption-budget.js';
import type { ResourceClient } from '../client/rest/resource-client.js';
import { RestClient } from '../client/rest/rest-client.js';
import { DEFAULT_LEADER_ELECTION, defaultConfiguration } from './config/types.js';
import type { PluginFactory } from './framework/interfaces.js';
import { resolveDefaultPreemptionArgs } from './plugins/default-preemption/args.js';
import { DefaultPreemption, PDBS } from './plugins/default-preemption/default-preemption.js';
import { apiPreemptionActions, type PreemptionActions } from './plugins/default-preemption/preemption-actions.js';
import { inTreeRegistry } from './registry.js';
import { Scheduler } from './scheduler.js';

const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespaced: false };

const nodeObject = (name: string, group: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, group } },
  spec: {},
  status: {
    capacity: { cpu: '2', memory: '16Gi', pods: '110' },
    allocatable: { cpu: '2', memory: '16Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});

/** A pod of `priorityClassName` requesting `cpu`, kept to the nodes of `group`; bound at once when `node` is given. */
const podObject = (name: string, priorityClassName: string, cpu: string, group: string, node?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: {
    priorityClassName,
    terminationGracePeriodSeconds: 0,
    nodeSelector: { group },
    ...(node === undefined ? {} : { nodeName: node }),
    containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu, memory: '64Mi' } } }],
  },
});

async function eventually<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await delay(20);
  }
}

/** The API actions, except that evictions wait while `held`, and victims in `failOnce` fail their first. */
class ControlledActions implements PreemptionActions {
  /** Victims whose eviction was asked for, in order (repeats included). */
  readonly calls: string[] = [];
  readonly failed: string[] = [];
  readonly failOnce = new Set<string>();
  private held = false;
  private waiters: (() => void)[] = [];
  private inner: PreemptionActions | undefined;

  bind(inner: PreemptionActions): void {
    this.inner = inner;
  }
  hold(): void {
    this.held = true;
  }
  release(): void {
    this.held = false;
    for (const w of this.waiters.splice(0)) w();
  }
  async preemptPod(preemptor: Pod, victim: Pod): Promise<boolean> {
    const name = victim.metadata?.name ?? '';
    this.calls.push(name);
    if (this.held) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failOnce.delete(name)) {
      await delay(300); // lets the cycle's own status write land first
      this.failed.push(name);
      throw new Error(`pods "${name}" is forbidden`);
    }
    return (this.inner as PreemptionActions).preemptPod(preemptor, victim);
  }
  clearNominatedNodeName(pod: Pod): Promise<void> {
    return (this.inner as PreemptionActions).clearNominatedNodeName(pod);
  }
}

describe('Scheduler with asynchronous preemption', () => {
  let cluster: TestCluster;
  let client: RestClient;
  let pods: ResourceClient<Pod>;
  let scheduler: Scheduler;
  const actions = new ControlledActions();
  const stop = new AbortController();
  let running: Promise<void>;

  const get = (name: string): Promise<Pod> => pods.get('default', name);
  const failedAttempts = (): number => scheduler.metrics.attemptCount('unschedulable');

  before(async () => {
    cluster = await startTestCluster(['--store', 'memory', ...API_ONLY]);
    client = RestClient.fromKubeconfig(join(cluster.dir, 'kubeconfig'), {
      component: 'scheduler-test',
      qps: 1000,
      burst: 1000,
    });
    pods = client.resource<Pod>(PODS);
    const classes = client.resource(PRIORITY_CLASSES);
    for (const [name, value] of [
      ['low', 0],
      ['high', 1000],
    ] as const) {
      await classes.create('', {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name },
        value,
      } as never);
    }
    const registry = inTreeRegistry();
    const controlled: PluginFactory = (args, handle) => {
      actions.bind(apiPreemptionActions(handle.client, handle.clock));
      const budgets = handle.informers.lister<PodDisruptionBudget>(PDBS);
      return new DefaultPreemption(handle, resolveDefaultPreemptionArgs(args), {
        listPdbs: () => budgets.list(),
        actions,
      });
    };
    registry.set('DefaultPreemption', controlled);
    scheduler = new Scheduler({
      client,
      registry,
      configuration: {
        ...defaultConfiguration(),
        leaderElection: { ...DEFAULT_LEADER_ELECTION, leaderElect: false },
      },
    });
    running = scheduler.run(stop.signal);
  });

  after(async () => {
    actions.release();
    stop.abort();
    await running;
    client.close();
    await cluster.stop();
  });

  /** Nodes of `group`, each full with two 1-cpu low-priority pods (`<node>-v1`, `<node>-v2`). */
  async function fullNodes(group: string, count: number): Promise<string[]> {
    const names = Array.from({ length: count }, (_, i) => `${group}${i + 1}`);
    for (const n of names) await client.resource<Node>(NODES).create('', nodeObject(n, group));
    await eventually(
      () => scheduler.cache.nodeCount(),
      (c) => c >= names.length,
    );
    for (const n of names) {
      for (const v of ['v1', 'v2']) await pods.create('default', podObject(`${n}-${v}`, 'low', '1', group, n));
    }
    await eventually(
      () => scheduler.cache.podCount(),
      (c) => c >= names.length * 2,
    );
    return names;
  }

  test('the preemptor waits while its victims’ deletions are in flight and is scheduled once they are done', async () => {
    await fullNodes('a', 1);
    actions.hold();
    const attemptsBefore = failedAttempts();
    const preemptionsBefore = scheduler.metrics.preemptionAttemptCount();
    await pods.create('default', podObject('pa', 'high', '2', 'a'));
    const pa = await get('pa');
    await eventually(
      () => [...actions.calls],
      (calls) => calls.includes('a1-v1') && calls.includes('a1-v2'),
    );
    assert.ok(scheduler.preemptions.isPreempting(pa), 'the preemption is in flight');
    const nominated = await eventually(
      () => get('pa'),
      (p) => p.status?.nominatedNodeName === 'a1',
    );
    assert.equal(nominated.spec?.nodeName, undefined);
    assert.equal(scheduler.metrics.preemptionAttemptCount() - preemptionsBefore, 1, 'one preemption attempt counted');
    assert.match(scheduler.metrics.render(), /^scheduler_preemption_victims_sum [1-9]/m);
    await delay(2500); // past the 1 s backoff after the first attempt
    assert.equal(failedAttempts() - attemptsBefore, 1, 'no second attempt while the deletions are in flight');
    assert.equal((await get('pa')).spec?.nodeName, undefined);
    assert.equal(scheduler.queue.counts().active, 0);
    actions.release();
    const bound = await eventually(
      () => get('pa'),
      (p) => p.spec?.nodeName !== undefined,
    );
    assert.equal(bound.spec?.nodeName, 'a1');
    assert.equal(failedAttempts() - attemptsBefore, 1, 'scheduled at its next attempt');
    assert.ok(!scheduler.preemptions.isPreempting(pa));
  });

  test('a failed deletion clears the nomination, and the preemptor is retried after a backoff', async () => {
    await fullNodes('b', 1);
    actions.failOnce.add('b1-v1');
    await pods.create('default', podObject('pb', 'high', '2', 'b'));
    const pb = await get('pb');
    await eventually(
      () => [...actions.failed],
      (failed) => failed.includes('b1-v1'),
    );
    const cleared = await eventually(
      () => get('pb'),
      (p) => !scheduler.preemptions.isPreempting(pb) && p.status?.nominatedNodeName === undefined,
    );
    assert.equal(cleared.spec?.nodeName, undefined, 'not bound while backing off');
    assert.equal(scheduler.queue.nominator.nominatedNodeOf(pb), undefined);
    assert.equal(scheduler.queue.counts().backoff, 1);
    const bound = await eventually(
      () => get('pb'),
      (p) => p.spec?.nodeName !== undefined,
    );
    assert.equal(bound.spec?.nodeName, 'b1');
    assert.equal(actions.calls.filter((c) => c === 'b1-v1').length, 2, 'the eviction was tried again');
  });

  test('three preemptors while deletions are in flight: each victim is evicted once and each node taken once', async () => {
    const nodes = await fullNodes('c', 3);
    actions.hold();
    const callsBefore = actions.calls.length;
    const attemptsBefore = failedAttempts();
    for (const p of ['pc1', 'pc2', 'pc3']) await pods.create('default', podObject(p, 'high', '2', 'c'));
    await eventually(
      () => scheduler.preemptions.size,
      (n) => n === 3,
    );
    await delay(2500); // past the 1 s backoff after the first attempt
    const calls = actions.calls.slice(callsBefore);
    assert.deepEqual([...calls].sort(), nodes.flatMap((n) => [`${n}-v1`, `${n}-v2`]).sort());
    assert.equal(failedAttempts() - attemptsBefore, 3, 'one attempt each, none again while in flight');
    actions.release();
    const bound = await eventually(
      async () => Promise.all(['pc1', 'pc2', 'pc3'].map(async (p) => (await get(p)).spec?.nodeName)),
      (names) => names.every((n) => n !== undefined),
    );
    assert.deepEqual([...bound].sort(), nodes);
    assert.equal(actions.calls.length - callsBefore, 6, 'no victim was evicted twice');
  });
});
