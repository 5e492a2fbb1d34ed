import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { countDaemonPods } from './daemon-status.js';
import { daemonPod, daemonSet, NOW } from './daemon-test-fixtures.js';
import { FailedPodsBackoff } from './failed-pods-backoff.js';
import type { NodeVerdict } from './node-eligibility.js';
import { type NodeContext, podsShouldBeOnNode } from './pods-on-node.js';

const RUN: NodeVerdict = { shouldRun: true, shouldContinueRunning: true };
const STAY: NodeVerdict = { shouldRun: false, shouldContinueRunning: true };
const GONE: NodeVerdict = { shouldRun: false, shouldContinueRunning: false };

function context(ds: DaemonSet = daemonSet(), backoff = new FailedPodsBackoff()) {
  const events: string[] = [];
  const requeues: number[] = [];
  const ctx: NodeContext = {
    ds,
    hash: 'new',
    now: NOW,
    backoff,
    event: (_type, reason, message) => events.push(`${reason}: ${message}`),
    requeueAfter: (ms) => requeues.push(ms),
  };
  return { ctx, events, requeues };
}

describe('what a node needs', () => {
  const cases: { name: string; verdict: NodeVerdict; pods?: Pod[]; create: boolean; del: string[] }[] = [
    { name: 'an eligible node without a pod gets one', verdict: RUN, create: true, del: [] },
    { name: 'an ineligible node without a pod gets none', verdict: STAY, create: false, del: [] },
    {
      name: 'an eligible node with its pod needs nothing',
      verdict: RUN,
      pods: [daemonPod({ name: 'p1' })],
      create: false,
      del: [],
    },
    {
      name: 'a node that may keep its pod keeps it',
      verdict: STAY,
      pods: [daemonPod({ name: 'p1' })],
      create: false,
      del: [],
    },
    {
      name: 'a node that must not run the pod loses every pod not already going',
      verdict: GONE,
      pods: [daemonPod({ name: 'p1' }), daemonPod({ name: 'p2', deleting: true })],
      create: false,
      del: ['p1'],
    },
    {
      name: 'extra pods go, the oldest stays',
      verdict: RUN,
      pods: [
        daemonPod({ name: 'young', created: '2024-01-01T00:10:00Z' }),
        daemonPod({ name: 'old', created: '2024-01-01T00:00:00Z' }),
      ],
      create: false,
      del: ['young'],
    },
    {
      name: 'a bound pod outranks an older unbound one',
      verdict: RUN,
      pods: [
        daemonPod({ name: 'unbound', created: '2024-01-01T00:00:00Z' }),
        daemonPod({ name: 'bound', node: 'a', created: '2024-01-01T00:10:00Z' }),
      ],
      create: false,
      del: ['unbound'],
    },
    {
      name: 'a pod being deleted is waited for, not replaced yet',
      verdict: RUN,
      pods: [daemonPod({ name: 'p1', deleting: true })],
      create: false,
      del: [],
    },
    {
      name: 'a succeeded pod is deleted',
      verdict: RUN,
      pods: [daemonPod({ name: 'done', phase: 'Succeeded' })],
      create: false,
      del: ['done'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { ctx } = context();
      assert.deepEqual(podsShouldBeOnNode(ctx, 'a', c.verdict, c.pods), { create: c.create, podsToDelete: c.del });
    });
  }

  test('a failed pod is deleted with an event, then the back-off holds the next one', () => {
    const backoff = new FailedPodsBackoff();
    const first = context(daemonSet(), backoff);
    const failed = [daemonPod({ name: 'f1', phase: 'Failed' })];
    assert.deepEqual(podsShouldBeOnNode(first.ctx, 'a', RUN, failed).podsToDelete, ['f1']);
    assert.deepEqual(first.events, ['FailedDaemonPod: Found failed daemon pod ns/f1 on node a, will try to kill it']);
    const again = context(daemonSet(), backoff);
    assert.deepEqual(
      podsShouldBeOnNode(again.ctx, 'a', RUN, [daemonPod({ name: 'f2', phase: 'Failed' })]).podsToDelete,
      [],
    );
    assert.deepEqual(again.requeues, [1000]);
  });

  test('with surge, an old ready pod stays beside a new one until the new one is available', () => {
    const { ctx } = context(daemonSet({ maxUnavailable: 0, maxSurge: 1 }));
    const old = daemonPod({ name: 'old', hash: 'old', created: '2024-01-01T00:00:00Z' });
    const fresh = daemonPod({ name: 'fresh', hash: 'new', ready: false, created: '2024-01-01T00:10:00Z' });
    assert.deepEqual(podsShouldBeOnNode(ctx, 'a', RUN, [old, fresh]).podsToDelete, []);
    const ready = daemonPod({ name: 'fresh', hash: 'new', created: '2024-01-01T00:10:00Z' });
    assert.deepEqual(podsShouldBeOnNode(ctx, 'a', RUN, [old, ready]).podsToDelete, ['old']);
  });
});

describe('failed pod back-off', () => {
  test('the delay doubles up to fifteen minutes and starts over after long quiet', () => {
    const b = new FailedPodsBackoff();
    b.next('k', 0);
    assert.equal(b.get('k'), 1000);
    assert.ok(b.isInBackOffSinceUpdate('k', 999));
    assert.ok(!b.isInBackOffSinceUpdate('k', 1000));
    b.next('k', 1000);
    assert.equal(b.get('k'), 2000);
    for (let i = 0; i < 20; i++) b.next('k', 2000);
    assert.equal(b.get('k'), 15 * 60 * 1000);
    b.next('k', 2000 + 31 * 60 * 1000);
    assert.equal(b.get('k'), 1000);
  });
});

describe('DaemonSet status', () => {
  const node = (name: string): Node => ({ metadata: { name } }) as Node;
  test('desired, scheduled, misscheduled, ready, available and updated nodes are counted', () => {
    const nodes = [node('a'), node('b'), node('c'), node('off')];
    const eligibility = (n: Node) =>
      n.metadata?.name === 'off'
        ? { shouldRun: false, shouldContinueRunning: false }
        : { shouldRun: true, shouldContinueRunning: true };
    const pods = new Map<string, Pod[]>([
      ['a', [daemonPod({ name: 'a1', hash: 'new' })]],
      ['b', [daemonPod({ name: 'b1', hash: 'old', readySince: '2024-01-01T00:59:50Z' })]],
      ['off', [daemonPod({ name: 'x1' })]],
    ]);
    const counts = countDaemonPods(daemonSet({}, 30), nodes, eligibility, pods, 'new', undefined, NOW);
    assert.deepEqual(counts, {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 2,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
      numberUnavailable: 2,
    });
  });
});
