import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import type { Pod } from '../../api/core/v1/pod.js';
import { FakeClock } from '../../client/clock/fake-clock.js';
import {
  ActionType,
  type ClusterEvent,
  EventResource,
  type ObservedEvent,
  QueueingHint,
} from '../framework/cluster-event.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import { Status } from '../framework/status.js';
import { makeNode, makePod } from '../testing/builders.js';
import { prioritySort } from '../testing/fake-plugins.js';
import { type PendingCounts, SchedulingQueue, type SchedulingQueueOptions } from './scheduling-queue.js';

const GATES = 'SchedulingGates';

/** Holds pods with spec.schedulingGates, as the SchedulingGates plugin does. */
const gate = (pod: Pod): Status =>
  (pod.spec?.schedulingGates ?? []).length > 0
    ? Status.unresolvable('waiting for scheduling gates').withPlugin(GATES)
    : Status.SUCCESS;

function newQueue(clock: FakeClock, options: Partial<SchedulingQueueOptions> = {}): SchedulingQueue {
  return new SchedulingQueue({ less: prioritySort.less, clock, preEnqueue: gate, ...options });
}

const nameOf = (q: QueuedPodInfo | undefined): string | undefined => q?.podInfo.pod.metadata?.name;

const counts = (active: number, backoff: number, unschedulable: number, gated = 0): PendingCounts => ({
  active,
  backoff,
  unschedulable,
  gated,
});

/** Pops the pod and puts it back as rejected by `plugins` (none: an error) in the cycle it was popped in. */
async function popAndFail(queue: SchedulingQueue, plugins: readonly string[] = []): Promise<QueuedPodInfo> {
  const qpi = await queue.pop();
  assert.ok(qpi !== undefined, 'a pod was popped');
  qpi.unschedulablePlugins = new Set(plugins);
  queue.addUnschedulable(qpi, queue.schedulingCycle());
  return qpi;
}

const nodeAdded: ObservedEvent = { resource: EventResource.Node, action: ActionType.Add, newObj: makeNode('n') };

describe('SchedulingQueue order', () => {
  const cases: { name: string; pods: { name: string; priority?: number }[]; want: string[] }[] = [
    {
      name: 'pods of equal priority come out in the order they arrived',
      pods: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      want: ['a', 'b', 'c'],
    },
    {
      name: 'a higher-priority pod comes out before lower ones that arrived earlier',
      pods: [{ name: 'low', priority: 1 }, { name: 'none' }, { name: 'high', priority: 100 }],
      want: ['high', 'low', 'none'],
    },
    {
      name: 'priority first, then arrival among equals',
      pods: [
        { name: 'a1', priority: 5 },
        { name: 'b1', priority: 10 },
        { name: 'a2', priority: 5 },
        { name: 'b2', priority: 10 },
      ],
      want: ['b1', 'b2', 'a1', 'a2'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const clock = new FakeClock();
      const queue = newQueue(clock);
      for (const p of c.pods) {
        queue.add(makePod(p.name, p.priority === undefined ? {} : { priority: p.priority }));
        clock.step(1);
      }
      const got: (string | undefined)[] = [];
      for (let i = 0; i < c.pods.length; i++) got.push(nameOf(await queue.pop()));
      assert.deepEqual(got, c.want);
    });
  }

  test('each pop starts a scheduling cycle and counts an attempt of the pod', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(makePod('a'));
    queue.add(makePod('b'));
    assert.equal(queue.schedulingCycle(), 0);
    const a = await popAndFail(queue);
    assert.equal(queue.schedulingCycle(), 1);
    assert.equal(a.attempts, 1);
    await queue.pop();
    assert.equal(queue.schedulingCycle(), 2);
    clock.step(1000);
    queue.flushBackoff();
    const again = await queue.pop();
    assert.equal(nameOf(again), 'a');
    assert.equal(again?.attempts, 2);
  });
});

