import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../../api/policy/v1/pod-disruption-budget.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interfaces.js';
import { Code, Status } from '../../framework/status.js';
import { NAME } from './default-preemption.js';
import { type NodeSpec, pdb, preemptor, setupPlugin, statusesOf, victim } from './preemption-fixtures.js';

const [LOW, MID, HIGH, VERY_HIGH] = [0, 100, 1000, 10000];
const ONE_POD = { pods: '1' };
const violating = { pdb: 'violating' };
const nonViolating = { pdb: 'non-violating' };
const unresolvable = Status.unresolvable("node(s) didn't match Pod's node affinity/selector");
const failOnLabel = (label: string): Partial<Handle> => ({
  runPreFilterExtensionRemovePod: (_s, pod, _i, nodeInfo) =>
    nodeInfo.node?.metadata?.labels?.[label] === 'true'
      ? Status.error(`running RemovePod on PreFilter plugin "test-plugin": failed to remove pod: ${pod.metadata?.name}`)
      : Status.SUCCESS,
});

describe('DefaultPreemption postFilter', () => {
  const cases: {
    name: string;
    pod: Pod;
    nodes: NodeSpec[];
    pods: Pod[];
    pdbs?: PodDisruptionBudget[];
    statuses?: Map<string, Status>;
    args?: unknown;
    randomInt?: (n: number) => number;
    handle?: Partial<Handle>;
    code: Code;
    message?: string;
    /** undefined: no result; '' clears the nomination. */
    nominated?: string;
    preempted?: string[];
  }[] = [
    {
      name: 'a higher-priority pod makes room by evicting the lower-priority one',
      pod: preemptor('p', HIGH),
      nodes: [{ name: 'node1', ...ONE_POD }],
      pods: [victim('p1', { node: 'node1' })],
      code: Code.Success,
      nominated: 'node1',
      preempted: ['p1'],
    },
    {
      name: 'a pod of tied priority stays unschedulable',
      pod: preemptor('p', LOW),
      nodes: [{ name: 'node1', ...ONE_POD }],
      pods: [victim('p1', { node: 'node1' })],
      code: Code.Unschedulable,
      message: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
      nominated: '',
    },
    {
      name: 'nodes Filter found unresolvable are not tried',
      pod: preemptor('p', HIGH),
      nodes: [{ name: 'node1', ...ONE_POD }],
      pods: [victim('p1', { node: 'node1' })],
      statuses: statusesOf([], { node1: unresolvable }),
      code: Code.Unschedulable,
      message: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
      nominated: '',
    },
    {
      name: 'nodes Filter did not report count as unresolvable',
      pod: preemptor('p', HIGH),
      nodes: [{ name: 'node1', ...ONE_POD }],
      pods: [victim('p1', { node: 'node1' })],
      statuses: new Map(),
      code: Code.Unschedulable,
      message: 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
      nominated: '',
    },
    {
      name: 'only the node with a lower-priority pod is a candidate',
      pod: preemptor('p', MID),
      nodes: [
        { name: 'node1', ...ONE_POD },
        { name: 'node2', ...ONE_POD },
      ],
      pods: [victim('p1', { node: 'node1', priority: HIGH }), victim('p2', { node: 'node2', priority: LOW })],
      code: Code.Success,
      nominated: 'node2',
      preempted: ['p2'],
    },
    {
      name: 'with equal budget violations the node whose most important victim matters least wins',
      pod: preemptor('p', VERY_HIGH),
      nodes: [
        { name: 'node1', ...ONE_POD },
        { name: 'node2', ...ONE_POD },
      ],
      pods: [
        victim('p1', { node: 'node1', priority: HIGH, labels: nonViolating }),
        victim('p2', { node: 'node1', priority: LOW, labels: violating }),
        victim('p3', { node: 'node2', priority: MID, labels: violating }),
      ],
      pdbs: [pdb('violating-pdb', violating, 0), pdb('non-violating-pdb', nonViolating, 2147483647)],
      code: Code.Success,
      nominated: 'node2',
      preempted: ['p3'],
    },
    {
      name: 'a node whose victims violate no budget beats one with a lower-priority protected victim',
      pod: preemptor('p', VERY_HIGH),
      nodes: [
        { name: 'node1', ...ONE_POD },
        { name: 'node2', ...ONE_POD },
      ],
      pods: [
        victim('p1', { node: 'node1', priority: LOW, labels: violating }),
        victim('p2', { node: 'node2', priority: HIGH }),
      ],
      pdbs: [pdb('violating-pdb', violating, 0)],
      code: Code.Success,
      nominated: 'node2',
      preempted: ['p2'],
    },
    {
      name: 'no candidate when the pod lacks cpu even without lower-priority pods',
      pod: preemptor('p', HIGH, '300m'),
      nodes: [
        { name: 'node1', cpu: '200m' },
        { name: 'node2', cpu: '200m' },
      ],
      pods: [victim('p1', { node: 'node1' }), victim('p2', { node: 'node2' })],
      code: Code.Unschedulable,
      message: 'preemption: 0/2 nodes are available: 2 Insufficient cpu.',
      nominated: '',
    },
    {
      name: 'mixed reasons are counted and sorted',
      pod: preemptor('p', HIGH, '300m'),
      nodes: [
        { name: 'node1', ...ONE_POD },
        { name: 'node2', cpu: '200m' },
        { name: 'node3', ...ONE_POD },
      ],
      pods: [
        victim('p1', { node: 'node1', priority: HIGH }),
        victim('p2', { node: 'node2' }),
        victim('p3', { node: 'node3', priority: HIGH }),
      ],
      code: Code.Unschedulable,
      message:
        'preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
      nominated: '',
    },
    {
      name: 'unresolvable and unreported nodes are not helpful, tried ones give their reason',
      pod: preemptor('p', HIGH, '300m'),
      nodes: ['node1', 'node2', 'node3', 'node4'].map((name) => ({ name, cpu: '200m' })),
      pods: [victim('p1', { node: 'node1' }), victim('p2', { node: 'node2' })],
      statuses: statusesOf(['node1', 'node2'], { node4: unresolvable }),
      code: Code.Unschedulable,
      message: 'preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.',
      nominated: '',
    },
    {
      name: 'a pod with preemptionPolicy Never does not preempt',
      pod: preemptor('p', HIGH, undefined, { preemptionPolicy: 'Never' }),
      nodes: [{ name: 'node1', ...ONE_POD }],
      pods: [victim('p1', { node: 'node1' })],
      code: Code.Unschedulable,
      message: 'preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'a simulation error on the only node is an Error',
      pod: preemptor('p', HIGH, '300m'),
      nodes: [{ name: 'node1', cpu: '300m', labels: { error: 'true' } }],
      pods: [victim('p1', { node: 'node1' })],
      handle: failOnLabel('error'),
      code: Code.Error,
      message: 'preemption: running RemovePod on PreFilter plugin "test-plugin": failed to remove pod: p',
    },
    {
      name: 'a simulation error on one node does not stop preemption on another',
      pod: preemptor('p', HIGH, '300m'),
      nodes: [
        { name: 'node1', cpu: '300m', labels: { error: 'true' } },
        { name: 'node2', cpu: '300m' },
      ],
      pods: [victim('p1', { node: 'node1' }), victim('p2', { node: 'node2', cpu: '200m' })],
      handle: failOnLabel('error'),
      code: Code.Success,
      nominated: 'node2',
      preempted: ['p2'],
    },
    {
      name: 'the dry run stops once enough candidates are found, starting at the random offset',
      pod: preemptor('p', HIGH),
      nodes: ['node1', 'node2', 'node3'].map((name) => ({ name, ...ONE_POD })),
      pods: [
        victim('p1', { node: 'node1', priority: 30 }),
        victim('p2', { node: 'node2', priority: 20 }),
        victim('p3', { node: 'node3', priority: 10 }),
      ],
      args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 },
      randomInt: () => 1,
      code: Code.Success,
      nominated: 'node2',
      preempted: ['p2'],
    },
    {
      name: 'with enough candidates allowed the best node of all is found',
      pod: preemptor('p', HIGH),
      nodes: ['node1', 'node2', 'node3'].map((name) => ({ name, ...ONE_POD })),
      pods: [
        victim('p1', { node: 'node1', priority: 30 }),
        victim('p2', { node: 'node2', priority: 20 }),
        victim('p3', { node: 'node3', priority: 10 }),
      ],
      randomInt: () => 1,
      code: Code.Success,
      nominated: 'node3',
      preempted: ['p3'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { plugin, actions, nodeInfos } = setupPlugin({
        nodes: c.nodes,
        pods: c.pods,
        ...(c.pdbs ? { pdbs: c.pdbs } : {}),
        ...(c.args ? { args: c.args } : {}),
        ...(c.randomInt ? { randomInt: c.randomInt } : {}),
        ...(c.handle ? { handle: c.handle } : {}),
      });
      const statuses = c.statuses ?? statusesOf(c.nodes.map((n) => n.name));
      const podsBefore = nodeInfos.map((n) => n.pods.length);
      const { status, result } = await plugin.postFilter(new CycleState(), c.pod, statuses);
      assert.equal(status.code, c.code);
      if (c.message !== undefined) assert.equal(status.message(), c.message);
      assert.equal(result?.nominatedNodeName, c.nominated);
      assert.deepEqual(actions.preempted, c.preempted ?? []);
      assert.deepEqual(
        nodeInfos.map((n) => n.pods.length),
        podsBefore,
        'the snapshot is left as it was',
      );
    });
  }

  test('without nodes preemption is an Error', async () => {
    const { plugin } = setupPlugin({ nodes: [], pods: [] });
    const { status, result } = await plugin.postFilter(new CycleState(), preemptor('p', HIGH), new Map());
    assert.equal(status.code, Code.Error);
    assert.equal(status.message(), 'preemption: no nodes available');
    assert.equal(result, undefined);
  });

  test('the plugin is named as upstream names it and registers no events', () => {
    const { plugin } = setupPlugin({ nodes: [], pods: [] });
    assert.equal(plugin.name, 'DefaultPreemption');
    assert.equal(NAME, 'DefaultPreemption');
    assert.deepEqual(plugin.eventsToRegister(), []);
  });
});
