/** The queue's part in asynchronous preemption: holding a running preemptor, activate, and backoff. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import type { Pod } from '../../api/core/v1/pod.js';
import { FakeClock } from '../../client/clock/fake-clock.js';
import { ActionType, EventResource } from '../framework/cluster-event.js';
import type { QueuedPodInfo } from '../framework/interfaces.js';
import { makeNode, makePod } from '../testing/builders.js';
import { prioritySort } from '../testing/fake-plugins.js';
import { type PendingCounts, PREEMPTION_GATE, SchedulingQueue } from './scheduling-queue.js';

const counts = (active: number, backoff: number, unschedulable: number, gated = 0): PendingCounts => ({
  active,
  backoff,
  unschedulable,
  gated,
});

/** A queue whose preemptions in flight are the names in `preempting`. */
function setup(): { clock: FakeClock; queue: SchedulingQueue; preempting: Set<string> } {
  const clock = new FakeClock();
  const preempting = new Set<string>();
  const queue = new SchedulingQueue({
    less: prioritySort.less,
    clock,
    preemptions: { isPreempting: (pod: Pod) => preempting.has(pod.metadata?.name ?? '') },
  });
  return { clock, queue, preempting };
}

const nodeAdded = { resource: EventResource.Node, action: ActionType.Add, newObj: makeNode('n') };

/**
 * Pops `p` and puts it back rejected by NodeResourcesFit, as the cycle that started its preemption does: to
 * backoffQ when a cluster event arrived during the cycle (a busy cluster), else to unschedulable.
 */
async function popAndPreempt(
  queue: SchedulingQueue,
  preempting: Set<string>,
  eventDuringCycle = true,
): Promise<QueuedPodInfo> {
  const qpi = await queue.pop();
  assert.ok(qpi !== undefined);
  preempting.add(qpi.podInfo.pod.metadata?.name ?? '');
  if (eventDuringCycle) queue.onEvent(nodeAdded);
  qpi.unschedulablePlugins = new Set(['NodeResourcesFit']);
  queue.addUnschedulable(qpi, queue.schedulingCycle());
  return qpi;
}

describe('SchedulingQueue holding a preemptor whose preemption runs', () => {
  const cases: {
    name: string;
    eventDuringCycle: boolean;
    act: (queue: SchedulingQueue, clock: FakeClock) => void;
    want: PendingCounts;
  }[] = [
    {
      name: 'it stays out of activeQ when its backoff ends: flushing passes PreEnqueue and holds it as gated',
      eventDuringCycle: true,
      act: (queue, clock) => {
        clock.step(1000);
        queue.flushBackoff();
      },
      want: counts(0, 0, 0, 1),
    },
    {
      name: 'an event that moves it back holds it as gated once it is done backing off',
      eventDuringCycle: false,
      act: (queue, clock) => {
        clock.step(1000);
        queue.onEvent(nodeAdded);
      },
      want: counts(0, 0, 0, 1),
    },
    {
      name: 'an update of the held pod keeps it held',
      eventDuringCycle: true,
      act: (queue, clock) => {
        clock.step(1000);
        queue.flushBackoff();
        const pod = makePod('p');
        queue.update(pod, { ...pod, status: { nominatedNodeName: 'n1' } });
      },
      want: counts(0, 0, 0, 1),
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { clock, queue, preempting } = setup();
      queue.add(makePod('p'));
      const qpi = await popAndPreempt(queue, preempting, c.eventDuringCycle);
      c.act(queue, clock);
      assert.deepEqual(queue.counts(), c.want);
      if (c.want.gated === 1) assert.equal(qpi.gatedBy, PREEMPTION_GATE);
    });
  }

  test('a held pod is never popped', async () => {
    const { clock, queue, preempting } = setup();
    queue.add(makePod('p'));
    await popAndPreempt(queue, preempting);
    clock.step(1000);
    queue.flushBackoff();
    let popped = false;
    void queue.pop().then((q) => (popped = q !== undefined));
    await tick();
    assert.equal(popped, false);
    queue.close();
  });
});

