/** The disruption controller against a real skiff server (and its eviction subresource), the kubelet played by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/pod-disruption-budget.js';
import { isTooManyRequests } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { createTestPod, setTestPodStatus } from '../endpoints/endpoints-test-support.js';
import { PODS } from '../endpoints/resources.js';
import {
  type ControllerCluster,
  eventsAbout,
  runControllers,
  type RunningControllers,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { NAME, newDisruptionControllerWith } from './disruption-controller.js';
import { PDBS, REPLICA_SETS } from './resources.js';

const NS = 'default';
const DELETION_TIMEOUT_MS = 1500;

describe('disruption controller', () => {
  let c: ControllerCluster;
  let controllers: RunningControllers;
  let pdbs: ResourceClient<PodDisruptionBudget>;

  /** A ReplicaSet of `replicas` (no controller runs it) and its pods `<app>-0…`, Ready as `ready` says. */
  const workload = async (app: string, replicas: number, ready: boolean[]): Promise<void> => {
    const rs = await c.client.resource<ReplicaSet>(REPLICA_SETS).create(NS, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: app },
      spec: {
        replicas,
        selector: { matchLabels: { app } },
        template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    } as ReplicaSet);
    for (const [i, isReady] of ready.entries()) {
      await createTestPod(c.client, NS, `${app}-${i}`, {
        labels: { app },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: app, uid: rs.metadata?.uid ?? '', controller: true },
        ],
      });
      await setTestPodStatus(c.client, NS, `${app}-${i}`, { ip: `10.9.${replicas}.${i + 1}`, ready: isReady });
    }
  };
  const budget = (
    name: string,
    app: string,
    spec: { minAvailable?: number | string; maxUnavailable?: number | string },
  ) =>
    pdbs.create(NS, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name },
      spec: { selector: { matchLabels: { app } }, ...spec },
    } as PodDisruptionBudget);
  const statusOf = async (name: string) => {
    const pdb = await pdbs.get(NS, name);
    const s = pdb.status ?? {};
    const condition = s.conditions?.find((k) => k.type === 'DisruptionAllowed');
    return {
      expected: s.expectedPods,
      desired: s.desiredHealthy,
      healthy: s.currentHealthy,
      allowed: s.disruptionsAllowed,
      condition: `${condition?.status ?? ''}/${condition?.reason ?? ''}`,
      observed: s.observedGeneration === pdb.metadata?.generation,
      disrupted: Object.keys(s.disruptedPods ?? {}).sort(),
    };
  };
  const evict = (pod: string) =>
    c.client.resource(PODS).createSubresource(NS, pod, 'eviction', {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: pod, namespace: NS },
    });

  before(async () => {
    c = await startControllerCluster();
    controllers = await runControllers(c.client, [
      (ctx) => newDisruptionControllerWith(ctx, { deletionTimeoutMs: DELETION_TIMEOUT_MS }),
    ]);
    pdbs = c.client.resource<PodDisruptionBudget>(PDBS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  test('the controller is called disruption', () => {
    assert.equal(NAME, 'disruption');
  });

  test('disruptionsAllowed follows the healthy pods, and the eviction subresource honours it', async () => {
    await workload('web', 3, [false, false, false]);
    await budget('web', 'web', { minAvailable: 2 });
    const none = await waitFor('a first status', async () => {
      const s = await statusOf('web');
      return s.observed && s.expected === 3 && s;
    });
    assert.deepEqual(none, {
      expected: 3,
      desired: 2,
      healthy: 0,
      allowed: 0,
      condition: 'False/InsufficientPods',
      observed: true,
      disrupted: [],
    });
    await assert.rejects(evict('web-0'), (err) => isTooManyRequests(err), 'no eviction while none is allowed');

    for (const i of [0, 1, 2]) await setTestPodStatus(c.client, NS, `web-${i}`, { ip: `10.9.3.${i + 1}`, ready: true });
    const one = await waitFor('one disruption allowed', async () => {
      const s = await statusOf('web');
      return s.allowed === 1 && s;
    });
    assert.deepEqual([one.healthy, one.condition], [3, 'True/SufficientPods']);

    await evict('web-0');
    // The eviction records web-0 as disrupted; once the pod shows its deletion, the record goes.
    const after = await waitFor('the evicted pod no longer healthy nor recorded', async () => {
      const s = await statusOf('web');
      return s.healthy === 2 && s.disrupted.length === 0 && s;
    });
    assert.deepEqual([after.allowed, after.condition], [0, 'False/InsufficientPods']);
    await assert.rejects(evict('web-1'), (err) => isTooManyRequests(err), 'the budget protects the last two');

    await setTestPodStatus(c.client, NS, 'web-1', { ip: '10.9.3.2', ready: false });
    await waitFor('one healthy', async () => (await statusOf('web')).healthy === 1);
  });

  test('a percentage budget counts the scale of the pods’ controller, rounding up', async () => {
    await workload('pct', 4, [true, true, true]);
    await budget('pct', 'pct', { maxUnavailable: '30%' });
    const s = await waitFor('a status', async () => {
      const current = await statusOf('pct');
      return current.observed && current.expected === 4 && current;
    });
    // 30% of 4 is 1.2, rounded up to 2 unavailable: 2 must be healthy, 3 are.
    assert.deepEqual([s.expected, s.desired, s.healthy, s.allowed], [4, 2, 3, 1]);
  });

  test('a recorded disruption whose pod is not deleted stops counting after the timeout', async () => {
    await workload('slow', 2, [true, true]);
    await budget('slow', 'slow', { minAvailable: 1 });
    await waitFor('one allowed', async () => (await statusOf('slow')).allowed === 1);
    // What an eviction records, without the deletion that should follow.
    const pdb = await pdbs.get(NS, 'slow');
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await pdbs.updateStatus(NS, {
      ...pdb,
      status: { ...pdb.status, disruptionsAllowed: 0, disruptedPods: { 'slow-0': now } },
    } as PodDisruptionBudget);
    const pending = await waitFor('the disruption counted', async () => {
      const s = await statusOf('slow');
      return s.healthy === 1 && s;
    });
    assert.deepEqual([pending.disrupted, pending.allowed], [['slow-0'], 0]);
    const expired = await waitFor(
      'the disruption dropped',
      async () => {
        const s = await statusOf('slow');
        return s.disrupted.length === 0 && s;
      },
      10_000,
    );
    assert.deepEqual([expired.healthy, expired.allowed], [2, 1]);
    const events = await waitFor('a NotDeleted event', async () => {
      const all = await eventsAbout(c.client, NS, 'slow-0');
      return all.length > 0 && all;
    });
    assert.deepEqual(events, [`NotDeleted: Pod was expected by PDB ${NS}/${NS} to be deleted but it wasn't`]);
  });

  test('a pod whose controller is unknown fails the sync safely', async () => {
    await createTestPod(c.client, NS, 'orphaned', {
      labels: { app: 'orphaned' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nope', uid: 'no-such-uid', controller: true },
      ],
    });
    await setTestPodStatus(c.client, NS, 'orphaned', { ip: '10.9.9.9', ready: true });
    await budget('orphaned', 'orphaned', { maxUnavailable: 1 });
    const pdb = await waitFor('SyncFailed', async () => {
      const current = await pdbs.get(NS, 'orphaned');
      const condition = current.status?.conditions?.find((k) => k.type === 'DisruptionAllowed');
      return condition?.reason === 'SyncFailed' && current;
    });
    const condition = pdb.status?.conditions?.[0];
    assert.deepEqual(
      [condition?.status, condition?.message, pdb.status?.disruptionsAllowed],
      ['False', 'found no controllers for pod "orphaned"', 0],
    );
  });
});
