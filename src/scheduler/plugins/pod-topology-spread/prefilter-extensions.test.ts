import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import { newPodInfo } from '../../framework/pod-info.js';
import { Code } from '../../framework/status.js';
import { PRE_FILTER_STATE_KEY, PreFilterState } from './filtering.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import {
  barSelector,
  fooSelector,
  handleWith,
  node,
  nodeInfos,
  pod,
  spread,
  unschedulableTaint,
} from './test-fixtures.js';
import { expectConstraint, type PreFilterSummary, summarizePreFilter } from './test-summary.js';

const zoned = (name: string, zone: string, extra: Record<string, string> = {}): Node =>
  node(name, { zone, node: name, ...extra });
const on = (name: string, nodeName: string, labels: Record<string, string> = { foo: '' }, namespace?: string): Pod =>
  pod(name, { node: nodeName, labels, ...(namespace ? { namespace } : {}) });
const nodeConstraint = expectConstraint(1, 'node', fooSelector);
const zoneConstraint = expectConstraint(1, 'zone', fooSelector);
const byNode = (labels: Record<string, string> = { foo: '' }) =>
  pod('p', { labels, constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)] });
const byZone = (extra: Parameters<typeof pod>[1] = {}) =>
  pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)], ...extra });
const byZoneAndNode = (nodeSel = fooSelector, labels: Record<string, string> = { foo: '' }) =>
  pod('p', {
    labels,
    constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', nodeSel)],
  });
const affinityNodes = [zoned('node-a', 'zone1', { foo: 'bar' }), zoned('node-b', 'zone2', { foo: '' })];
const notInBar = { key: 'foo', operator: 'NotIn' as const, values: ['bar'] };
const MAX = 2147483647;

interface Case {
  readonly name: string;
  readonly preemptor: Pod;
  readonly nodes: readonly Node[];
  readonly existing?: readonly Pod[];
  /** The pod added or removed. */
  readonly changed: Pod;
  /** The node it is added to or removed from. */
  readonly nodeIndex: number;
  readonly want: PreFilterSummary;
}

