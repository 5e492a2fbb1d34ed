import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code } from '../../framework/status.js';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering.js';
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

const zoned = (name: string, zone: string, extra: Record<string, string> = {}): Node =>
  node(name, { zone, node: name, ...extra });
const on = (name: string, nodeName: string, labels: Record<string, string> = { foo: '' }, namespace?: string): Pod =>
  pod(name, { node: nodeName, labels, ...(namespace ? { namespace } : {}) });
const fourNodes = [
  zoned('node-a', 'zone1'),
  zoned('node-b', 'zone1'),
  zoned('node-x', 'zone2'),
  zoned('node-y', 'zone2'),
];
/** Matching pods spread over node-a/b/x/y as 2/1/0/3. */
const twoOneZeroThree = [
  on('p-a1', 'node-a'),
  on('p-a2', 'node-a'),
  on('p-b1', 'node-b'),
  on('p-y1', 'node-y'),
  on('p-y2', 'node-y'),
  on('p-y3', 'node-y'),
];
const abc = [
  node('node-a', { node: 'node-a' }),
  node('node-b', { node: 'node-b' }),
  node('node-c', { node: 'node-c' }),
];
const twoTwoOne = [
  on('p-a1', 'node-a'),
  on('p-a2', 'node-a'),
  on('p-b1', 'node-b'),
  on('p-b2', 'node-b'),
  on('p-c1', 'node-c'),
];
const zonesTwoOne = [on('p-b1', 'node-a'), on('p-b2', 'node-b'), on('p-y1', 'node-y')];
const fooNodes = (taintY = false): Node[] => [
  node('node-a', { node: 'node-a', foo: '' }),
  node('node-b', { node: 'node-b', foo: '' }),
  node('node-x', { node: 'node-x', foo: '' }),
  taintY ? node('node-y', { node: 'node-y' }, [unschedulableTaint]) : node('node-y', { node: 'node-y' }),
];
const oneOneZeroOne = [on('p-b1', 'node-a'), on('p-b2', 'node-b'), on('p-y1', 'node-y')];
const ignoreAffinity = { nodeAffinityPolicy: 'Ignore' } as const;
const honorTaints = { nodeTaintsPolicy: 'Honor' } as const;

const S = Code.Success;
const U = Code.Unschedulable;
const UU = Code.UnschedulableAndUnresolvable;

interface Case {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  readonly existing?: readonly Pod[];
  readonly want: Readonly<Record<string, Code>>;
}

const oneZone = (labels: Record<string, string> = { foo: '' }) =>
  pod('p', { labels, constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)] });

