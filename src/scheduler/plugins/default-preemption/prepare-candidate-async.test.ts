import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code } from '../../framework/status.js';
import { NOT_ELIGIBLE_TERMINATING } from './eligibility.js';
import {
  HeldActions,
  preemptor,
  RecordingActions,
  RecordingPreemptions,
  setupPlugin,
  statusesOf,
  victim,
} from './preemption-fixtures.js';

const HIGH = 1000;

/** node1 allows one pod, so both pods on it must go for the preemptor to fit. */
const node1 = { name: 'node1', pods: '1' };
const twoVictims = (a: { terminating?: boolean } = {}, b: { terminating?: boolean } = {}): Pod[] => [
  victim('a', { node: 'node1', priority: 0, start: 10, ...a }),
  victim('b', { node: 'node1', priority: 1, start: 10, ...b }),
];
const nominatedTo = (pod: Pod, node: string): Pod => ({ ...pod, status: { ...pod.status, nominatedNodeName: node } });
const eventsOf = (recorded: { object: Pod; reason: string }[]): string[] =>
  recorded.map((e) => `${e.object.metadata?.name} ${e.reason}`).sort();

describe('DefaultPreemption asynchronous preemption', () => {
  test('postFilter nominates the node before any eviction has ended; the preemption runs in flight until they have', async () => {
    const actions = new HeldActions();
    const inFlight = new RecordingPreemptions();
    const { plugin, handle } = setupPlugin({
      nodes: [node1],
      pods: twoVictims(),
      actions,
      handle: { preemptions: inFlight },
    });
    const { status, result } = await plugin.postFilter(new CycleState(), preemptor('p', HIGH), statusesOf(['node1']));
    assert.equal(status.code, Code.Success);
    assert.equal(result?.nominatedNodeName, 'node1');
    assert.deepEqual(inFlight.started, ['p on node1: b, a']);
    await tick();
    assert.deepEqual(actions.sent, ['b', 'a'], 'both evictions were sent');
    assert.deepEqual(actions.preempted, [], 'and none has ended');
    assert.deepEqual(handle.events.recorded, []);
    actions.release();
    assert.equal(await inFlight.ends[0], undefined, 'the preemption ended without a failure');
    assert.deepEqual([...actions.preempted].sort(), ['a', 'b']);
    assert.deepEqual(eventsOf(handle.events.recorded), ['a Preempted', 'b Preempted']);
  });

  const victimCases: {
    name: string;
    pods: Pod[];
    /** Victims another running preemption is evicting. */
    inFlightVictims?: string[];
    started: string[];
    preempted: string[];
  }[] = [
    {
      name: 'a victim already being deleted gets no second call and is not waited for',
      pods: twoVictims({ terminating: true }),
      started: ['p on node1: b'],
      preempted: ['b'],
    },
    {
      name: 'a victim another running preemption is evicting gets no second call',
      pods: twoVictims(),
      inFlightVictims: ['a'],
      started: ['p on node1: b'],
      preempted: ['b'],
    },
    {
      name: 'with every victim already on its way out nothing is started, and the node is still nominated',
      pods: twoVictims({ terminating: true }, { terminating: true }),
      started: [],
      preempted: [],
    },
  ];
  for (const c of victimCases) {
    test(c.name, async () => {
      const actions = new RecordingActions();
      const inFlight = new RecordingPreemptions(new Set(), new Set(c.inFlightVictims ?? []));
      const { plugin } = setupPlugin({ nodes: [node1], pods: c.pods, actions, handle: { preemptions: inFlight } });
      const { status, result } = await plugin.postFilter(new CycleState(), preemptor('p', HIGH), statusesOf(['node1']));
      assert.equal(status.code, Code.Success);
      assert.equal(result?.nominatedNodeName, 'node1');
      assert.deepEqual(inFlight.started, c.started);
      await Promise.all(inFlight.ends);
      assert.deepEqual([...actions.preempted].sort(), c.preempted);
    });
  }

  test('a failed eviction stops those not yet sent, clears the preemptor’s nomination and ends the preemption with the failure', async () => {
    const actions = new RecordingActions(new Set(['b']));
    const inFlight = new RecordingPreemptions();
    const { plugin, handle } = setupPlugin({
      nodes: [node1],
      pods: twoVictims(),
      actions,
      handle: { preemptions: inFlight },
      maxConcurrentEvictions: 1,
    });
    const { status } = await plugin.postFilter(new CycleState(), preemptor('p', HIGH), statusesOf(['node1']));
    assert.equal(status.code, Code.Success, 'the cycle does not wait to learn of the failure');
    assert.equal(await inFlight.ends[0], 'pods "b" is forbidden');
    assert.deepEqual(actions.preempted, [], "'a' was never sent");
    assert.deepEqual(actions.cleared, ['p']);
    assert.deepEqual(handle.events.recorded, []);
  });

  test('lower-priority pods nominated to the node lose their nomination, others keep it', async () => {
    const actions = new RecordingActions();
    const inFlight = new RecordingPreemptions();
    const { plugin } = setupPlugin({
      nodes: [node1],
      pods: twoVictims(),
      actions,
      handle: { preemptions: inFlight },
      nominated: {
        node1: [nominatedTo(preemptor('lower', HIGH - 1), 'node1'), nominatedTo(preemptor('equal', HIGH), 'node1')],
      },
    });
    await plugin.postFilter(new CycleState(), preemptor('p', HIGH), statusesOf(['node1']));
    assert.equal(await inFlight.ends[0], undefined);
    assert.deepEqual(actions.cleared, ['lower']);
  });

  test('evictions across preemptions run at most maxConcurrentEvictions at a time', async () => {
    const actions = new HeldActions();
    const inFlight = new RecordingPreemptions();
    const nodes = ['node1', 'node2'].map((name) => ({ name }));
    // 1 cpu per node, three 300m pods on each: a 1-cpu preemptor needs all three gone.
    const pods = nodes.flatMap((n) =>
      ['x', 'y', 'z'].map((v) => victim(`${n.name}-${v}`, { node: n.name, cpu: '300m' })),
    );
    const { plugin } = setupPlugin({
      nodes,
      pods,
      actions,
      handle: { preemptions: inFlight },
      maxConcurrentEvictions: 2,
    });
    await plugin.postFilter(new CycleState(), preemptor('p1', HIGH, '1'), statusesOf(['node1']));
    await plugin.postFilter(new CycleState(), preemptor('p2', HIGH, '1'), statusesOf(['node2']));
    await tick();
    assert.deepEqual(inFlight.started, [
      'p1 on node1: node1-x, node1-y, node1-z',
      'p2 on node2: node2-x, node2-y, node2-z',
    ]);
    assert.equal(actions.sent.length, 2, 'two sent, four waiting');
    actions.release();
    await Promise.all(inFlight.ends);
    assert.equal(actions.preempted.length, 6);
    assert.equal(actions.maxActive, 2);
  });
});

