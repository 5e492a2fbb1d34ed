import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { Snapshot } from '../../framework/snapshot.js';
import { Status } from '../../framework/status.js';
import { makeNode, makeNodeInfo } from '../../testing/builders.js';
import { ineligibilityReason, NOT_ELIGIBLE_NEVER, NOT_ELIGIBLE_TERMINATING } from './eligibility.js';
import { preemptor, victim } from './preemption-fixtures.js';

function nominated(pod: Pod, node: string): Pod {
  return { ...pod, status: { ...pod.status, nominatedNodeName: node } };
}

function preempted(pod: Pod): Pod {
  const condition = { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' };
  return { ...pod, status: { ...pod.status, conditions: [condition] } };
}

describe('ineligibilityReason', () => {
  const terminatingVictim = preempted(victim('v', { node: 'n1', priority: 0, terminating: true }));
  const cases: { name: string; pod: Pod; onNode: Pod[]; status?: Status; want: string | undefined }[] = [
    { name: 'a pod without a nomination may preempt', pod: preemptor('p', 100), onNode: [], want: undefined },
    {
      name: 'a pod with preemptionPolicy Never may not',
      pod: preemptor('p', 100, undefined, { preemptionPolicy: 'Never' }),
      onNode: [],
      want: NOT_ELIGIBLE_NEVER,
    },
    {
      name: 'a pod whose earlier victim is still terminating on its nominated node may not preempt again',
      pod: nominated(preemptor('p', 100), 'n1'),
      onNode: [terminatingVictim],
      status: Status.unschedulable('Insufficient cpu'),
      want: NOT_ELIGIBLE_TERMINATING,
    },
    {
      name: 'a terminating pod that was not preempted does not hold the pod back',
      pod: nominated(preemptor('p', 100), 'n1'),
      onNode: [victim('v', { node: 'n1', priority: 0, terminating: true })],
      status: Status.unschedulable('Insufficient cpu'),
      want: undefined,
    },
    {
      name: 'a terminating victim of equal priority does not hold the pod back',
      pod: nominated(preemptor('p', 0), 'n1'),
      onNode: [terminatingVictim],
      status: Status.unschedulable('Insufficient cpu'),
      want: undefined,
    },
    {
      name: 'a nominated node that became unresolvable lets the pod preempt elsewhere',
      pod: nominated(preemptor('p', 100), 'n1'),
      onNode: [terminatingVictim],
      status: Status.unresolvable("node(s) didn't match Pod's node affinity/selector"),
      want: undefined,
    },
    {
      name: 'a nominated node Filter did not report counts as unresolvable',
      pod: nominated(preemptor('p', 100), 'n1'),
      onNode: [terminatingVictim],
      want: undefined,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const snapshot = new Snapshot([makeNodeInfo(makeNode('n1'), c.onNode)]);
      const statuses = new Map(c.status === undefined ? [] : [['n1', c.status]]);
      assert.equal(ineligibilityReason(c.pod, snapshot, statuses), c.want);
    });
  }
});