const addCases: Case[] = [
  {
    name: 'adding to an empty cluster makes the other node the minimum',
    preemptor: byNode(),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1')],
    changed: on('p-a1', 'node-a'),
    nodeIndex: 0,
    want: {
      constraints: [nodeConstraint],
      paths: [
        [
          ['node-b', 0],
          ['node-a', 1],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 0 }],
    },
  },
  {
    name: 'adding to the minimum node evens the critical paths',
    preemptor: byNode(),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1')],
    existing: [on('p-b1', 'node-b')],
    changed: on('p-a1', 'node-a'),
    nodeIndex: 0,
    want: {
      constraints: [nodeConstraint],
      paths: [
        [
          ['node-a', 1],
          ['node-b', 1],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 1 }],
    },
  },
  {
    name: 'adding a pod of another namespace changes nothing',
    preemptor: byNode(),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1')],
    existing: [on('p-b1', 'node-b')],
    changed: on('p-a1', 'node-a', { foo: '' }, 'ns1'),
    nodeIndex: 0,
    want: {
      constraints: [nodeConstraint],
      paths: [
        [
          ['node-a', 0],
          ['node-b', 1],
        ],
      ],
      counts: [{ 'node-a': 0, 'node-b': 1 }],
    },
  },
  {
    name: 'adding to a non-critical node keeps the minimum',
    preemptor: byNode(),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1')],
    existing: [on('p-b1', 'node-b')],
    changed: on('p-b2', 'node-b'),
    nodeIndex: 1,
    want: {
      constraints: [nodeConstraint],
      paths: [
        [
          ['node-a', 0],
          ['node-b', 2],
        ],
      ],
      counts: [{ 'node-a': 0, 'node-b': 2 }],
    },
  },
  {
    name: 'adding to node-a moves the minimum of both zone and node',
    preemptor: byZoneAndNode(),
    nodes: [zoned('node-a', 'zone1'), zoned('node-x', 'zone2')],
    changed: on('p-a1', 'node-a'),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      paths: [
        [
          ['zone2', 0],
          ['zone1', 1],
        ],
        [
          ['node-x', 0],
          ['node-a', 1],
        ],
      ],
      counts: [
        { zone1: 1, zone2: 0 },
        { 'node-a': 1, 'node-x': 0 },
      ],
    },
  },
  {
    name: 'adding to node-a evens both zone and node',
    preemptor: byZoneAndNode(),
    nodes: [zoned('node-a', 'zone1'), zoned('node-x', 'zone2')],
    existing: [on('p-x1', 'node-x')],
    changed: on('p-a1', 'node-a'),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 1],
        ],
        [
          ['node-a', 1],
          ['node-x', 1],
        ],
      ],
      counts: [
        { zone1: 1, zone2: 1 },
        { 'node-a': 1, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'adding to node-a changes the node minimum while node-x keeps the zone minimum',
    preemptor: byZoneAndNode(),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2')],
    existing: [on('p-b1', 'node-b'), on('p-b2', 'node-b'), on('p-x1', 'node-x')],
    changed: on('p-a1', 'node-a'),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      paths: [
        [
          ['zone2', 1],
          ['zone1', 3],
        ],
        [
          ['node-a', 1],
          ['node-x', 1],
        ],
      ],
      counts: [
        { zone1: 3, zone2: 1 },
        { 'node-a': 1, 'node-b': 2, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'a pod matching only the zone selector changes only the zone counts',
    preemptor: byZoneAndNode(barSelector, { foo: '', bar: '' }),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2')],
    existing: [
      on('p-b1', 'node-b', { foo: '', bar: '' }),
      on('p-x1', 'node-x', { foo: '', bar: '' }),
      on('p-x2', 'node-x', { bar: '' }),
    ],
    changed: on('p-a1', 'node-a', { foo: '' }),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint, expectConstraint(1, 'node', barSelector)],
      paths: [
        [
          ['zone2', 1],
          ['zone1', 2],
        ],
        [
          ['node-a', 0],
          ['node-b', 1],
        ],
      ],
      counts: [
        { zone1: 2, zone2: 1 },
        { 'node-a': 0, 'node-b': 1, 'node-x': 2 },
      ],
    },
  },
  {
    name: 'a pod matching both selectors changes zone and node counts',
    preemptor: byZoneAndNode(barSelector, { foo: '', bar: '' }),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2')],
    existing: [
      on('p-b1', 'node-b', { bar: '' }),
      on('p-x1', 'node-x', { foo: '', bar: '' }),
      on('p-x2', 'node-x', { bar: '' }),
    ],
    changed: on('p-a1', 'node-a', { foo: '', bar: '' }),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint, expectConstraint(1, 'node', barSelector)],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 1],
        ],
        [
          ['node-a', 1],
          ['node-b', 1],
        ],
      ],
      counts: [
        { zone1: 1, zone2: 1 },
        { 'node-a': 1, 'node-b': 1, 'node-x': 2 },
      ],
    },
  },
  {
    name: 'adding to a node outside the preemptor node affinity changes nothing',
    preemptor: byZone({ nodeAffinity: notInBar }),
    nodes: affinityNodes,
    existing: [on('p-a2', 'node-a', { foo: '', zone: 'zone1' }), on('p-b1', 'node-b', { foo: '', zone: 'zone2' })],
    changed: on('p-a1', 'node-a', { foo: '', zone: 'zone1' }),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone2', 1],
          ['', MAX],
        ],
      ],
      counts: [{ zone2: 1 }],
    },
  },
  {
    name: 'adding to a node inside the preemptor node affinity counts',
    preemptor: byZone(),
    nodes: affinityNodes,
    existing: [on('p-a1', 'node-a', { foo: '', zone: 'zone1' }), on('p-b2', 'node-b', { foo: '', zone: 'zone2' })],
    changed: on('p-b1', 'node-b', { foo: '', zone: 'zone2' }),
    nodeIndex: 1,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 2],
        ],
      ],
      counts: [{ zone1: 1, zone2: 2 }],
    },
  },
  {
    name: 'adding a pod the selector does not match changes nothing',
    preemptor: byZone(),
    nodes: affinityNodes,
    existing: [on('p-a1', 'node-a', { foo: '', zone: 'zone1' }), on('p-b2', 'node-b', { foo: '', zone: 'zone2' })],
    changed: on('p-b1', 'node-b', { zone: 'zone2' }),
    nodeIndex: 1,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 1],
        ],
      ],
      counts: [{ zone1: 1, zone2: 1 }],
    },
  },
  {
    name: 'a tolerated taint does not keep the node out of the count',
    preemptor: byZone({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }] }),
    nodes: [node('node-a', { zone: 'zone1', node: 'node-a' }, [unschedulableTaint]), zoned('node-b', 'zone2')],
    existing: [on('p-a1', 'node-a', { foo: '', zone: 'zone1' }), on('p-b2', 'node-b', { foo: '', zone: 'zone2' })],
    changed: on('p-b1', 'node-b', { foo: '', zone: 'zone2' }),
    nodeIndex: 1,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 2],
        ],
      ],
      counts: [{ zone1: 1, zone2: 2 }],
    },
  },
  {
    name: 'an untolerated taint does not matter under nodeTaintsPolicy Ignore',
    preemptor: byZone(),
    nodes: [node('node-a', { zone: 'zone1', node: 'node-a' }, [unschedulableTaint]), zoned('node-b', 'zone2')],
    existing: [on('p-a1', 'node-a', { foo: '', zone: 'zone1' }), on('p-b2', 'node-b', { foo: '', zone: 'zone2' })],
    changed: on('p-b1', 'node-b', { foo: '', zone: 'zone2' }),
    nodeIndex: 1,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 2],
        ],
      ],
      counts: [{ zone1: 1, zone2: 2 }],
    },
  },
];

