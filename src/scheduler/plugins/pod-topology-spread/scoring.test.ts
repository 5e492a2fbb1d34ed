import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interfaces.js';
import { Code, Status } from '../../framework/status.js';
import type { PodTopologySpreadArgs } from './args.js';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from './constraints.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import { PRE_SCORE_STATE_KEY, PreScoreState, topologyNormalizingWeight as w } from './scoring.js';
import {
  barSelector,
  type CachedObjects,
  fooSelector,
  handleWith,
  node,
  nodeInfos,
  pod,
  replicaSet,
  service,
  spread,
  unschedulableTaint,
} from './test-fixtures.js';
import { expectConstraint as soft, type PreScoreSummary, summarizePreScore } from './test-summary.js';

const H = LABEL_HOSTNAME;
const hostNode = (name: string, extra: Record<string, string> = {}): Node => node(name, { [H]: name, ...extra });
const zoneHost = (name: string, zone: string): Node => node(name, { zone, [H]: name });
const on = (name: string, nodeName: string, labels: Record<string, string> = { foo: '' }, namespace?: string): Pod =>
  pod(name, { node: nodeName, labels, ...(namespace ? { namespace } : {}) });
const rs1Owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs1' };
const list = (defaultConstraints: PodTopologySpreadArgs['defaultConstraints'] = []): PodTopologySpreadArgs => ({
  defaultingType: 'List',
  defaultConstraints,
});
const ignoreAffinity = { nodeAffinityPolicy: 'Ignore' } as const;
const honorTaints = { nodeTaintsPolicy: 'Honor' } as const;

describe('PodTopologySpread PreScore skips', () => {
  const cases: { name: string; pod: Pod; nodes: Node[]; args: PodTopologySpreadArgs; objects?: CachedObjects }[] = [
    {
      name: 'a pod without soft constraints',
      pod: pod('p'),
      args: list(),
      nodes: [hostNode('node-a'), hostNode('node-b')],
    },
    {
      name: 'default constraints when the owning replicaset does not exist',
      pod: pod('p', { labels: { foo: 'bar', baz: 'sup' }, owner: { ...rs1Owner, name: 'rs2' } }),
      args: list([{ maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' }]),
      nodes: [node('node-a', { planet: 'mars' })],
      objects: { replicaSets: [replicaSet('rs1', { matchExpressions: [{ key: 'tar', operator: 'Exists' }] })] },
    },
    {
      name: 'system defaults for a pod nothing selects',
      pod: pod('p', { labels: { foo: '' } }),
      args: { defaultingType: 'System' },
      nodes: [hostNode('node-a')],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const infos = nodeInfos(c.nodes);
      const plugin = new PodTopologySpread(c.args, handleWith(infos, c.objects));
      assert.equal(plugin.preScore(new CycleState(), c.pod, infos).code, Code.Skip);
    });
  }

  test('an empty cluster', () => {
    const plugin = new PodTopologySpread(list(), handleWith([]));
    const p = pod('p', { labels: { foo: '' }, constraints: [spread(1, H, 'ScheduleAnyway', fooSelector)] });
    assert.equal(plugin.preScore(new CycleState(), p, []).code, Code.Skip);
  });
});

interface StateCase {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  readonly args?: PodTopologySpreadArgs;
  readonly objects?: CachedObjects;
  readonly want: PreScoreSummary;
}

const threeZoned = [zoneHost('node-a', 'zone1'), zoneHost('node-b', 'zone1'), zoneHost('node-x', 'zone2')];
const fooZoned = [
  node('node-a', { zone: 'zone1', foo: '', [H]: 'node-a' }),
  node('node-b', { zone: 'zone1', foo: '', [H]: 'node-b' }),
  node('node-x', { zone: 'zone2', [H]: 'node-x' }),
];
const barByZone = (extra: Parameters<typeof pod>[1] = {}, options = {}) =>
  pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'ScheduleAnyway', barSelector, options)], ...extra });
const zones12 = { zone1: 0, zone2: 0 };