describe('SchedulingQueue backoff', () => {
  // Upstream: 1 s for the first attempt, doubling per attempt, capped at 10 s.
  const cases: { name: string; attempts: number; backoffMs: number }[] = [
    { name: 'after the first failed attempt the pod backs off 1 s', attempts: 1, backoffMs: 1000 },
    { name: 'after the second it backs off 2 s', attempts: 2, backoffMs: 2000 },
    { name: 'after the third 4 s', attempts: 3, backoffMs: 4000 },
    { name: 'after the fourth 8 s', attempts: 4, backoffMs: 8000 },
    { name: 'after the fifth the 10 s cap', attempts: 5, backoffMs: 10_000 },
    { name: 'and it stays at the cap', attempts: 8, backoffMs: 10_000 },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const clock = new FakeClock();
      const queue = newQueue(clock);
      queue.add(makePod('p'));
      for (let attempt = 1; attempt <= c.attempts; attempt++) {
        const qpi = await popAndFail(queue);
        assert.equal(qpi.attempts, attempt);
        if (attempt === c.attempts) break;
        clock.step(10_000);
        queue.flushBackoff();
      }
      assert.deepEqual(queue.counts(), counts(0, 1, 0));
      clock.step(c.backoffMs - 1);
      queue.flushBackoff();
      assert.deepEqual(queue.counts(), counts(0, 1, 0), 'still backing off 1 ms before the end');
      clock.step(1);
      queue.flushBackoff();
      assert.deepEqual(queue.counts(), counts(1, 0, 0), 'active once the backoff ends');
    });
  }

  test('configured initial and maximum backoff are used', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock, { initialBackoffMs: 3000, maxBackoffMs: 5000 });
    queue.add(makePod('p'));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await popAndFail(queue);
      let waited = 0;
      while (queue.counts().active === 0) {
        clock.step(500);
        waited += 500;
        queue.flushBackoff();
      }
      waits.push(waited);
    }
    assert.deepEqual(waits, [3000, 5000, 5000]);
  });

  test('run() flushes backoff every second on the clock, and close() stops its timers', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.run();
    queue.add(makePod('p'));
    await popAndFail(queue);
    clock.step(999);
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
    clock.step(1001);
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
    queue.close();
    assert.equal(clock.waiterCount(), 0);
  });

  test('pods leave backoff in the order their backoff ends', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(makePod('twice'));
    await popAndFail(queue);
    clock.step(1000);
    queue.flushBackoff();
    await popAndFail(queue); // 'twice' now backs off 2 s from t=1 s
    queue.add(makePod('once'));
    await popAndFail(queue); // 'once' backs off 1 s from t=1 s
    clock.step(1000);
    queue.flushBackoff();
    assert.equal(nameOf(await queue.pop()), 'once');
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
  });
});

