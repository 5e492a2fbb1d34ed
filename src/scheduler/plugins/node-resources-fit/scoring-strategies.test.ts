import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Snapshot } from '../../framework/snapshot.js';
import { Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { newNodeResourcesFit, type NodeResourcesFit } from './node-resources-fit.js';
import { brokenLinearFunction } from './scoring-strategies.js';

type Requests = Record<string, string>;
const EXT = 'abc.com/xyz';

let counter = 0;
/** A pod with one container per entry (none: no containers, so no non-zero defaults either). */
function pod(containers: Requests[], nodeName?: string): Pod {
  return makePod(`p${counter++}`, {
    ...(nodeName ? { nodeName } : {}),
    spec: { containers: containers.map((requests, i) => ({ name: `c${i}`, image: 'img', resources: { requests } })) },
  });
}
/** A node with the given allocatable (upstream's tests give cpu in cores: "4000" is 4000 cores). */
const node = (name: string, allocatable: Requests): Node => makeNode(name, { allocatable });

interface ScoreCase {
  readonly name: string;
  readonly args?: unknown;
  readonly pod: Pod;
  readonly nodes: Node[];
  readonly existing?: Pod[];
  readonly want: number[];
  /** Score without PreScore (the plugin computes the pod's requests itself). */
  readonly skipPreScore?: boolean;
}

function scores(c: ScoreCase): number[] {
  const p = newNodeResourcesFit(c.args, makeHandle([])) as NodeResourcesFit;
  const infos = c.nodes.map((n) =>
    makeNodeInfo(
      n,
      (c.existing ?? []).filter((e) => e.spec?.nodeName === n.metadata?.name),
    ),
  );
  const state = new CycleState();
  if (!c.skipPreScore) assert.equal(p.preScore(state, c.pod, infos), Status.SUCCESS);
  const got = infos.map((info) => p.score(state, c.pod, info));
  // Read from the nodes' rows of a snapshot's totals, the scores are the same (or left to score, for scalars).
  const totals = new Snapshot(infos).totals();
  const fromTotals = infos.map((_, i) => p.scoreTotals(state, totals, i));
  // With PreScore and the default resources (cpu and memory), every node's row answers.
  if (!c.skipPreScore && c.args === undefined) assert.ok(fromTotals.every((s) => s !== undefined));
  assert.deepEqual(
    fromTotals.map((s, i) => s ?? p.score(state, c.pod, infos[i] as NodeInfo)),
    got,
    'the scores from the totals',
  );
  return got;
}

/** Pairs written `x:y x:y …`, e.g. a shape `0:10 100:0`. */
const pairs = (text: string): [number, number][] =>
  text.split(' ').map((pair) => pair.split(':').map(Number) as [number, number]);
const toShape = (text: string) => pairs(text).map(([utilization, score]) => ({ utilization, score }));

const strategy = (type: string, resources?: { name: string; weight?: number }[], shape?: string) => ({
  scoringStrategy: {
    type,
    ...(resources ? { resources } : {}),
    ...(shape ? { requestedToCapacityRatio: { shape: toShape(shape) } } : {}),
  },
});
const cpuMemory = (cpu: string, memory: string): Requests => ({ cpu, memory });
const twoNodes = (cpu1: string, cpu2: string, memory = '10000') => [
  node('node1', cpuMemory(cpu1, memory)),
  node('node2', cpuMemory(cpu2, memory)),
];
const extendedResources = [{ name: 'cpu' }, { name: 'memory' }, { name: EXT }];

const leastAllocated: ScoreCase[] = [
  {
    name: 'empty nodes and a pod requesting nothing score 100',
    pod: pod([]),
    nodes: twoNodes('4000', '4000'),
    want: [100, 100],
  },
  {
    name: 'the node with more room left scores higher',
    pod: pod([cpuMemory('1000', '2000'), cpuMemory('2000', '3000')]),
    nodes: twoNodes('4000', '6000'),
    want: [37, 50],
  },
  {
    name: 'pods without containers take no room',
    pod: pod([]),
    nodes: twoNodes('4000', '4000'),
    existing: [pod([], 'node1'), pod([], 'node1'), pod([], 'node2'), pod([], 'node2')],
    want: [100, 100],
  },
  {
    name: 'existing requests lower the score',
    pod: pod([]),
    nodes: twoNodes('10000', '10000', '20000'),
    existing: [
      pod([cpuMemory('3000', '0')], 'node1'),
      pod([cpuMemory('3000', '0')], 'node1'),
      pod([cpuMemory('3000', '0')], 'node2'),
      pod([cpuMemory('3000', '5000')], 'node2'),
    ],
    want: [70, 57],
  },
  {
    name: 'existing and requested resources add up',
    pod: pod([cpuMemory('1000', '2000'), cpuMemory('2000', '3000')]),
    nodes: twoNodes('10000', '10000', '20000'),
    existing: [pod([cpuMemory('3000', '0')], 'node1'), pod([cpuMemory('3000', '5000')], 'node2')],
    want: [57, 45],
  },
  {
    name: 'differently sized nodes score by their share left',
    pod: pod([cpuMemory('1000', '2000'), cpuMemory('2000', '3000')]),
    nodes: [node('node1', cpuMemory('10000', '20000')), node('node2', cpuMemory('10000', '50000'))],
    existing: [pod([cpuMemory('3000', '0')], 'node1'), pod([cpuMemory('3000', '5000')], 'node2')],
    want: [57, 60],
  },
  {
    name: 'an over-committed resource scores 0',
    pod: pod([cpuMemory('3000', '0')]),
    nodes: twoNodes('4000', '4000'),
    existing: [pod([cpuMemory('3000', '0')], 'node1'), pod([cpuMemory('3000', '5000')], 'node2')],
    want: [50, 25],
  },
  {
    name: 'nodes without allocatable resources score 0',
    pod: pod([]),
    nodes: [node('node1', {}), node('node2', {})],
    existing: [pod([cpuMemory('3000', '0')], 'node1'), pod([cpuMemory('3000', '5000')], 'node2')],
    want: [0, 0],
  },
  {
    name: 'weights tilt the mean towards the heavier resource',
    args: strategy('LeastAllocated', [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ]),
    pod: pod([cpuMemory('1000', '2000'), cpuMemory('2000', '3000')]),
    nodes: twoNodes('4000', '6000'),
    want: [41, 50],
  },
  {
    name: 'an extended resource the pod does not request is left out',
    args: strategy('LeastAllocated', extendedResources),
    pod: pod([cpuMemory('1000', '2000'), cpuMemory('2000', '3000')]),
    nodes: [node('node1', cpuMemory('6000', '10000')), node('node2', { ...cpuMemory('6000', '10000'), [EXT]: '4' })],
    want: [50, 50],
  },
  {
    name: 'an extended resource the pod requests is scored',
    args: strategy('LeastAllocated', extendedResources),
    pod: pod([{ ...cpuMemory('3000', '5000'), [EXT]: '2' }]),
    nodes: [
      node('node1', { ...cpuMemory('6000', '10000'), [EXT]: '4' }),
      node('node2', { ...cpuMemory('6000', '10000'), [EXT]: '10' }),
    ],
    want: [50, 60],
  },
  {
    name: 'a resource the node does not have is left out',
    args: strategy('LeastAllocated', [{ name: EXT, weight: 2 }, { name: 'cpu' }, { name: 'memory' }]),
    pod: pod([cpuMemory('3000', '4000')]),
    nodes: [node('node1', cpuMemory('6000', '10000')), node('node2', { ...cpuMemory('6000', '10000'), [EXT]: '4' })],
    want: [55, 55],
  },
  {
    name: 'a container without requests counts the non-zero defaults of 100m cpu and 200Mi memory',
    pod: pod([{}]),
    nodes: [node('node1', cpuMemory('1', '1000Mi'))],
    want: [85],
  },
  {
    name: 'existing containers without requests count the non-zero defaults too',
    pod: pod([cpuMemory('100m', '200Mi')]),
    nodes: [node('node1', cpuMemory('1', '1000Mi')), node('node2', cpuMemory('1', '1000Mi'))],
    existing: [pod([{}], 'node1')],
    want: [70, 85],
  },
  {
    name: 'scores are the same without PreScore',
    pod: pod([cpuMemory('1000', '2000')]),
    nodes: twoNodes('4000', '6000'),
    existing: [pod([cpuMemory('2000', '4000')], 'node1'), pod([cpuMemory('1000', '2000')], 'node2')],
    want: [32, 63],
    skipPreScore: true,
  },
];

const mostAllocated: ScoreCase[] = [
  {
    name: 'the fuller node scores higher',
    args: strategy('MostAllocated'),
    pod: pod([cpuMemory('1000', '2000')]),
    nodes: twoNodes('4000', '6000'),
    existing: [pod([cpuMemory('2000', '4000')], 'node1'), pod([cpuMemory('1000', '2000')], 'node2')],
    want: [67, 36],
  },
  {
    name: 'empty nodes and a pod requesting nothing score 0',
    args: strategy('MostAllocated'),
    pod: pod([]),
    nodes: twoNodes('4000', '4000'),
    want: [0, 0],
  },
  {
    name: 'an over-committed resource counts as full',
    args: strategy('MostAllocated'),
    pod: pod([{}]),
    nodes: [node('node1', cpuMemory('100m', '100Mi'))],
    want: [100],
  },
  {
    name: 'weights tilt the mean towards the heavier resource',
    args: strategy('MostAllocated', [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ]),
    pod: pod([cpuMemory('1000', '2000'), cpuMemory('2000', '3000')]),
    nodes: twoNodes('4000', '6000'),
    want: [58, 50],
  },
  {
    name: 'scores are the same without PreScore',
    args: strategy('MostAllocated'),
    pod: pod([cpuMemory('1000', '2000')]),
    nodes: twoNodes('4000', '6000'),
    existing: [pod([cpuMemory('2000', '4000')], 'node1'), pod([cpuMemory('1000', '2000')], 'node2')],
    want: [67, 36],
    skipPreScore: true,
  },
];

const leastShape = '0:10 100:0';
const mostShape = '0:0 100:10';
const foo = 'intel.com/foo';
const bar = 'intel.com/bar';
const requestedToCapacityRatio: ScoreCase[] = [
  {
    name: 'a falling shape favors the emptier node',
    args: strategy('RequestedToCapacityRatio', undefined, leastShape),
    pod: pod([cpuMemory('3000', '5000')]),
    nodes: twoNodes('4000', '6000'),
    existing: [pod([cpuMemory('2000', '4000')], 'node1'), pod([cpuMemory('1000', '2000')], 'node2')],
    want: [10, 32],
  },
  {
    name: 'a rising shape favors the fuller node',
    args: strategy('RequestedToCapacityRatio', undefined, mostShape),
    pod: pod([cpuMemory('3000', '5000')]),
    nodes: twoNodes('4000', '6000'),
    existing: [pod([cpuMemory('2000', '4000')], 'node1'), pod([cpuMemory('1000', '2000')], 'node2')],
    want: [95, 68],
  },
  {
    name: 'scores are the same without PreScore',
    args: strategy('RequestedToCapacityRatio', undefined, leastShape),
    pod: pod([cpuMemory('3000', '5000')]),
    nodes: twoNodes('4000', '6000'),
    existing: [pod([cpuMemory('2000', '4000')], 'node1'), pod([cpuMemory('1000', '2000')], 'node2')],
    want: [10, 32],
    skipPreScore: true,
  },
  {
    name: 'nothing requested on empty nodes scores the top of a falling shape',
    args: strategy('RequestedToCapacityRatio', undefined, leastShape),
    pod: pod([]),
    nodes: twoNodes('4000', '4000'),
    existing: [pod([], 'node1'), pod([], 'node1')],
    want: [100, 100],
  },
  {
    name: 'the mean of the shape scores is rounded',
    args: strategy('RequestedToCapacityRatio', undefined, leastShape),
    pod: pod([cpuMemory('1000', '2000'), cpuMemory('2000', '3000')]),
    nodes: twoNodes('4000', '6000'),
    existing: [pod([], 'node1'), pod([], 'node1')],
    want: [38, 50],
  },
  {
    name: 'an extended resource the pod does not request scores nothing',
    args: strategy('RequestedToCapacityRatio', [{ name: foo }], '0:0 100:1'),
    pod: pod([]),
    nodes: [
      node('node1', { ...cpuMemory('4000', '10000Mi'), [foo]: '8' }),
      node('node2', { ...cpuMemory('4000', '10000Mi'), [foo]: '4' }),
    ],
    want: [0, 0],
  },
  {
    name: 'an extended resource scores by its utilization',
    args: strategy('RequestedToCapacityRatio', [{ name: foo }], '0:0 100:1'),
    pod: pod([{ [foo]: '2' }]),
    nodes: [
      node('node1', { ...cpuMemory('4000', '10000Mi'), [foo]: '8' }),
      node('node2', { ...cpuMemory('4000', '10000Mi'), [foo]: '4' }),
    ],
    existing: [pod([], 'node1')],
    want: [2, 5],
  },
  {
    name: 'an extended resource counts what other pods use',
    args: strategy('RequestedToCapacityRatio', [{ name: foo }], '0:0 100:1'),
    pod: pod([{ [foo]: '2' }]),
    nodes: [
      node('node1', { ...cpuMemory('4000', '10000Mi'), [foo]: '8' }),
      node('node2', { ...cpuMemory('4000', '10000Mi'), [foo]: '4' }),
    ],
    existing: [pod([{ [foo]: '2' }], 'node2')],
    want: [2, 10],
  },
  {
    name: 'several weighted extended resources are averaged',
    args: strategy(
      'RequestedToCapacityRatio',
      [
        { name: foo, weight: 3 },
        { name: bar, weight: 5 },
      ],
      '0:0 100:1',
    ),
    pod: pod([{ [foo]: '2', [bar]: '2' }]),
    nodes: [
      node('node1', { ...cpuMemory('4000', '10000Mi'), [foo]: '8', [bar]: '4' }),
      node('node2', { ...cpuMemory('4000', '10000Mi'), [foo]: '4', [bar]: '8' }),
    ],
    want: [4, 3],
  },
];

describe('NodeResourcesFit Score', () => {
  for (const [strategyName, cases] of [
    ['LeastAllocated', leastAllocated],
    ['MostAllocated', mostAllocated],
    ['RequestedToCapacityRatio', requestedToCapacityRatio],
  ] as const) {
    describe(strategyName, () => {
      for (const c of cases) {
        test(c.name, () => assert.deepEqual(scores(c), c.want));
      }
    });
  }
});

describe('brokenLinearFunction', () => {
  const cases: { name: string; shape: string; points: string }[] = [
    {
      name: 'is flat outside the shape and truncates between points',
      shape: '10:1 90:9',
      points: '-10:1 0:1 9:1 10:1 15:1 19:1 20:2 89:8 90:9 99:9 100:9 110:9',
    },
    {
      name: 'rises and falls through three points',
      shape: '0:2 40:10 100:0',
      points: '-10:2 0:2 20:6 30:8 40:10 70:5 100:0 110:0',
    },
    { name: 'is constant for a constant shape', shape: '0:2 40:2 100:2', points: '-10:2 0:2 20:2 70:2 110:2' },
    { name: 'truncates towards zero on a falling segment', shape: '0:10 3:0', points: '1:7 2:4' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const f = brokenLinearFunction(toShape(c.shape));
      const points = pairs(c.points);
      assert.deepEqual(
        points.map(([p]) => f(p)),
        points.map(([, want]) => want),
      );
    });
  }
});