const stateCases: StateCase[] = [
  {
    name: 'zone domains come from the filtered nodes and hostname counts wait for Score',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'zone', 'ScheduleAnyway', fooSelector), spread(1, H, 'ScheduleAnyway', fooSelector)],
    }),
    nodes: threeZoned,
    want: {
      constraints: [soft(1, 'zone', fooSelector), soft(1, H, fooSelector)],
      ignoredNodes: [],
      counts: [zones12, {}],
      weights: [w(2), w(3)],
    },
  },
  {
    name: 'a null selector still defines the domains',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'ScheduleAnyway', null)] }),
    nodes: threeZoned,
    want: { constraints: [soft(1, 'zone', null)], ignoredNodes: [], counts: [zones12], weights: [w(2)] },
  },
  {
    name: 'a node without the zone label is ignored',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'zone', 'ScheduleAnyway', fooSelector), spread(1, H, 'ScheduleAnyway', barSelector)],
    }),
    nodes: [zoneHost('node-a', 'zone1'), zoneHost('node-b', 'zone1'), hostNode('node-x')],
    want: {
      constraints: [soft(1, 'zone', fooSelector), soft(1, H, barSelector)],
      ignoredNodes: ['node-x'],
      counts: [{ zone1: 0 }, {}],
      weights: [w(1), w(2)],
    },
  },
  {
    name: 'system defaults use the replicaset selector and keep nodes without a zone as one more zone',
    pod: pod('p', { labels: { foo: 'tar', baz: 'sup' }, owner: rs1Owner }),
    args: { defaultingType: 'System' },
    nodes: [
      hostNode('node-a', { [LABEL_TOPOLOGY_ZONE]: 'mars' }),
      hostNode('node-b', { [LABEL_TOPOLOGY_ZONE]: 'mars' }),
      hostNode('node-c'),
      hostNode('node-d'),
    ],
    objects: { replicaSets: [replicaSet('rs1', fooSelector)] },
    want: {
      constraints: [soft(3, H, fooSelector), soft(5, LABEL_TOPOLOGY_ZONE, fooSelector)],
      ignoredNodes: [],
      counts: [{}, { mars: 0, '': 0 }],
      weights: [w(4), w(2)],
    },
  },
  {
    name: 'listed default soft constraints use the replicaset selector',
    pod: pod('p', { labels: { foo: 'tar', baz: 'sup' }, owner: rs1Owner }),
    args: list([
      { maxSkew: 1, topologyKey: H, whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 2, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' },
    ]),
    nodes: [node('node-a', { rack: 'rack1', [H]: 'node-a', planet: 'mars' })],
    objects: { replicaSets: [replicaSet('rs1', fooSelector)] },
    want: {
      constraints: [soft(1, H, fooSelector), soft(2, 'planet', fooSelector)],
      ignoredNodes: [],
      counts: [{}, { mars: 0 }],
      weights: [w(1), w(1)],
    },
  },
  {
    name: 'a pod with its own constraints ignores the defaults',
    pod: pod('p', {
      labels: { foo: 'bar', baz: 'sup' },
      owner: rs1Owner,
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', barSelector),
        spread(2, 'planet', 'ScheduleAnyway', { matchLabels: { baz: 'sup' } }),
      ],
    }),
    args: list([{ maxSkew: 2, topologyKey: 'galaxy', whenUnsatisfiable: 'ScheduleAnyway' }]),
    nodes: [node('node-a', { planet: 'mars', galaxy: 'andromeda' })],
    objects: { replicaSets: [replicaSet('rs1', fooSelector)] },
    want: {
      constraints: [soft(2, 'planet', { matchLabels: { baz: 'sup' } })],
      ignoredNodes: [],
      counts: [{ mars: 0 }],
      weights: [w(1)],
    },
  },
  {
    name: 'nodeAffinityPolicy Honor with a nodeSelector still takes domains from every filtered node',
    pod: barByZone({ nodeSelector: { foo: '' } }),
    nodes: fooZoned,
    want: { constraints: [soft(1, 'zone', barSelector)], ignoredNodes: [], counts: [zones12], weights: [w(2)] },
  },
  {
    name: 'nodeAffinityPolicy Ignore with a nodeSelector',
    pod: barByZone({ nodeSelector: { foo: '' } }, ignoreAffinity),
    nodes: fooZoned,
    want: {
      constraints: [soft(1, 'zone', barSelector, { honorNodeAffinity: false })],
      ignoredNodes: [],
      counts: [zones12],
      weights: [w(2)],
    },
  },
  {
    name: 'nodeAffinityPolicy Honor with required node affinity',
    pod: barByZone({ nodeAffinity: { key: 'foo', operator: 'In', values: [''] } }),
    nodes: fooZoned,
    want: { constraints: [soft(1, 'zone', barSelector)], ignoredNodes: [], counts: [zones12], weights: [w(2)] },
  },
  {
    name: 'nodeTaintsPolicy Honor',
    pod: barByZone({}, honorTaints),
    nodes: [fooZoned[0]!, fooZoned[1]!, node('node-x', { zone: 'zone2', [H]: 'node-x' }, [unschedulableTaint])],
    want: {
      constraints: [soft(1, 'zone', barSelector, { honorNodeTaints: true })],
      ignoredNodes: [],
      counts: [zones12],
      weights: [w(2)],
    },
  },
];