describe('SchedulingQueue unschedulable pods and cluster events', () => {
  const hinted = (hint: ClusterEvent['hint']): ClusterEvent => ({
    resource: EventResource.Node,
    actions: ActionType.Add,
    ...(hint === undefined ? {} : { hint }),
  });
  const cases: {
    name: string;
    registered: Record<string, readonly ClusterEvent[]>;
    rejectedBy: string[];
    event: ObservedEvent;
    moves: boolean;
  }[] = [
    {
      name: 'an event the rejecting plugin registered moves the pod',
      registered: { Fit: [{ resource: EventResource.Node, actions: ActionType.Add }] },
      rejectedBy: ['Fit'],
      event: nodeAdded,
      moves: true,
    },
    {
      name: 'another action on the same resource does not',
      registered: { Fit: [{ resource: EventResource.Node, actions: ActionType.Add }] },
      rejectedBy: ['Fit'],
      event: { resource: EventResource.Node, action: ActionType.UpdateNodeLabel },
      moves: false,
    },
    {
      name: 'the same action on another resource does not',
      registered: { Fit: [{ resource: EventResource.Node, actions: ActionType.Add }] },
      rejectedBy: ['Fit'],
      event: { resource: EventResource.AssignedPod, action: ActionType.Add },
      moves: false,
    },
    {
      name: 'an event registered only by a plugin that did not reject the pod does not',
      registered: {
        Fit: [{ resource: EventResource.Node, actions: ActionType.UpdateNodeAllocatable }],
        Other: [{ resource: EventResource.Node, actions: ActionType.Add }],
      },
      rejectedBy: ['Fit'],
      event: nodeAdded,
      moves: false,
    },
    {
      name: 'an event registered by any one of several rejecting plugins moves the pod',
      registered: {
        Fit: [{ resource: EventResource.Node, actions: ActionType.UpdateNodeAllocatable }],
        Taints: [{ resource: EventResource.Node, actions: ActionType.Add | ActionType.UpdateNodeTaint }],
      },
      rejectedBy: ['Fit', 'Taints'],
      event: { resource: EventResource.Node, action: ActionType.UpdateNodeTaint },
      moves: true,
    },
    {
      name: 'a wildcard registration matches any event',
      registered: { Fit: [{ resource: EventResource.Wildcard, actions: ActionType.All }] },
      rejectedBy: ['Fit'],
      event: { resource: EventResource.Namespace, action: ActionType.Update },
      moves: true,
    },
    {
      name: 'a registered Pod event matches a change of an assigned pod',
      registered: { Affinity: [{ resource: EventResource.Pod, actions: ActionType.Delete }] },
      rejectedBy: ['Affinity'],
      event: { resource: EventResource.AssignedPod, action: ActionType.Delete },
      moves: true,
    },
    {
      name: 'a plugin that registered no events moves the pod on nothing',
      registered: {},
      rejectedBy: ['Silent'],
      event: nodeAdded,
      moves: false,
    },
    {
      name: 'a hint answering Queue moves the pod',
      registered: { Fit: [hinted(() => QueueingHint.Queue)] },
      rejectedBy: ['Fit'],
      event: nodeAdded,
      moves: true,
    },
    {
      name: 'a hint answering Skip keeps the pod',
      registered: { Fit: [hinted(() => QueueingHint.Skip)] },
      rejectedBy: ['Fit'],
      event: nodeAdded,
      moves: false,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const clock = new FakeClock();
      const queue = newQueue(clock, { eventsOf: (plugin) => c.registered[plugin] ?? [] });
      queue.add(makePod('p'));
      await popAndFail(queue, c.rejectedBy);
      assert.deepEqual(queue.counts(), counts(0, 0, 1));
      clock.step(5000); // past the 1 s backoff: a moved pod goes straight to activeQ
      queue.onEvent(c.event);
      assert.deepEqual(queue.counts(), c.moves ? counts(1, 0, 0) : counts(0, 0, 1));
    });
  }

  test('a hint is asked with the pod and the event’s old and new objects', async () => {
    const clock = new FakeClock();
    const seen: unknown[][] = [];
    const registered: ClusterEvent = {
      resource: EventResource.Node,
      actions: ActionType.UpdateNodeLabel,
      hint: (pod, oldObj, newObj) => {
        seen.push([pod.metadata?.name, oldObj, newObj]);
        return QueueingHint.Queue;
      },
    };
    const queue = newQueue(clock, { eventsOf: () => [registered] });
    queue.add(makePod('p'));
    await popAndFail(queue, ['Fit']);
    queue.onEvent({ resource: EventResource.Node, action: ActionType.UpdateNodeLabel, oldObj: 'old', newObj: 'new' });
    assert.deepEqual(seen, [['p', 'old', 'new']]);
  });

  test('a moved pod still backing off goes to backoffQ, not activeQ', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock, { eventsOf: () => [{ resource: EventResource.Node, actions: ActionType.Add }] });
    queue.add(makePod('p'));
    await popAndFail(queue, ['Fit']);
    clock.step(500);
    queue.onEvent(nodeAdded);
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
    clock.step(500);
    queue.flushBackoff();
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });

  test('a pod that failed with an error (no rejecting plugin) goes to backoff, not unschedulable', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(makePod('p'));
    await popAndFail(queue, []);
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
  });

  test('without eventsOf every event moves an unschedulable pod', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(makePod('p'));
    await popAndFail(queue, ['Fit']);
    clock.step(1000);
    queue.onEvent({ resource: EventResource.Namespace, action: ActionType.Add });
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });
});