describe('SchedulingQueue activate', () => {
  const cases: { name: string; before: (queue: SchedulingQueue, clock: FakeClock) => void }[] = [
    { name: 'a preemptor still backing off goes to activeQ at once', before: () => undefined },
    {
      name: 'a preemptor held as gated goes to activeQ',
      before: (queue, clock) => {
        clock.step(1000);
        queue.flushBackoff();
      },
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { clock, queue, preempting } = setup();
      queue.add(makePod('p'));
      await popAndPreempt(queue, preempting);
      c.before(queue, clock);
      preempting.delete('p');
      queue.activate(makePod('p'));
      assert.deepEqual(queue.counts(), counts(1, 0, 0));
      const again = await queue.pop();
      assert.equal(again?.attempts, 2);
      assert.equal(again?.gatedBy, '');
    });
  }

  test('a pod activated during its scheduling cycle goes to activeQ when the cycle puts it back', async () => {
    const { queue, preempting } = setup();
    queue.add(makePod('p'));
    const qpi = await queue.pop();
    assert.ok(qpi !== undefined);
    queue.activate(makePod('p')); // the preemption ended before the cycle did
    qpi.unschedulablePlugins = new Set(['NodeResourcesFit']);
    queue.addUnschedulable(qpi, queue.schedulingCycle());
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
    assert.equal(preempting.size, 0);
  });

  test('an activation waiting for a cycle is dropped when the pod is deleted', async () => {
    const { queue } = setup();
    queue.add(makePod('p'));
    const qpi = await queue.pop();
    assert.ok(qpi !== undefined);
    queue.activate(makePod('p'));
    queue.delete(makePod('p'));
    queue.add(makePod('p'));
    const again = await queue.pop();
    assert.ok(again !== undefined);
    again.unschedulablePlugins = new Set(['NodeResourcesFit']);
    queue.addUnschedulable(again, queue.schedulingCycle());
    assert.deepEqual(queue.counts(), counts(0, 0, 1), 'the new pod is put back as usual');
  });

  test('a pod in activeQ stays there', () => {
    const { queue } = setup();
    queue.add(makePod('p'));
    queue.activate(makePod('p'));
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });

  test('a pod still preempting is held again rather than activated', async () => {
    const { queue, preempting } = setup();
    queue.add(makePod('p'));
    await popAndPreempt(queue, preempting);
    queue.activate(makePod('p'));
    assert.deepEqual(queue.counts(), counts(0, 0, 0, 1));
  });
});

describe('SchedulingQueue backoff after a failed preemption', () => {
  test('a held preemptor goes to backoffQ, its backoff counted from the failure', async () => {
    const { clock, queue, preempting } = setup();
    queue.add(makePod('p'));
    await popAndPreempt(queue, preempting);
    clock.step(5000);
    queue.flushBackoff();
    assert.deepEqual(queue.counts(), counts(0, 0, 0, 1));
    preempting.delete('p');
    queue.backoff(makePod('p'));
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
    clock.step(999);
    queue.flushBackoff();
    assert.deepEqual(queue.counts(), counts(0, 1, 0), 'still backing off');
    clock.step(1);
    queue.flushBackoff();
    assert.deepEqual(queue.counts(), counts(1, 0, 0));
  });

  test('a preemptor whose preemption failed during its cycle goes to backoffQ when the cycle puts it back', async () => {
    const { queue } = setup();
    queue.add(makePod('p'));
    const qpi = await queue.pop();
    assert.ok(qpi !== undefined);
    queue.backoff(makePod('p'));
    qpi.unschedulablePlugins = new Set(['NodeResourcesFit']);
    queue.addUnschedulable(qpi, queue.schedulingCycle());
    assert.deepEqual(queue.counts(), counts(0, 1, 0));
  });
});