describe('PodTopologySpread PreScore state', () => {
  for (const c of stateCases) {
    test(c.name, () => {
      const infos = nodeInfos(c.nodes);
      const plugin = new PodTopologySpread(c.args ?? list(), handleWith(infos, c.objects));
      const state = new CycleState();
      const status = plugin.preScore(state, c.pod, infos);
      assert.equal(status.code, Code.Success, status.message());
      const written = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
      assert.ok(written instanceof PreScoreState);
      assert.deepEqual(summarizePreScore(written), c.want);
    });
  }
});

interface ScoreCase {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  /** Nodes that failed Filter: they hold pods but are not scored. */
  readonly failed?: readonly Node[];
  readonly existing?: readonly Pod[];
  readonly objects?: CachedObjects;
  readonly want: Readonly<Record<string, number>>;
}

const byHost = (maxSkew = 1, selector: typeof fooSelector | null = fooSelector) =>
  pod('p', { labels: { foo: '' }, constraints: [spread(maxSkew, H, 'ScheduleAnyway', selector)] });
const hosts = (...names: string[]) => names.map((n) => hostNode(n));
const spread2103 = [
  on('p-a1', 'node-a'),
  on('p-a2', 'node-a'),
  on('p-b1', 'node-b'),
  on('p-d1', 'node-d'),
  on('p-d2', 'node-d'),
  on('p-d3', 'node-d'),
];
const spread4321 = [
  on('p-a1', 'node-a'),
  on('p-a2', 'node-a'),
  on('p-a3', 'node-a'),
  on('p-a4', 'node-a'),
  on('p-b1', 'node-b'),
  on('p-b2', 'node-b'),
  on('p-b3', 'node-b'),
  on('p-c1', 'node-c'),
  on('p-c2', 'node-c'),
  on('p-d1', 'node-d'),
];
const spread4213 = [
  on('p-a1', 'node-a'),
  on('p-a2', 'node-a'),
  on('p-a3', 'node-a'),
  on('p-a4', 'node-a'),
  on('p-b1', 'node-b'),
  on('p-b2', 'node-b'),
  on('p-x1', 'node-x'),
  on('p-y1', 'node-y'),
  on('p-y2', 'node-y'),
  on('p-y3', 'node-y'),
];
const abcByNode = [
  node('node-a', { node: 'node-a', foo: '' }),
  node('node-b', { node: 'node-b', foo: '' }),
  node('node-c', { node: 'node-c' }),
];
const abcPods = [on('p-a1', 'node-a'), on('p-a2', 'node-a'), on('p-b1', 'node-b'), on('p-c1', 'node-c')];
const abcTainted = [
  node('node-a', { node: 'node-a' }),
  node('node-b', { node: 'node-b' }),
  node('node-c', { node: 'node-c' }, [unschedulableTaint]),
];
const zoneHostFour = [
  zoneHost('node-a', 'zone1'),
  zoneHost('node-b', 'zone1'),
  zoneHost('node-c', 'zone2'),
  zoneHost('node-d', 'zone2'),
];
const zoneAndHost = (
  zoneSel: typeof fooSelector,
  hostSel: typeof fooSelector,
  labels = { foo: '', bar: '' },
  keys?: [string[], string[]],
) =>
  pod('p', {
    labels,
    constraints: [
      spread(1, 'zone', 'ScheduleAnyway', zoneSel, keys ? { matchLabelKeys: keys[0] } : {}),
      spread(1, H, 'ScheduleAnyway', hostSel, keys ? { matchLabelKeys: keys[1] } : {}),
    ],
  });