describe('SchedulingQueue move requests during a cycle', () => {
  const cases: { name: string; eventAt: 'before-pop' | 'during-cycle' | 'none'; want: PendingCounts }[] = [
    {
      name: 'a pod that fails with no event during its cycle waits in unschedulable',
      eventAt: 'none',
      want: counts(0, 0, 1),
    },
    {
      name: 'a pod that fails after an event arrived during its cycle goes to backoff, so the event is not lost',
      eventAt: 'during-cycle',
      want: counts(0, 1, 0),
    },
    {
      name: 'an event from before the pod’s cycle began does not count',
      eventAt: 'before-pop',
      want: counts(0, 0, 1),
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const clock = new FakeClock();
      // The rejecting plugin registers nothing, so only the move request can save the pod from unschedulable.
      const queue = newQueue(clock, { eventsOf: () => [] });
      queue.add(makePod('p'));
      if (c.eventAt === 'before-pop') queue.onEvent(nodeAdded);
      const qpi = await queue.pop();
      assert.ok(qpi !== undefined);
      const cycle = queue.schedulingCycle();
      if (c.eventAt === 'during-cycle') queue.onEvent(nodeAdded);
      qpi.unschedulablePlugins = new Set(['Fit']);
      queue.addUnschedulable(qpi, cycle);
      assert.deepEqual(queue.counts(), c.want);
    });
  }

  test('an event in a later cycle than the failing pod’s still sends it to backoff', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock, { eventsOf: () => [] });
    queue.add(makePod('a'));
    queue.add(makePod('b'));
    const a = await queue.pop();
    const aCycle = queue.schedulingCycle();
    await queue.pop(); // b's cycle starts while a is still being bound, say
    queue.onEvent(nodeAdded);
    assert.ok(a !== undefined);
    a.unschedulablePlugins = new Set(['Fit']);
    queue.addUnschedulable(a, aCycle);
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
  });

  test('putting back a pod that is already queued again changes nothing', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(makePod('p'));
    const qpi = await queue.pop();
    assert.ok(qpi !== undefined);
    queue.update(makePod('p'), makePod('p', { labels: { a: 'b' } })); // re-added while in flight
    qpi.unschedulablePlugins = new Set(['Fit']);
    queue.addUnschedulable(qpi, queue.schedulingCycle());
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });
});

describe('SchedulingQueue gated pods', () => {
  const gated = makePod('g', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } });
  const released = makePod('g');

  test('a pod a PreEnqueue plugin holds waits as gated and is never popped', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(gated);
    assert.deepEqual(queue.counts(), counts(0, 0, 0, 1));
    assert.ok(queue.has(gated));
    let popped = false;
    void queue.pop().then(() => (popped = true));
    await tick();
    assert.equal(popped, false);
    queue.close();
  });

  const stays: { name: string; act: (q: SchedulingQueue, c: FakeClock) => void }[] = [
    { name: 'a cluster event does not release a gated pod', act: (q) => q.onEvent(nodeAdded) },
    {
      name: 'the 5 min leftover flush does not release a gated pod',
      act: (q, c) => {
        c.step(600_000);
        q.flushUnschedulableLeftover();
      },
    },
    {
      name: 'an update that keeps the gate does not release it',
      act: (q) => q.update(gated, { ...gated, metadata: { ...gated.metadata, labels: { x: 'y' } } }),
    },
  ];
  for (const c of stays) {
    test(c.name, () => {
      const clock = new FakeClock();
      const queue = newQueue(clock);
      queue.add(gated);
      c.act(queue, clock);
      assert.deepEqual(queue.counts(), counts(0, 0, 0, 1));
    });
  }

  test('an update that clears the gate lets the pod into activeQ', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(gated);
    queue.update(gated, released);
    assert.deepEqual(queue.counts(), counts(1, 0, 0, 0));
    const qpi = await queue.pop();
    assert.equal(nameOf(qpi), 'g');
    assert.equal(qpi?.gatedBy, '');
    assert.deepEqual(qpi?.podInfo.pod.spec?.schedulingGates, undefined);
  });

  test('a gated pod is among the pending pods', () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(gated);
    const waiting = queue.pendingPods();
    assert.deepEqual(
      waiting.map((p) => p.metadata?.name),
      ['g'],
    );
  });
});