const singleConstraint: Case[] = [
  {
    name: 'every node fits when there are no pods',
    pod: oneZone(),
    nodes: fourNodes,
    want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
  },
  {
    name: 'every node fits when there are no pods and the pod does not match itself',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', barSelector)] }),
    nodes: fourNodes,
    want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
  },
  {
    name: 'pods of another namespace do not count',
    pod: oneZone(),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: '' }, 'ns1'),
      on('p-b1', 'node-a', { foo: '' }, 'ns2'),
      on('p-x1', 'node-x'),
      on('p-y1', 'node-y'),
    ],
    want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
  },
  {
    name: 'no existing pod matches a null selector',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', null)] }),
    nodes: fourNodes,
    existing: [on('p-x1', 'node-x'), on('p-y1', 'node-y')],
    want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
  },
  {
    name: 'pods spread 3/3 across zones leave every node fitting',
    pod: oneZone(),
    nodes: fourNodes,
    existing: twoOneZeroThree,
    want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
  },
  {
    name: 'a node without the zone label is unresolvable and its pods are not counted',
    pod: oneZone(),
    nodes: [
      zoned('node-a', 'zone1'),
      node('node-b', { zon: 'zone1', node: 'node-b' }),
      zoned('node-x', 'zone2'),
      zoned('node-y', 'zone2'),
    ],
    existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x'), on('p-y1', 'node-y')],
    want: { 'node-a': S, 'node-b': UU, 'node-x': U, 'node-y': U },
  },
  {
    name: 'no node fits when none has the topology key',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'rack', 'DoNotSchedule', fooSelector)] }),
    nodes: [zoned('node-a', 'zone1'), zoned('node-x', 'zone2')],
    want: { 'node-a': UU, 'node-x': UU },
  },
  {
    name: 'pods spread 2/1/0/3 across nodes leave only the empty node fitting',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)] }),
    nodes: fourNodes,
    existing: twoOneZeroThree,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'pods spread 2/1/0/3 across nodes with maxSkew 2 leave node-b and node-x fitting',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(2, 'node', 'DoNotSchedule', fooSelector)] }),
    nodes: fourNodes,
    existing: twoOneZeroThree,
    want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
  },
  {
    name: 'a pod that does not match itself may go where it keeps the skew',
    pod: pod('p', { labels: { bar: '' }, constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)] }),
    nodes: fourNodes,
    existing: twoOneZeroThree,
    want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
  },
  {
    name: 'with node affinity only the chosen nodes count, so node-a fits',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'node', operator: 'In', values: ['node-a', 'node-y'] },
      constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fourNodes,
    existing: twoOneZeroThree,
    // node-b and node-x would fail NodeAffinity; this plugin alone lets them through.
    want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': U },
  },
  {
    name: 'terminating pods are not counted',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)] }),
    nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })],
    existing: [pod('p-a', { node: 'node-a', labels: { foo: '' }, terminating: true }), on('p-b', 'node-b')],
    want: { 'node-a': S, 'node-b': U },
  },
  {
    name: 'with node affinity excluding node-b, pods spread 0/~2~/0/1 leave node-a fitting',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'node', operator: 'NotIn', values: ['node-b'] },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fourNodes,
    existing: [on('p-b1', 'node-b'), on('p-b2', 'node-b'), on('p-y1', 'node-y')],
    want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
  },
  {
    name: 'fewer domains than minDomains make the global minimum 0, so only the emptiest node fits',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 4 })],
    }),
    nodes: abc,
    existing: twoTwoOne,
    want: { 'node-a': U, 'node-b': U, 'node-c': S },
  },
  {
    name: 'more domains than minDomains keep the real global minimum, so every node fits',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 2 })],
    }),
    nodes: abc,
    existing: twoTwoOne,
    want: { 'node-a': S, 'node-b': S, 'node-c': S },
  },
  {
    name: 'two zones against minDomains 3 leave only the lighter zone fitting',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 })],
    }),
    nodes: fourNodes,
    existing: zonesTwoOne,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
  },
  {
    name: 'two zones against minDomains 1 leave every node fitting',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 1 })],
    }),
    nodes: fourNodes,
    existing: zonesTwoOne,
    want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
  },
  {
    name: 'nodeAffinityPolicy Honor with a nodeSelector leaves the unselected node uncounted',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fooNodes(),
    existing: oneOneZeroOne,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
  },
  {
    name: 'nodeAffinityPolicy Ignore with a nodeSelector counts every node',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity)],
    }),
    nodes: fooNodes(),
    existing: oneOneZeroOne,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'nodeAffinityPolicy Honor with required node affinity leaves the unselected node uncounted',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'foo', operator: 'In', values: [''] },
      constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fooNodes(),
    existing: oneOneZeroOne,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
  },
  {
    name: 'nodeAffinityPolicy Ignore with required node affinity counts every node',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'foo', operator: 'In', values: [''] },
      constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity)],
    }),
    nodes: fooNodes(),
    existing: oneOneZeroOne,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'nodeTaintsPolicy Honor leaves the untolerated tainted node uncounted',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector, honorTaints)] }),
    nodes: fooNodes(true),
    existing: oneOneZeroOne,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
  },
  {
    name: 'nodeTaintsPolicy Ignore counts the tainted node',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'node', 'DoNotSchedule', fooSelector)] }),
    nodes: fooNodes(true),
    existing: oneOneZeroOne,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
];