const scoreCases: ScoreCase[] = [
  {
    name: 'every node scores 100 when there are no pods',
    pod: byHost(),
    nodes: hosts('node-a', 'node-b'),
    want: { 'node-a': 100, 'node-b': 100 },
  },
  {
    name: 'a single candidate node scores 100',
    pod: byHost(),
    nodes: hosts('node-a'),
    failed: hosts('node-b'),
    existing: [on('p-a1', 'node-a'), on('p-a2', 'node-a'), on('p-b1', 'node-b')],
    want: { 'node-a': 100 },
  },
  {
    name: 'nodes with equal numbers of matching pods score the same',
    pod: byHost(),
    nodes: hosts('node-a', 'node-b'),
    existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b')],
    want: { 'node-a': 100, 'node-b': 100 },
  },
  {
    name: 'pods spread 2/1/0/3 across four candidates',
    pod: byHost(),
    nodes: hosts('node-a', 'node-b', 'node-c', 'node-d'),
    existing: spread2103,
    want: { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 },
  },
  {
    name: 'a null selector scores every node 100',
    pod: byHost(1, null),
    nodes: hosts('node-a', 'node-b', 'node-c', 'node-d'),
    existing: spread2103,
    want: { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 },
  },
  {
    name: 'maxSkew 2 waters the differences down',
    pod: byHost(2),
    nodes: hosts('node-a', 'node-b', 'node-c', 'node-d'),
    existing: spread2103,
    want: { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 },
  },
  {
    name: 'maxSkew 3 waters them down further',
    pod: byHost(3),
    nodes: hosts('node-a', 'node-b', 'node-c', 'node-d'),
    existing: spread4321,
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    name: 'system defaulting spreads pods a service selects, on nodes without zones',
    pod: pod('p', { labels: { foo: '' } }),
    nodes: hosts('node-a', 'node-b', 'node-c', 'node-d'),
    existing: spread4321,
    objects: { services: [service('s', { foo: '' })] },
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    name: 'pods spread 4/2/1/~3~ over three candidates',
    pod: byHost(),
    nodes: hosts('node-a', 'node-b', 'node-x'),
    failed: hosts('node-y'),
    existing: spread4213,
    want: { 'node-a': 33, 'node-b': 83, 'node-x': 100 },
  },
  {
    name: 'a candidate missing the topology key scores 0',
    pod: byHost(),
    nodes: [hostNode('node-a'), node('node-b', { n: 'node-b' }), hostNode('node-x')],
    failed: hosts('node-y'),
    existing: spread4213,
    want: { 'node-a': 16, 'node-b': 0, 'node-x': 100 },
  },
  {
    name: 'zone counts include the pods of nodes that failed Filter',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'ScheduleAnyway', fooSelector)] }),
    nodes: [zoneHost('node-a', 'zone1'), zoneHost('node-b', 'zone1'), zoneHost('node-x', 'zone2')],
    failed: [zoneHost('node-y', 'zone2')],
    existing: spread4213,
    want: { 'node-a': 75, 'node-b': 75, 'node-x': 100 },
  },
  {
    name: 'zone and node constraints over 2/~1~/2/~4~',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'zone', 'ScheduleAnyway', fooSelector), spread(1, H, 'ScheduleAnyway', fooSelector)],
    }),
    nodes: [zoneHost('node-a', 'zone1'), zoneHost('node-x', 'zone2')],
    failed: [zoneHost('node-b', 'zone1'), zoneHost('node-y', 'zone2')],
    existing: [
      on('p-a1', 'node-a'),
      on('p-a2', 'node-a'),
      on('p-b1', 'node-b'),
      on('p-x1', 'node-x'),
      on('p-x2', 'node-x'),
      on('p-y1', 'node-y'),
      on('p-y2', 'node-y'),
      on('p-y3', 'node-y'),
      on('p-y4', 'node-y'),
    ],
    want: { 'node-a': 100, 'node-x': 63 },
  },
  {
    name: 'two zone constraints with different selectors add up',
    pod: pod('p', {
      labels: { foo: '', bar: '' },
      constraints: [spread(1, 'zone', 'ScheduleAnyway', fooSelector), spread(1, 'zone', 'ScheduleAnyway', barSelector)],
    }),
    nodes: [node('node-a', { zone: 'zone1' }), node('node-x', { zone: 'zone2' })],
    failed: [node('node-b', { zone: 'zone1' }), node('node-y', { zone: 'zone2' })],
    existing: [
      on('p-a1', 'node-a', { foo: '', bar: '' }),
      on('p-a2', 'node-a', { foo: '' }),
      on('p-b1', 'node-b', { foo: '', bar: '' }),
      on('p-y1', 'node-y', { foo: '' }),
      on('p-y2', 'node-y', { foo: '', bar: '' }),
      on('p-y3', 'node-y', { foo: '' }),
    ],
    want: { 'node-a': 85, 'node-x': 100 },
  },
  {
    name: 'zone and node constraints with different selectors',
    pod: zoneAndHost(fooSelector, barSelector),
    nodes: [
      zoneHost('node-a', 'zone1'),
      zoneHost('node-b', 'zone1'),
      zoneHost('node-x', 'zone2'),
      zoneHost('node-y', 'zone2'),
    ],
    existing: [
      on('p-a1', 'node-a', { foo: '' }),
      on('p-b1', 'node-b', { foo: '', bar: '' }),
      on('p-y1', 'node-y', { foo: '' }),
      on('p-y2', 'node-y', { bar: '' }),
    ],
    want: { 'node-a': 60, 'node-b': 20, 'node-x': 100, 'node-y': 60 },
  },
  {
    name: 'zone and node constraints with different selectors where some nodes are empty',
    pod: zoneAndHost(fooSelector, barSelector),
    nodes: [
      zoneHost('node-a', 'zone1'),
      zoneHost('node-b', 'zone1'),
      zoneHost('node-x', 'zone2'),
      zoneHost('node-y', 'zone2'),
    ],
    existing: [
      on('p-b1', 'node-b', { bar: '' }),
      on('p-x1', 'node-x', { foo: '' }),
      on('p-y1', 'node-y', { foo: '', bar: '' }),
    ],
    want: { 'node-a': 100, 'node-b': 60, 'node-x': 40, 'node-y': 0 },
  },
  {
    name: 'zone and node constraints with different selectors over three candidates',
    pod: zoneAndHost(fooSelector, barSelector),
    nodes: [zoneHost('node-a', 'zone1'), zoneHost('node-b', 'zone1'), zoneHost('node-x', 'zone2')],
    failed: [zoneHost('node-y', 'zone2')],
    existing: [
      on('p-a1', 'node-a', { foo: '' }),
      on('p-b1', 'node-b', { foo: '', bar: '' }),
      on('p-y1', 'node-y', { foo: '' }),
      on('p-y2', 'node-y', { bar: '' }),
    ],
    want: { 'node-a': 50, 'node-b': 25, 'node-x': 100 },
  },
  {
    name: 'pods of another namespace do not count',
    pod: byHost(),
    nodes: hosts('node-a', 'node-b'),
    existing: [
      on('p-a1', 'node-a', { foo: '' }, 'ns1'),
      on('p-a2', 'node-a'),
      on('p-b1', 'node-b'),
      on('p-b2', 'node-b'),
    ],
    want: { 'node-a': 100, 'node-b': 33 },
  },
  {
    name: 'terminating pods do not count',
    pod: byHost(),
    nodes: hosts('node-a', 'node-b'),
    existing: [pod('p-a', { node: 'node-a', labels: { foo: '' }, terminating: true }), on('p-b', 'node-b')],
    want: { 'node-a': 100, 'node-b': 0 },
  },
  {
    name: 'minDomains has no effect on scoring',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(2, 'node', 'ScheduleAnyway', fooSelector, { minDomains: 10 })],
    }),
    nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' })],
    existing: [
      on('p-a1', 'node-a'),
      on('p-a2', 'node-a'),
      on('p-b1', 'node-b'),
      on('p-b2', 'node-b'),
      on('p-c1', 'node-c'),
    ],
    want: { 'node-a': 75, 'node-b': 75, 'node-c': 100 },
  },
  {
    name: 'nodeAffinityPolicy Honor leaves pods on unselected nodes uncounted',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'node', 'ScheduleAnyway', fooSelector)],
    }),
    nodes: abcByNode,
    existing: abcPods,
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'nodeAffinityPolicy Ignore counts pods on every node',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'node', 'ScheduleAnyway', fooSelector, ignoreAffinity)],
    }),
    nodes: abcByNode,
    existing: abcPods,
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'nodeAffinityPolicy Honor with required node affinity',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'foo', operator: 'In', values: [''] },
      constraints: [spread(1, 'node', 'ScheduleAnyway', fooSelector)],
    }),
    nodes: abcByNode,
    existing: abcPods,
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'nodeAffinityPolicy Ignore with required node affinity',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'foo', operator: 'In', values: [''] },
      constraints: [spread(1, 'node', 'ScheduleAnyway', fooSelector, ignoreAffinity)],
    }),
    nodes: abcByNode,
    existing: abcPods,
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'nodeTaintsPolicy Honor leaves pods on untolerated nodes uncounted',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'node', 'ScheduleAnyway', fooSelector, honorTaints)],
    }),
    nodes: abcTainted,
    existing: abcPods,
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'nodeTaintsPolicy Ignore counts pods on tainted nodes',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'node', 'ScheduleAnyway', fooSelector)] }),
    nodes: abcTainted,
    existing: abcPods,
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'matchLabelKeys are ANDed with empty label selectors',
    pod: zoneAndHost({}, {}, { foo: '', bar: '' }, [['foo'], ['bar']]),
    nodes: zoneHostFour,
    existing: [
      on('p-a1', 'node-a', { foo: '' }),
      on('p-b1', 'node-b', { foo: '', bar: '' }),
      on('p-y1', 'node-c', { foo: '' }),
      on('p-y2', 'node-c', { bar: '' }),
    ],
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
  {
    name: 'matchLabelKeys are ANDed with non-empty label selectors',
    pod: pod('p', {
      labels: { foo: '', bar: '', baz: '' },
      constraints: [
        spread(1, 'zone', 'ScheduleAnyway', fooSelector),
        spread(1, H, 'ScheduleAnyway', barSelector, { matchLabelKeys: ['baz'] }),
      ],
    }),
    nodes: zoneHostFour,
    existing: [
      on('p-a1', 'node-a', { foo: '' }),
      on('p-b1', 'node-b', { foo: '', bar: '', baz: '' }),
      on('p-c1', 'node-c', { foo: '' }),
      on('p-c2', 'node-c', { bar: '' }),
      on('p-d3', 'node-c', { bar: '', baz: '' }),
    ],
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
];