describe('SchedulingQueue leftover flush', () => {
  test('an unschedulable pod is retried once it has waited longer than 5 min', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock, { eventsOf: () => [] });
    queue.add(makePod('p'));
    await popAndFail(queue, ['Fit']);
    clock.step(300_000);
    queue.flushUnschedulableLeftover();
    assert.deepEqual(queue.counts(), counts(0, 0, 1), 'exactly 5 min is not longer than 5 min');
    clock.step(1);
    queue.flushUnschedulableLeftover();
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });

  test('run() checks for leftovers every 30 s on the clock', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock, { eventsOf: () => [] });
    queue.run();
    queue.add(makePod('p'));
    await popAndFail(queue, ['Fit']);
    clock.step(329_999);
    assert.deepEqual(queue.counts(), counts(0, 0, 1));
    clock.step(1);
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
    queue.close();
  });

  test('a configured limit replaces the 5 min', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock, { eventsOf: () => [], maxInUnschedulableMs: 60_000 });
    queue.add(makePod('p'));
    await popAndFail(queue, ['Fit']);
    clock.step(60_001);
    queue.flushUnschedulableLeftover();
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });
});

describe('SchedulingQueue update', () => {
  const cases: { name: string; change: (p: Pod) => Pod; moves: boolean }[] = [
    {
      name: 'an unschedulable pod whose spec changed is tried again',
      change: (p) => ({ ...p, spec: { ...p.spec, nodeSelector: { disk: 'ssd' } } as Pod['spec'] }),
      moves: true,
    },
    {
      name: 'an unschedulable pod whose labels changed is tried again',
      change: (p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'x' } } }),
      moves: true,
    },
    {
      name: 'an unschedulable pod whose status alone changed keeps waiting',
      change: (p) => ({ ...p, status: { conditions: [{ type: 'PodScheduled', status: 'False' }] } }),
      moves: false,
    },
    {
      name: 'an unschedulable pod whose resourceVersion alone changed keeps waiting',
      change: (p) => ({ ...p, metadata: { ...p.metadata, resourceVersion: '99' } }),
      moves: false,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const clock = new FakeClock();
      const queue = newQueue(clock, { eventsOf: () => [] });
      const pod = makePod('p');
      queue.add(pod);
      await popAndFail(queue, ['Fit']);
      clock.step(2000);
      queue.update(pod, c.change(pod));
      assert.deepEqual(queue.counts(), c.moves ? counts(1, 0, 0) : counts(0, 0, 1));
    });
  }

  test('an unschedulable pod whose annotations changed is tried again (upstream isPodUpdated ignores only status, resourceVersion, generation, managedFields and finalizers)', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock, { eventsOf: () => [] });
    const pod = makePod('p');
    queue.add(pod);
    await popAndFail(queue, ['Fit']);
    clock.step(2000);
    queue.update(pod, { ...pod, metadata: { ...pod.metadata, annotations: { a: 'b' } } });
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });

  test('an update of a pod in activeQ replaces it there', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    const pod = makePod('p');
    queue.add(pod);
    queue.update(pod, makePod('p', { labels: { v: '2' } }));
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
    assert.deepEqual((await queue.pop())?.podInfo.pod.metadata?.labels, { v: '2' });
  });

  test('an update of a pod in backoffQ replaces it there', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    const pod = makePod('p');
    queue.add(pod);
    await popAndFail(queue);
    queue.update(pod, makePod('p', { labels: { v: '2' } }));
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
    assert.deepEqual(queue.pendingPods()[0]?.metadata?.labels, { v: '2' });
  });

  test('an update of a pod the queue does not hold adds it', () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.update(makePod('p'), makePod('p', { labels: { v: '2' } }));
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });

  test('adding a pod that waits in backoff moves it rather than holding it twice (upstream moveToActiveQ deletes it from the other queues)', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(makePod('p'));
    await popAndFail(queue);
    queue.add(makePod('p'));
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });
});