const threeNodes = [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2')];
const fourNodes = [...threeNodes, zoned('node-y', 'zone2')];
const removeCases: Case[] = [
  {
    name: 'removing from zone1 evens the zones',
    preemptor: byZone(),
    nodes: threeNodes,
    existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x')],
    changed: on('p-a1', 'node-a'),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 1],
        ],
      ],
      counts: [{ zone1: 1, zone2: 1 }],
    },
  },
  {
    name: 'removing from zone1 makes it the minimum',
    preemptor: byZone(),
    nodes: fourNodes,
    existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x'), on('p-y1', 'node-y')],
    changed: on('p-a1', 'node-a'),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 1],
          ['zone2', 2],
        ],
      ],
      counts: [{ zone1: 1, zone2: 2 }],
    },
  },
  {
    name: 'removing a pod the selector does not match changes nothing',
    preemptor: byZone(),
    nodes: fourNodes,
    existing: [
      on('p-a0', 'node-a', { bar: '' }),
      on('p-a1', 'node-a'),
      on('p-b1', 'node-b'),
      on('p-x1', 'node-x'),
      on('p-y1', 'node-y'),
    ],
    changed: on('p-a0', 'node-a', { bar: '' }),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 2],
          ['zone2', 2],
        ],
      ],
      counts: [{ zone1: 2, zone2: 2 }],
    },
  },
  {
    name: 'removing a pod that is not there but does not match changes nothing',
    preemptor: byZone(),
    nodes: fourNodes,
    existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x'), on('p-y1', 'node-y')],
    changed: on('p-a0', 'node-a', { bar: '' }),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone1', 2],
          ['zone2', 2],
        ],
      ],
      counts: [{ zone1: 2, zone2: 2 }],
    },
  },
  {
    name: 'removing from node-x updates both constraints',
    preemptor: byZoneAndNode(),
    nodes: threeNodes,
    existing: [
      on('p-a1', 'node-a'),
      on('p-a2', 'node-a'),
      on('p-b1', 'node-b'),
      on('p-x1', 'node-x'),
      on('p-x2', 'node-x'),
    ],
    changed: on('p-x1', 'node-x'),
    nodeIndex: 2,
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      paths: [
        [
          ['zone2', 1],
          ['zone1', 3],
        ],
        [
          ['node-b', 1],
          ['node-x', 1],
        ],
      ],
      counts: [
        { zone1: 3, zone2: 1 },
        { 'node-a': 2, 'node-b': 1, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'removing from a node outside the preemptor node affinity changes nothing',
    preemptor: byZone({ nodeAffinity: notInBar }),
    nodes: affinityNodes,
    existing: [on('p-a2', 'node-a', { foo: '', zone: 'zone1' }), on('p-b1', 'node-b', { foo: '', zone: 'zone2' })],
    changed: on('p-a1', 'node-a', { foo: '', zone: 'zone1' }),
    nodeIndex: 0,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone2', 1],
          ['', MAX],
        ],
      ],
      counts: [{ zone2: 1 }],
    },
  },
  {
    name: 'removing from a node inside the preemptor node affinity counts',
    preemptor: byZone(),
    nodes: affinityNodes,
    existing: [on('p-a1', 'node-a', { foo: '', zone: 'zone1' }), on('p-b2', 'node-b', { foo: '', zone: 'zone2' })],
    changed: on('p-b1', 'node-b', { foo: '', zone: 'zone2' }),
    nodeIndex: 1,
    want: {
      constraints: [zoneConstraint],
      paths: [
        [
          ['zone2', 0],
          ['zone1', 1],
        ],
      ],
      counts: [{ zone1: 1, zone2: 0 }],
    },
  },
];