function runScores(c: ScoreCase): Record<string, number> {
  const all = [...c.nodes, ...(c.failed ?? [])];
  const infos = nodeInfos(all, c.existing ?? []);
  const candidates = infos.slice(0, c.nodes.length);
  const plugin = new PodTopologySpread({ defaultingType: 'System' }, handleWith(infos, c.objects));
  const state = new CycleState();
  const status = plugin.preScore(state, c.pod, candidates);
  assert.equal(status.code, Code.Success, status.message());
  const scores: NodeScore[] = candidates.map((info) => {
    const score = plugin.score(state, c.pod, info);
    assert.ok(!(score instanceof Status), info.name);
    return { name: info.name, score };
  });
  assert.equal(plugin.normalizeScore(state, c.pod, scores).code, Code.Success);
  return Object.fromEntries(scores.map((s) => [s.name, s.score]));
}

describe('PodTopologySpread Score and NormalizeScore', () => {
  for (const c of scoreCases) test(c.name, () => assert.deepEqual(runScores(c), c.want));

  test('Score without PreScore reports an error naming the missing state', () => {
    const plugin = new PodTopologySpread(list(), handleWith([]));
    const score = plugin.score(new CycleState(), pod('p'), nodeInfos([hostNode('n')])[0]!);
    assert.ok(score instanceof Status);
    assert.equal(score.code, Code.Error);
    assert.deepEqual(score.reasons, ['error reading "PreScorePodTopologySpread" from cycleState: not found']);
  });

  test('topologyNormalizingWeight is log(size + 2)', () => {
    assert.equal(w(0), Math.log(2));
    assert.equal(w(5000), Math.log(5002));
  });
});
