import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../../api/policy/v1/pod-disruption-budget.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interfaces.js';
import { Code, Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo } from '../../testing/builders.js';
import { compilePdbs } from './pdb-violation.js';
import { fitFilter, pdb, preemptor, victim } from './preemption-fixtures.js';
import { ERR_NO_VICTIMS, selectVictimsOnNode } from './select-victims.js';

const NODE = makeNode('n1', { allocatable: { cpu: '1', memory: '1Gi', pods: '10' } });
const web = { app: 'web' };
const v = (
  name: string,
  priority: number,
  cpu: string,
  extra: { start?: number; labels?: Record<string, string> } = {},
) => victim(name, { node: 'n1', priority, cpu, ...extra });

function run(pods: Pod[], pod: Pod, pdbs: PodDisruptionBudget[] = [], handle?: Handle) {
  const nodeInfo = makeNodeInfo(NODE, pods);
  const h = handle ?? makeHandle([nodeInfo], { filter: fitFilter });
  return selectVictimsOnNode(h, new CycleState(), pod, nodeInfo.clone(), compilePdbs(pdbs), Date.now());
}

describe('selectVictimsOnNode', () => {
  const cases: {
    name: string;
    pods: Pod[];
    pod: Pod;
    pdbs?: PodDisruptionBudget[];
    victims: string[];
    violations?: number;
    code?: Code;
    reason?: string;
  }[] = [
    {
      name: 'the lowest-priority pod is evicted and the others are reprieved',
      pods: [v('a', 0, '300m'), v('b', 10, '300m'), v('c', 20, '300m')],
      pod: preemptor('p', 100, '300m'),
      victims: ['a'],
    },
    {
      name: 'a big pod that must go is evicted alone while the smaller lower-priority ones stay',
      pods: [v('big', 10, '600m'), v('s1', 0, '200m'), v('s2', 0, '200m')],
      pod: preemptor('p', 100, '500m'),
      victims: ['big'],
    },
    {
      name: 'only as many victims as needed: several go when one is not enough',
      pods: [v('a', 0, '300m'), v('b', 1, '300m'), v('c', 2, '300m')],
      pod: preemptor('p', 100, '700m'),
      victims: ['b', 'a'],
    },
    {
      name: 'of two pods with equal priority the one started later goes first',
      pods: [v('old', 0, '500m', { start: 1 }), v('new', 0, '500m', { start: 2 })],
      pod: preemptor('p', 100, '500m'),
      victims: ['new'],
    },
    {
      name: 'pods of equal or higher priority are never victims',
      pods: [v('same', 100, '600m'), v('higher', 200, '300m')],
      pod: preemptor('p', 100, '500m'),
      victims: [],
      code: Code.UnschedulableAndUnresolvable,
      reason: ERR_NO_VICTIMS,
    },
    {
      name: 'when the pod does not fit even without every lower-priority pod, the Filter status is returned',
      pods: [v('high', 200, '800m'), v('low', 0, '100m')],
      pod: preemptor('p', 100, '500m'),
      victims: [],
      code: Code.Unschedulable,
      reason: 'Insufficient cpu',
    },
    {
      name: 'a pod protected by an exhausted budget is reprieved before a higher-priority unprotected one',
      pods: [v('guarded', 0, '500m', { labels: web }), v('free', 10, '500m')],
      pod: preemptor('p', 100, '500m'),
      pdbs: [pdb('web', web, 0)],
      victims: ['free'],
      violations: 0,
    },
    {
      name: 'without the budget the lower-priority pod would be the victim',
      pods: [v('guarded', 0, '500m', { labels: web }), v('free', 10, '500m')],
      pod: preemptor('p', 100, '500m'),
      victims: ['guarded'],
      violations: 0,
    },
    {
      name: 'a protected pod that cannot be reprieved counts as a violation',
      pods: [v('guarded', 0, '600m', { labels: web })],
      pod: preemptor('p', 100, '500m'),
      pdbs: [pdb('web', web, 0)],
      victims: ['guarded'],
      violations: 1,
    },
    {
      name: 'victims from both groups are listed most important first',
      pods: [v('v1', 5, '400m', { labels: web }), v('v2', 10, '400m'), v('v3', 1, '200m')],
      pod: preemptor('p', 100, '1'),
      pdbs: [pdb('web', web, 0)],
      victims: ['v2', 'v1', 'v3'],
      violations: 1,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const got = run(c.pods, c.pod, c.pdbs);
      assert.equal(got.status.code, c.code ?? Code.Success);
      if (c.reason !== undefined) assert.deepEqual(got.status.reasons, [c.reason]);
      assert.deepEqual(
        got.victims.map((p) => p.metadata?.name),
        c.victims,
      );
      assert.equal(got.numPdbViolations, c.violations ?? 0);
    });
  }

  test('PreFilter extensions hear of every removal and every re-addition', () => {
    const pods = [v('a', 0, '300m'), v('b', 10, '300m'), v('c', 20, '300m')];
    const nodeInfo = makeNodeInfo(NODE, pods);
    const calls: string[] = [];
    const handle = override(makeHandle([nodeInfo], { filter: fitFilter }), {
      runPreFilterExtensionAddPod: (_s, _p, info) => (calls.push(`add ${info.pod.metadata?.name}`), Status.SUCCESS),
      runPreFilterExtensionRemovePod: (_s, _p, info) => (
        calls.push(`remove ${info.pod.metadata?.name}`),
        Status.SUCCESS
      ),
    });
    const got = run(pods, preemptor('p', 100, '300m'), [], handle);
    assert.deepEqual(
      got.victims.map((p) => p.metadata?.name),
      ['a'],
    );
    assert.deepEqual(calls, ['remove a', 'remove b', 'remove c', 'add c', 'add b', 'add a', 'remove a']);
  });

  test('a failing PreFilter extension makes the node an Error', () => {
    const pods = [v('a', 0, '300m')];
    const handle = override(makeHandle([makeNodeInfo(NODE, pods)], { filter: fitFilter }), {
      runPreFilterExtensionRemovePod: () => Status.unschedulable('running RemovePod on PreFilter plugin "x": boom'),
    });
    const got = run(pods, preemptor('p', 100, '300m'), [], handle);
    assert.equal(got.status.code, Code.Error);
    assert.equal(got.status.message(), 'running RemovePod on PreFilter plugin "x": boom');
  });
});

/** The handle with some members replaced (spreading it would call its throwing getters). */
function override(base: Handle, members: Partial<Handle>): Handle {
  return Object.assign(Object.create(base) as Handle, members);
}
