import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Snapshot } from '../../framework/snapshot.js';
import { Code, Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import {
  NAME,
  newNodeResourcesBalancedAllocation,
  type NodeResourcesBalancedAllocation,
} from './node-resources-balanced-allocation.js';

type Requests = Record<string, string>;
const GPU = 'nvidia.com/gpu';

let counter = 0;
function pod(containers: Requests[], nodeName?: string): Pod {
  return makePod(`p${counter++}`, {
    ...(nodeName ? { nodeName } : {}),
    spec: { containers: containers.map((requests, i) => ({ name: `c${i}`, image: 'img', resources: { requests } })) },
  });
}
/** Upstream's test node: cpu in millicores, memory in bytes, optional scalar resources. */
const node = (name: string, milliCPU: number, memory: number, scalars: Requests = {}): Node =>
  makeNode(name, { allocatable: { cpu: `${milliCPU}m`, memory: String(memory), pods: '110', ...scalars } });

const cpuOnly = (nodeName?: string) =>
  pod(
    [
      { cpu: '1000m', memory: '0' },
      { cpu: '2000m', memory: '0' },
    ],
    nodeName,
  );
const cpuAndMemory = (nodeName?: string) =>
  pod(
    [
      { cpu: '1000m', memory: '2000' },
      { cpu: '2000m', memory: '3000' },
    ],
    nodeName,
  );
const cpuAndMemoryAndGpu = (nodeName?: string) =>
  pod(
    [
      { cpu: '1000m', memory: '2000' },
      { cpu: '2000m', memory: '3000', [GPU]: '3' },
    ],
    nodeName,
  );
const withGpu = { resources: [{ name: 'cpu' }, { name: 'memory' }, { name: GPU }] };

function plugin(args?: unknown): NodeResourcesBalancedAllocation {
  return newNodeResourcesBalancedAllocation(args, makeHandle([])) as NodeResourcesBalancedAllocation;
}

interface ScoreCase {
  readonly name: string;
  readonly args?: unknown;
  readonly pod: Pod;
  readonly nodes: Node[];
  readonly existing?: Pod[];
  readonly want: number[];
  readonly skipPreScore?: boolean;
}

const cases: ScoreCase[] = [
  {
    name: 'an evenly used node scores higher than an unevenly used one',
    pod: cpuAndMemory(),
    nodes: [node('node1', 4000, 10000), node('node2', 6000, 10000)],
    want: [87, 100],
  },
  {
    name: 'existing requests count towards the balance',
    pod: cpuAndMemory(),
    nodes: [node('node1', 10000, 20000), node('node2', 10000, 20000)],
    existing: [cpuOnly('node1'), cpuAndMemory('node2')],
    want: [82, 95],
  },
  {
    name: 'differently sized nodes score by their fractions',
    pod: cpuAndMemory(),
    nodes: [node('node1', 10000, 20000), node('node2', 10000, 50000)],
    existing: [cpuOnly('node1'), cpuAndMemory('node2')],
    want: [82, 80],
  },
  {
    name: 'a fraction at capacity counts as 1',
    pod: cpuOnly(),
    nodes: [node('node1', 6000, 10000), node('node2', 6000, 10000)],
    existing: [cpuOnly('node1'), cpuAndMemory('node2')],
    want: [50, 75],
  },
  {
    name: 'a fraction above capacity is capped at 1',
    pod: cpuOnly(),
    nodes: [node('node1', 4000, 10000), node('node2', 4000, 10000)],
    existing: [cpuOnly('node1'), cpuAndMemory('node2')],
    want: [50, 75],
  },
  {
    name: 'a scalar resource the pod requests takes part in the standard deviation',
    args: withGpu,
    pod: pod([{ memory: '0', [GPU]: '1' }]),
    nodes: [node('node1', 3500, 40000, { [GPU]: '8' }), node('node2', 3500, 40000, { [GPU]: '8' })],
    existing: [cpuAndMemoryAndGpu('node1'), cpuAndMemory('node2')],
    want: [70, 65],
  },
  {
    name: 'a scalar resource the pod does not request is left out',
    args: withGpu,
    pod: cpuAndMemory(),
    nodes: [node('node1', 3500, 40000, { [GPU]: '8' }), node('node2', 3500, 40000)],
    want: [63, 63],
  },
  {
    name: 'plain requests count, not the non-zero defaults',
    pod: cpuAndMemory(),
    nodes: [node('node1', 4000, 10000)],
    existing: [pod([{}], 'node1'), pod([{}], 'node1')],
    want: [87],
  },
  {
    name: 'nodes without allocatable resources score 100',
    pod: cpuAndMemory(),
    nodes: [makeNode('node1', { allocatable: {} })],
    want: [100],
  },
  {
    name: 'scores are the same without PreScore',
    pod: cpuAndMemory(),
    nodes: [node('node1', 10000, 20000), node('node2', 10000, 20000)],
    existing: [cpuOnly('node1'), cpuAndMemory('node2')],
    want: [82, 95],
    skipPreScore: true,
  },
  {
    name: 'a best-effort pod scores 0 without PreScore',
    pod: pod([{}]),
    nodes: [node('node1', 4000, 10000)],
    want: [0],
    skipPreScore: true,
  },
];

describe('NodeResourcesBalancedAllocation Score', () => {
  for (const c of cases) {
    test(c.name, () => {
      const p = plugin(c.args);
      const infos = c.nodes.map((n) =>
        makeNodeInfo(
          n,
          (c.existing ?? []).filter((e) => e.spec?.nodeName === n.metadata?.name),
        ),
      );
      const state = new CycleState();
      if (!c.skipPreScore) assert.equal(p.preScore(state, c.pod, infos), Status.SUCCESS);
      assert.deepEqual(
        infos.map((info) => p.score(state, c.pod, info)),
        c.want,
      );
      // Read from the nodes' rows of a snapshot's totals, the scores are the same (or left to score, for scalars).
      const totals = new Snapshot(infos).totals();
      const fromTotals = infos.map((_, i) => p.scoreTotals(state, totals, i));
      // With PreScore and the default resources (cpu and memory), every node's row answers.
      if (!c.skipPreScore && c.args === undefined) assert.ok(fromTotals.every((s) => s !== undefined));
      assert.deepEqual(
        fromTotals.map((s, i) => s ?? p.score(state, c.pod, infos[i] as NodeInfo)),
        c.want,
        'the scores from the totals',
      );
    });
  }

  const bestEffort: { name: string; pod: Pod }[] = [
    { name: 'a pod without containers is skipped', pod: pod([]) },
    { name: 'a pod whose containers request nothing is skipped', pod: pod([{}, {}]) },
    { name: 'a pod requesting zero cpu and memory is skipped', pod: pod([{ cpu: '0', memory: '0' }]) },
  ];
  for (const c of bestEffort) {
    test(c.name, () => {
      assert.equal(plugin().preScore(new CycleState(), c.pod, []).code, Code.Skip);
    });
  }

  test('the plugin is named NodeResourcesBalancedAllocation', () => {
    assert.equal(plugin().name, NAME);
    assert.equal(NAME, 'NodeResourcesBalancedAllocation');
  });
});

describe('NodeResourcesBalancedAllocation args', () => {
  const valid: { name: string; args: unknown; want: { name: string; weight: number }[] }[] = [
    {
      name: 'no args balance cpu and memory',
      args: undefined,
      want: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
    },
    {
      name: 'a missing or zero weight means 1',
      args: { resources: [{ name: 'cpu', weight: 0 }, { name: GPU }] },
      want: [
        { name: 'cpu', weight: 1 },
        { name: GPU, weight: 1 },
      ],
    },
  ];
  for (const c of valid) {
    test(c.name, () => assert.deepEqual(plugin(c.args).resources, c.want));
  }

  const invalid: { name: string; args: unknown; message: string }[] = [
    {
      name: 'a resource may not appear twice',
      args: { resources: [{ name: 'cpu' }, { name: 'cpu' }] },
      message: 'resources[1].name: Duplicate value: "cpu"',
    },
    {
      name: 'weights other than 1 are rejected',
      args: {
        resources: [
          { name: 'cpu', weight: 2 },
          { name: 'memory', weight: 1 },
        ],
      },
      message: 'resources[0].weight: Invalid value: 2: must be 1',
    },
    { name: 'unknown fields are rejected', args: { resource: [] }, message: 'unknown field "resource"' },
  ];
  for (const c of invalid) {
    test(c.name, () => assert.throws(() => plugin(c.args), { message: c.message }));
  }
});