describe('SchedulingQueue delete', () => {
  const where: { name: string; place: (q: SchedulingQueue, c: FakeClock) => Promise<void> }[] = [
    { name: 'a pod is deleted from activeQ', place: async () => undefined },
    {
      name: 'a pod is deleted from backoffQ',
      place: async (q) => void (await popAndFail(q)),
    },
    {
      name: 'a pod is deleted from unschedulable',
      place: async (q) => void (await popAndFail(q, ['Fit'])),
    },
  ];
  for (const c of where) {
    test(c.name, async () => {
      const clock = new FakeClock();
      const queue = newQueue(clock, { eventsOf: () => [] });
      const pod = makePod('p');
      queue.add(pod);
      await c.place(queue, clock);
      assert.ok(queue.has(pod));
      queue.delete(pod);
      assert.equal(queue.has(pod), false);
      assert.deepEqual(queue.counts(), counts(0, 0, 0));
      assert.deepEqual(queue.pendingPods(), []);
    });
  }

  test('a gated pod is deleted', () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    const pod = makePod('g', { spec: { schedulingGates: [{ name: 'x' }] } });
    queue.add(pod);
    queue.delete(pod);
    assert.deepEqual(queue.counts(), counts(0, 0, 0, 0));
  });

  test('deleting a pod drops its nomination', () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    const pod: Pod = { ...makePod('p'), status: { nominatedNodeName: 'n1' } };
    queue.add(pod);
    assert.equal(queue.nominator.nominatedPodsForNode('n1').length, 1);
    queue.delete(pod);
    assert.equal(queue.nominator.nominatedPodsForNode('n1').length, 0);
  });
});

describe('SchedulingQueue pop and close', () => {
  test('pop waits until a pod arrives, then hands it over and starts a cycle', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    let settled = false;
    const waiting = queue.pop().finally(() => (settled = true));
    await tick();
    assert.equal(settled, false);
    queue.add(makePod('late'));
    const got = await waiting;
    assert.equal(nameOf(got), 'late');
    assert.equal(got?.attempts, 1);
    assert.equal(queue.schedulingCycle(), 1);
    assert.deepEqual(queue.counts(), counts(0, 0, 0));
  });

  test('a pod leaving backoff wakes a waiting pop', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.add(makePod('p'));
    await popAndFail(queue);
    const waiting = queue.pop();
    clock.step(1000);
    queue.flushBackoff();
    assert.equal(nameOf(await waiting), 'p');
  });

  test('close resolves every waiting pop with undefined', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    const a = queue.pop();
    const b = queue.pop();
    queue.close();
    assert.deepEqual(await Promise.all([a, b]), [undefined, undefined]);
  });

  test('pop on a closed, empty queue answers undefined at once', async () => {
    const clock = new FakeClock();
    const queue = newQueue(clock);
    queue.close();
    assert.equal(await queue.pop(), undefined);
  });
});