const zoneAndNode = (labels: Record<string, string>, zoneSel = fooSelector, nodeSel = fooSelector) =>
  pod('p', {
    labels,
    constraints: [spread(1, 'zone', 'DoNotSchedule', zoneSel), spread(1, 'node', 'DoNotSchedule', nodeSel)],
  });
const fooZoned = (taintY: boolean, fooB = true): Node[] => [
  zoned('node-a', 'zone1', { foo: '' }),
  fooB ? zoned('node-b', 'zone1', { foo: '' }) : zoned('node-b', 'zone1'),
  zoned('node-x', 'zone2', { foo: '' }),
  taintY
    ? node('node-y', { zone: 'zone2', node: 'node-y', ...(fooB ? {} : { foo: '' }) }, [unschedulableTaint])
    : zoned('node-y', 'zone2'),
];
const abY = [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-y1', 'node-y')];

const multipleConstraints: Case[] = [
  {
    name: 'zone and node constraints over spreads [3/3, 2/1/0/3] intersect at node-x',
    pod: zoneAndNode({ foo: '' }),
    nodes: fourNodes,
    existing: twoOneZeroThree,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'zone and node constraints over spreads [3/4, 2/1/0/4] leave no node',
    pod: zoneAndNode({ foo: '' }),
    nodes: fourNodes,
    existing: [...twoOneZeroThree, on('p-y4', 'node-y')],
    want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
  },
  {
    name: 'constraints with different selectors over spreads [1/0, 1/0/0/1] intersect at node-x',
    pod: zoneAndNode({ foo: '', bar: '' }, fooSelector, barSelector),
    nodes: fourNodes,
    existing: [on('p-a1', 'node-a', { foo: '' }), on('p-y1', 'node-y', { bar: '' })],
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'constraints with different selectors over spreads [1/0, 0/0/1/1] leave no node',
    pod: zoneAndNode({ foo: '', bar: '' }, fooSelector, barSelector),
    nodes: fourNodes,
    existing: [on('p-a1', 'node-a', { foo: '' }), on('p-x1', 'node-x', { bar: '' }), on('p-y1', 'node-y', { bar: '' })],
    want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
  },
  {
    name: 'constraints with different selectors over spreads [2/3, 1/0/0/1] intersect at node-b',
    pod: zoneAndNode({ foo: '', bar: '' }, fooSelector, barSelector),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: '' }),
      on('p-a2', 'node-a', { foo: '', bar: '' }),
      on('p-y1', 'node-y', { foo: '' }),
      on('p-y2', 'node-y', { foo: '', bar: '' }),
      on('p-y3', 'node-y', { foo: '' }),
    ],
    want: { 'node-a': U, 'node-b': S, 'node-x': U, 'node-y': U },
  },
  {
    name: 'a pod not matching its zone constraint is held only by its node constraint',
    pod: zoneAndNode({ bar: '' }, fooSelector, barSelector),
    nodes: fourNodes,
    existing: [on('p-a1', 'node-a', { foo: '' }), on('p-x1', 'node-x', { bar: '' }), on('p-y1', 'node-y', { bar: '' })],
    want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
  },
  {
    name: 'a node missing the node label is unresolvable while the others are judged by both constraints',
    pod: zoneAndNode({ foo: '' }),
    nodes: [
      zoned('node-a', 'zone1'),
      zoned('node-b', 'zone1'),
      node('node-x', { zone: 'zone2' }),
      zoned('node-y', 'zone2'),
    ],
    existing: [on('p-a1', 'node-a'), on('p-y3', 'node-y')],
    want: { 'node-a': U, 'node-b': S, 'node-x': UU, 'node-y': U },
  },
  {
    name: 'inclusion policies per constraint: zone honor/ignore, node ignore/ignore',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', fooSelector),
        spread(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity),
      ],
    }),
    nodes: fooZoned(false),
    existing: abY,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'inclusion policies per constraint: zone honor/honor, node honor/ignore',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', fooSelector, honorTaints),
        spread(1, 'node', 'DoNotSchedule', fooSelector),
      ],
    }),
    nodes: fooZoned(true),
    existing: abY,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'inclusion policies per constraint: both honor/ignore',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fooZoned(true, false),
    existing: abY,
    want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
  },
  {
    name: 'inclusion policies per constraint: zone honor/honor, node ignore/ignore',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', fooSelector, honorTaints),
        spread(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity),
      ],
    }),
    nodes: fooZoned(true, false),
    existing: abY,
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
  },
  {
    name: 'two zone constraints over spreads [3/3, 2/1] leave zone2',
    pod: pod('p', {
      labels: { foo: '', bar: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', barSelector), spread(1, 'zone', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: '', bar: '' }),
      on('p-a2', 'node-a', { foo: '' }),
      on('p-b1', 'node-b', { foo: '', bar: '' }),
      on('p-y1', 'node-y', { foo: '' }),
      on('p-y2', 'node-y', { foo: '', bar: '' }),
      on('p-y3', 'node-y', { foo: '' }),
    ],
    want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
  },
  {
    name: 'two zone constraints over spreads [3/4, 2/1] leave no node',
    pod: pod('p', {
      labels: { foo: '', bar: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', barSelector), spread(1, 'zone', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: '', bar: '' }),
      on('p-a2', 'node-a', { foo: '' }),
      on('p-b1', 'node-b', { foo: '', bar: '' }),
      on('p-y1', 'node-y', { foo: '' }),
      on('p-y2', 'node-y', { foo: '', bar: '' }),
      on('p-y3', 'node-y', { foo: '' }),
      on('p-y4', 'node-y', { foo: '' }),
    ],
    want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
  },
];

const REASONS: Partial<Record<Code, string>> = {
  [Code.Unschedulable]: ERR_REASON_CONSTRAINTS_NOT_MATCH,
  [Code.UnschedulableAndUnresolvable]: ERR_REASON_NODE_LABEL_NOT_MATCH,
};

function run(c: Case): void {
  const infos = nodeInfos(c.nodes, c.existing ?? []);
  const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith(infos));
  const state = new CycleState();
  assert.equal(plugin.preFilter(state, c.pod, infos).status.code, Code.Success);
  const got: Record<string, Code> = {};
  for (const info of infos) {
    const status = plugin.filter(state, c.pod, info);
    got[info.name] = status.code;
    const reason = REASONS[status.code];
    if (reason !== undefined) assert.deepEqual(status.reasons, [reason], info.name);
  }
  assert.deepEqual(got, c.want);
}

describe('PodTopologySpread Filter with one constraint', () => {
  for (const c of singleConstraint) test(c.name, () => run(c));
});

describe('PodTopologySpread Filter with several constraints', () => {
  for (const c of multipleConstraints) test(c.name, () => run(c));
});

describe('PodTopologySpread Filter without PreFilter', () => {
  test('reports an error naming the missing state', () => {
    const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith([]));
    const status = plugin.filter(new CycleState(), pod('p'), nodeInfos([node('n', {})])[0]!);
    assert.equal(status.code, Code.Error);
    assert.deepEqual(status.reasons, ['reading "PreFilterPodTopologySpread" from cycleState: not found']);
  });
});

describe('PodTopologySpread reasons', () => {
  test('carry upstream wording', () => {
    assert.equal(ERR_REASON_CONSTRAINTS_NOT_MATCH, "node(s) didn't match pod topology spread constraints");
    assert.equal(
      ERR_REASON_NODE_LABEL_NOT_MATCH,
      "node(s) didn't match pod topology spread constraints (missing required label)",
    );
  });
});
