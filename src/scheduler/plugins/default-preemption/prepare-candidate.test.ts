import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code } from '../../framework/status.js';
import { preemptor, RecordingActions, setupPlugin, statusesOf, victim } from './preemption-fixtures.js';

const HIGH = 1000;

function nominatedTo(pod: Pod, node: string): Pod {
  return { ...pod, status: { ...pod.status, nominatedNodeName: node } };
}

/** node1 allows one pod, so both pods on it must go for the preemptor to fit. */
const node1 = { name: 'node1', pods: '1' };
const twoVictims = (extra: { terminating?: boolean } = {}): Pod[] => [
  victim('a', { node: 'node1', priority: 0, start: 10, ...extra }),
  victim('b', { node: 'node1', priority: 1, start: 10 }),
];

describe('DefaultPreemption acting on the chosen node', () => {
  const cases: {
    name: string;
    pods: Pod[];
    actions?: RecordingActions;
    nominated?: Pod[];
    code: Code;
    message?: string;
    preempted: string[];
    events: string[];
    cleared?: string[];
  }[] = [
    {
      name: 'each victim is evicted and gets a Preempted event naming the preemptor and the node',
      pods: [victim('a', { node: 'node1', priority: 0 }), victim('b', { node: 'node1', priority: 1 })],
      code: Code.Success,
      preempted: ['b', 'a'],
      events: [
        'default/b Normal Preempted Preempted by pod uid-default-p on node node1',
        'default/a Normal Preempted Preempted by pod uid-default-p on node node1',
      ],
    },
    {
      name: 'a victim already being deleted is not evicted again',
      pods: twoVictims({ terminating: true }),
      code: Code.Success,
      preempted: ['b'],
      events: ['default/b Normal Preempted Preempted by pod uid-default-p on node node1'],
    },
    {
      name: 'a victim already gone gets no event',
      pods: twoVictims(),
      actions: new RecordingActions(new Set(), new Set(['a'])),
      code: Code.Success,
      preempted: ['b'],
      events: ['default/b Normal Preempted Preempted by pod uid-default-p on node node1'],
    },
    {
      name: 'a failed eviction makes preemption an Error without a nomination',
      pods: twoVictims(),
      actions: new RecordingActions(new Set(['a'])),
      code: Code.Error,
      message: 'preemption: pods "a" is forbidden',
      preempted: ['b'],
      events: ['default/b Normal Preempted Preempted by pod uid-default-p on node node1'],
    },
    {
      name: 'lower-priority pods nominated to the node lose their nomination, others keep it',
      pods: twoVictims(),
      nominated: [
        nominatedTo(preemptor('lower', HIGH - 1), 'node1'),
        nominatedTo(preemptor('equal', HIGH), 'node1'),
        nominatedTo(preemptor('higher', HIGH + 1), 'node1'),
      ],
      code: Code.Success,
      preempted: ['b', 'a'],
      events: [
        'default/b Normal Preempted Preempted by pod uid-default-p on node node1',
        'default/a Normal Preempted Preempted by pod uid-default-p on node node1',
      ],
      cleared: ['lower'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { plugin, handle, actions } = setupPlugin({
        nodes: [node1],
        pods: c.pods,
        ...(c.actions ? { actions: c.actions } : {}),
        ...(c.nominated ? { nominated: { node1: c.nominated } } : {}),
      });
      const pod = preemptor('p', HIGH);
      const { status, result } = await plugin.postFilter(new CycleState(), pod, statusesOf(['node1']));
      assert.equal(status.code, c.code);
      if (c.message !== undefined) assert.equal(status.message(), c.message);
      assert.equal(result?.nominatedNodeName, c.code === Code.Success ? 'node1' : undefined);
      assert.deepEqual([...actions.preempted].sort(), [...c.preempted].sort());
      const events = handle.events.recorded.map(
        (e) => `${e.object.metadata?.namespace}/${e.object.metadata?.name} ${e.type} ${e.reason} ${e.message}`,
      );
      assert.deepEqual(events.sort(), [...c.events].sort());
      for (const e of handle.events.recorded) assert.equal(e.object.kind, 'Pod');
      assert.deepEqual(actions.cleared, c.cleared ?? []);
    });
  }
});