describe('DefaultPreemption eligibility with preemptions in flight', () => {
  const cases: { name: string; pod: Pod; preempting?: string[]; victims?: string[]; eligible: boolean }[] = [
    {
      name: 'a pod whose preemption still runs does not preempt again',
      pod: preemptor('p', HIGH),
      preempting: ['p'],
      eligible: false,
    },
    {
      name: 'a pod nominated to a node where victims’ evictions are in flight waits for them',
      pod: nominatedTo(preemptor('p', HIGH), 'node1'),
      victims: ['a'],
      eligible: false,
    },
    {
      name: 'in-flight victims on a node the pod is not nominated to do not hold it back',
      pod: preemptor('p', HIGH),
      victims: ['a'],
      eligible: true,
    },
    {
      name: 'a nominated pod without evictions in flight on its node may preempt',
      pod: nominatedTo(preemptor('p', HIGH), 'node1'),
      eligible: true,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const inFlight = new RecordingPreemptions(new Set(c.preempting ?? []), new Set(c.victims ?? []));
      const { plugin } = setupPlugin({ nodes: [node1], pods: twoVictims(), handle: { preemptions: inFlight } });
      const { status, result } = await plugin.postFilter(new CycleState(), c.pod, statusesOf(['node1']));
      if (c.eligible) {
        assert.equal(status.code, Code.Success);
        assert.equal(result?.nominatedNodeName, 'node1');
      } else {
        assert.equal(status.code, Code.Unschedulable);
        assert.equal(status.message(), `preemption: ${NOT_ELIGIBLE_TERMINATING}`);
        assert.equal(result, undefined, 'the nomination is kept');
        assert.deepEqual(inFlight.started, []);
      }
    });
  }
});