function run(c: Case, action: 'addPod' | 'removePod'): void {
  const infos = nodeInfos(c.nodes, c.existing ?? []);
  const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith(infos));
  const state = new CycleState();
  assert.equal(plugin.preFilter(state, c.preemptor, infos).status.code, Code.Success);
  const status = plugin.preFilterExtensions[action](state, c.preemptor, newPodInfo(c.changed), infos[c.nodeIndex]!);
  assert.equal(status.code, Code.Success);
  const written = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
  assert.ok(written instanceof PreFilterState);
  assert.deepEqual(summarizePreFilter(written), c.want);
}

describe('PodTopologySpread PreFilter extension addPod', () => {
  for (const c of addCases) test(c.name, () => run(c, 'addPod'));
});

describe('PodTopologySpread PreFilter extension removePod', () => {
  for (const c of removeCases) test(c.name, () => run(c, 'removePod'));
});

describe('PodTopologySpread PreFilter state clone', () => {
  test('a clone changed by preemption leaves the original as it was', () => {
    const nodes = [zoned('node-a', 'zone1'), zoned('node-b', 'zone1')];
    const infos = nodeInfos(nodes, [on('p-b1', 'node-b')]);
    const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith(infos));
    const state = new CycleState();
    plugin.preFilter(state, byNode(), infos);
    const copy = state.clone();
    plugin.preFilterExtensions.removePod(copy, byNode(), newPodInfo(on('p-b1', 'node-b')), infos[1]!);
    const original = summarizePreFilter(state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!);
    const changed = summarizePreFilter(copy.read<PreFilterState>(PRE_FILTER_STATE_KEY)!);
    assert.deepEqual(original.counts, [{ 'node-a': 0, 'node-b': 1 }]);
    assert.deepEqual(changed.counts, [{ 'node-a': 0, 'node-b': 0 }]);
    assert.deepEqual(original.paths, [
      [
        ['node-a', 0],
        ['node-b', 1],
      ],
    ]);
  });

  test('a removed pod can make a node fit that did not', () => {
    const nodes = [zoned('node-a', 'zone1'), zoned('node-b', 'zone1')];
    const infos = nodeInfos(nodes, [on('p-a1', 'node-a')]);
    const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith(infos));
    const state = new CycleState();
    plugin.preFilter(state, byNode(), infos);
    assert.equal(plugin.filter(state, byNode(), infos[0]!).code, Code.Unschedulable);
    plugin.preFilterExtensions.removePod(state, byNode(), newPodInfo(on('p-a1', 'node-a')), infos[0]!);
    assert.equal(plugin.filter(state, byNode(), infos[0]!).code, Code.Success);
  });

  test('extensions have nothing to update for a pod PreFilter skipped', () => {
    const infos = nodeInfos([zoned('node-a', 'zone1')]);
    const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith(infos));
    const state = new CycleState();
    assert.equal(plugin.preFilter(state, pod('p'), infos).status.code, Code.Skip);
    const status = plugin.preFilterExtensions.addPod(state, pod('p'), newPodInfo(on('q', 'node-a')), infos[0]!);
    assert.equal(status.code, Code.Success);
  });
});
