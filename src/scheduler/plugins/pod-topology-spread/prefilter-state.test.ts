import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { TopologySpreadConstraint } from '../../../api/core/v1/scheduling.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code } from '../../framework/status.js';
import { PRE_FILTER_STATE_KEY, PreFilterState } from './filtering.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import {
  barSelector,
  type CachedObjects,
  fooSelector,
  handleWith,
  node,
  nodeInfos,
  pod,
  service,
  spread,
  unschedulableTaint,
} from './test-fixtures.js';
import { expectConstraint as hard, type PreFilterSummary, summarizePreFilter, UNSET_PATHS } from './test-summary.js';

/** A node labelled `zone` and `node` (its own name). */
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
const twoOneZeroTwo = [
  on('p-a1', 'node-a'),
  on('p-a2', 'node-a'),
  on('p-b1', 'node-b'),
  on('p-y1', 'node-y'),
  on('p-y2', 'node-y'),
];
const threeZeroFour = [
  on('p-a1', 'node-a'),
  on('p-a2', 'node-a'),
  on('p-b1', 'node-b'),
  on('p-y1', 'node-y'),
  on('p-y2', 'node-y'),
  on('p-y3', 'node-y'),
  on('p-y4', 'node-y'),
];
const inclusionNodes = (taintC = false): Node[] => [
  node('node-a', { node: 'node-a', foo: '' }),
  node('node-b', { node: 'node-b', foo: '' }),
  node('node-c', { node: 'node-c', bar: '' }, taintC ? [unschedulableTaint] : undefined),
];
const inclusionPods = [
  on('p-a', 'node-a', { bar: '' }),
  on('p-b', 'node-b', { bar: '' }),
  on('p-c', 'node-b', { bar: '' }),
  on('p-d', 'node-c', {}),
];
const taintNodes = [
  node('node-a', { node: 'node-a' }),
  node('node-b', { node: 'node-b' }),
  node('node-c', { node: 'node-c', bar: '' }, [unschedulableTaint]),
];
const honor = { nodeTaintsPolicy: 'Honor' } as const;
const ignoreAffinity = { nodeAffinityPolicy: 'Ignore' } as const;

interface Case {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes?: readonly Node[];
  readonly existing?: readonly Pod[];
  readonly objects?: CachedObjects;
  readonly defaultConstraints?: TopologySpreadConstraint[];
  readonly want?: PreFilterSummary;
  readonly wantCode?: Code;
}

const cases: Case[] = [
  {
    name: 'a clean cluster with one constraint counts zero pods in every zone',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(5, 'zone', 'DoNotSchedule', { matchLabels: { foo: 'bar' } })],
    }),
    nodes: fourNodes,
    want: {
      constraints: [hard(5, 'zone', { matchLabels: { foo: 'bar' } })],
      paths: [
        [
          ['zone1', 0],
          ['zone2', 0],
        ],
      ],
      counts: [{ zone1: 0, zone2: 0 }],
    },
  },
  {
    name: 'one constraint counts the matching pods of each zone',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)] }),
    nodes: fourNodes,
    existing: twoOneZeroTwo,
    want: {
      constraints: [hard(1, 'zone', fooSelector)],
      paths: [
        [
          ['zone2', 2],
          ['zone1', 3],
        ],
      ],
      counts: [{ zone1: 3, zone2: 2 }],
    },
  },
  {
    name: 'a null label selector matches no pod',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', null)] }),
    nodes: fourNodes,
    existing: twoOneZeroTwo,
    want: {
      constraints: [hard(1, 'zone', null)],
      paths: [
        [
          ['zone1', 0],
          ['zone2', 0],
        ],
      ],
      counts: [{ zone1: 0, zone2: 0 }],
    },
  },
  {
    name: 'an empty zone of a three-zone cluster is the critical path',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)] }),
    nodes: [...fourNodes, zoned('node-o', 'zone3'), zoned('node-p', 'zone3')],
    existing: twoOneZeroTwo,
    want: {
      constraints: [hard(1, 'zone', fooSelector)],
      paths: [
        [
          ['zone3', 0],
          ['zone2', 2],
        ],
      ],
      counts: [{ zone1: 3, zone2: 2, zone3: 0 }],
    },
  },
  {
    name: 'pods of another namespace do not count',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)] }),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a'),
      on('p-a2', 'node-a', { foo: '' }, 'ns1'),
      on('p-b1', 'node-b'),
      on('p-y1', 'node-y', { foo: '' }, 'ns2'),
      on('p-y2', 'node-y'),
    ],
    want: {
      constraints: [hard(1, 'zone', fooSelector)],
      paths: [
        [
          ['zone2', 1],
          ['zone1', 2],
        ],
      ],
      counts: [{ zone1: 2, zone2: 1 }],
    },
  },
  {
    name: 'two constraints are counted independently',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fourNodes,
    existing: threeZeroFour,
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'node', fooSelector)],
      paths: [
        [
          ['zone1', 3],
          ['zone2', 4],
        ],
        [
          ['node-x', 0],
          ['node-b', 1],
        ],
      ],
      counts: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 },
      ],
    },
  },
  {
    name: 'soft constraints are left to scoring',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [
        spread(1, 'zone', 'ScheduleAnyway', fooSelector),
        spread(1, 'zone', 'DoNotSchedule', fooSelector),
        spread(1, 'node', 'ScheduleAnyway', fooSelector),
        spread(1, 'node', 'DoNotSchedule', fooSelector),
      ],
    }),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-y', 'zone2')],
    existing: threeZeroFour,
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'node', fooSelector)],
      paths: [
        [
          ['zone1', 3],
          ['zone2', 4],
        ],
        [
          ['node-b', 1],
          ['node-a', 2],
        ],
      ],
      counts: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 2, 'node-b': 1, 'node-y': 4 },
      ],
    },
  },
  {
    name: 'constraints with different selectors count different pods',
    pod: pod('p', {
      labels: { foo: '', bar: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', barSelector)],
    }),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-y', 'zone2')],
    existing: [on('p-a', 'node-a', { foo: '' }), on('p-b', 'node-b', { bar: '' })],
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'node', barSelector)],
      paths: [
        [
          ['zone2', 0],
          ['zone1', 1],
        ],
        [
          ['node-a', 0],
          ['node-y', 0],
        ],
      ],
      counts: [
        { zone1: 1, zone2: 0 },
        { 'node-a': 0, 'node-b': 1, 'node-y': 0 },
      ],
    },
  },
  {
    name: 'constraints with different selectors count pods with several labels once per constraint',
    pod: pod('p', {
      labels: { foo: '', bar: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', barSelector)],
    }),
    nodes: [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-y', 'zone2')],
    existing: [
      on('p-a1', 'node-a', { foo: '' }),
      on('p-a2', 'node-a', { foo: '', bar: '' }),
      on('p-b1', 'node-b', { foo: '' }),
      on('p-y1', 'node-y', { foo: '' }),
      on('p-y2', 'node-y', { foo: '', bar: '' }),
      on('p-y3', 'node-y', { foo: '' }),
      on('p-y4', 'node-y', { foo: '', bar: '' }),
    ],
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'node', barSelector)],
      paths: [
        [
          ['zone1', 3],
          ['zone2', 4],
        ],
        [
          ['node-b', 0],
          ['node-a', 1],
        ],
      ],
      counts: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 1, 'node-b': 0, 'node-y': 2 },
      ],
    },
  },
  {
    name: 'nodes excluded by the pod node affinity are not counted',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'node', operator: 'NotIn', values: ['node-x'] },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', fooSelector)],
    }),
    nodes: fourNodes,
    existing: threeZeroFour,
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'node', fooSelector)],
      paths: [
        [
          ['zone1', 3],
          ['zone2', 4],
        ],
        [
          ['node-b', 1],
          ['node-a', 2],
        ],
      ],
      counts: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 2, 'node-b': 1, 'node-y': 4 },
      ],
    },
  },
  {
    name: 'default hard constraints take the selector of the service selecting the pod',
    pod: pod('p', { labels: { foo: 'bar', baz: 'kar' } }),
    defaultConstraints: [
      { maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 5, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
    ],
    objects: { services: [service('s', { foo: 'bar' })] },
    want: {
      constraints: [hard(3, 'node', { matchLabels: { foo: 'bar' } }), hard(5, 'rack', { matchLabels: { foo: 'bar' } })],
      paths: [UNSET_PATHS, UNSET_PATHS],
      counts: [{}, {}],
    },
  },
  {
    name: 'default constraints do not apply when no service selects the pod',
    pod: pod('p', { labels: { foo: 'bar' } }),
    defaultConstraints: [{ maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }],
    objects: { services: [service('s', { baz: 'kep' })] },
    wantCode: Code.Skip,
  },
  {
    name: 'default constraints do not apply to a pod with its own constraints',
    pod: pod('p', {
      labels: { foo: 'bar', baz: 'tar' },
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', { matchLabels: { baz: 'tar' } }),
        spread(2, 'planet', 'ScheduleAnyway', { matchLabels: { fot: 'rok' } }),
      ],
    }),
    defaultConstraints: [{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }],
    objects: { services: [service('s', { foo: 'bar' })] },
    want: {
      constraints: [hard(1, 'zone', { matchLabels: { baz: 'tar' } })],
      paths: [UNSET_PATHS],
      counts: [{}],
    },
  },
  {
    name: 'default soft constraints leave nothing to filter',
    pod: pod('p', { labels: { foo: 'bar' } }),
    defaultConstraints: [{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'ScheduleAnyway' }],
    objects: { services: [service('s', { foo: 'bar' })] },
    wantCode: Code.Skip,
  },
  {
    name: 'a nodeSelector keeps non-matching nodes out of the count under nodeAffinityPolicy Honor',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'node', 'DoNotSchedule', barSelector)],
    }),
    nodes: inclusionNodes(),
    existing: inclusionPods,
    want: {
      constraints: [hard(1, 'node', barSelector)],
      paths: [
        [
          ['node-a', 1],
          ['node-b', 2],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 2 }],
    },
  },
  {
    name: 'a nodeSelector is ignored under nodeAffinityPolicy Ignore',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'node', 'DoNotSchedule', barSelector, ignoreAffinity)],
    }),
    nodes: inclusionNodes(),
    existing: inclusionPods,
    want: {
      constraints: [hard(1, 'node', barSelector, { honorNodeAffinity: false })],
      paths: [
        [
          ['node-c', 0],
          ['node-a', 1],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
  },
  {
    name: 'required node affinity keeps non-matching nodes out of the count under nodeAffinityPolicy Honor',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'foo', operator: 'In', values: [''] },
      constraints: [spread(1, 'node', 'DoNotSchedule', barSelector)],
    }),
    nodes: inclusionNodes(),
    existing: inclusionPods,
    want: {
      constraints: [hard(1, 'node', barSelector)],
      paths: [
        [
          ['node-a', 1],
          ['node-b', 2],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 2 }],
    },
  },
  {
    name: 'required node affinity is ignored under nodeAffinityPolicy Ignore',
    pod: pod('p', {
      labels: { foo: '' },
      nodeAffinity: { key: 'foo', operator: 'In', values: [''] },
      constraints: [spread(1, 'node', 'DoNotSchedule', barSelector, ignoreAffinity)],
    }),
    nodes: inclusionNodes(),
    existing: inclusionPods,
    want: {
      constraints: [hard(1, 'node', barSelector, { honorNodeAffinity: false })],
      paths: [
        [
          ['node-c', 0],
          ['node-a', 1],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
  },
  {
    name: 'tainted nodes count under nodeTaintsPolicy Ignore',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'node', 'DoNotSchedule', barSelector)] }),
    nodes: taintNodes,
    existing: inclusionPods,
    want: {
      constraints: [hard(1, 'node', barSelector)],
      paths: [
        [
          ['node-c', 0],
          ['node-a', 1],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
  },
  {
    name: 'untolerated tainted nodes do not count under nodeTaintsPolicy Honor',
    pod: pod('p', { labels: { foo: '' }, constraints: [spread(1, 'node', 'DoNotSchedule', barSelector, honor)] }),
    nodes: taintNodes,
    existing: inclusionPods,
    want: {
      constraints: [hard(1, 'node', barSelector, { honorNodeTaints: true })],
      paths: [
        [
          ['node-a', 1],
          ['node-b', 2],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 2 }],
    },
  },
  {
    name: 'tolerated tainted nodes count under nodeTaintsPolicy Honor',
    pod: pod('p', {
      labels: { foo: '' },
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }],
      constraints: [spread(1, 'node', 'DoNotSchedule', barSelector, honor)],
    }),
    nodes: taintNodes,
    existing: inclusionPods,
    want: {
      constraints: [hard(1, 'node', barSelector, { honorNodeTaints: true })],
      paths: [
        [
          ['node-c', 0],
          ['node-a', 1],
        ],
      ],
      counts: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
  },
  {
    name: 'each constraint applies its own inclusion policies (zone honor/ignore, node ignore/ignore)',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', fooSelector),
        spread(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity),
      ],
    }),
    nodes: [zoned('node-a', 'zone1', { foo: '' }), zoned('node-b', 'zone1'), zoned('node-x', 'zone2', { foo: '' })],
    existing: [on('p-b1', 'node-b'), on('p-b2', 'node-b'), on('p-x1', 'node-x')],
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'node', fooSelector, { honorNodeAffinity: false })],
      paths: [
        [
          ['zone1', 0],
          ['zone2', 1],
        ],
        [
          ['node-a', 0],
          ['node-x', 1],
        ],
      ],
      counts: [
        { zone1: 0, zone2: 1 },
        { 'node-a': 0, 'node-b': 2, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'each constraint applies its own inclusion policies (zone honor/honor, node honor/ignore)',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', fooSelector, honor),
        spread(1, 'node', 'DoNotSchedule', fooSelector),
      ],
    }),
    nodes: [
      zoned('node-a', 'zone1', { foo: '' }),
      node('node-b', { zone: 'zone1', node: 'node-b' }, [unschedulableTaint]),
      zoned('node-x', 'zone2', { foo: '' }),
    ],
    existing: [on('p-b1', 'node-b'), on('p-b2', 'node-b'), on('p-x1', 'node-x')],
    want: {
      constraints: [hard(1, 'zone', fooSelector, { honorNodeTaints: true }), hard(1, 'node', fooSelector)],
      paths: [
        [
          ['zone1', 0],
          ['zone2', 1],
        ],
        [
          ['node-a', 0],
          ['node-x', 1],
        ],
      ],
      counts: [
        { zone1: 0, zone2: 1 },
        { 'node-a': 0, 'node-b': 2, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'each constraint applies its own inclusion policies (both honor/ignore)',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', fooSelector)],
    }),
    nodes: [
      zoned('node-a', 'zone1'),
      node('node-b', { zone: 'zone1', node: 'node-b', foo: '' }, [unschedulableTaint]),
      zoned('node-x', 'zone2', { foo: '' }),
      zoned('node-y', 'zone2'),
    ],
    existing: [on('p-a1', 'node-a'), on('p-a2', 'node-a'), on('p-x1', 'node-x'), on('p-y1', 'node-y')],
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'node', fooSelector)],
      paths: [
        [
          ['zone1', 0],
          ['zone2', 1],
        ],
        [
          ['node-b', 0],
          ['node-x', 1],
        ],
      ],
      counts: [
        { zone1: 0, zone2: 1 },
        { 'node-b': 0, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'each constraint applies its own inclusion policies (zone ignore/ignore, node honor/honor)',
    pod: pod('p', {
      labels: { foo: '' },
      nodeSelector: { foo: '' },
      constraints: [
        spread(1, 'zone', 'DoNotSchedule', fooSelector, ignoreAffinity),
        spread(1, 'node', 'DoNotSchedule', fooSelector, honor),
      ],
    }),
    nodes: [
      zoned('node-a', 'zone1'),
      node('node-b', { zone: 'zone1', node: 'node-b', foo: '' }, [unschedulableTaint]),
      zoned('node-x', 'zone2', { foo: '' }),
      zoned('node-y', 'zone2', { foo: '' }),
    ],
    existing: [
      on('p-a1', 'node-a'),
      on('p-a2', 'node-a'),
      on('p-x1', 'node-x'),
      on('p-x2', 'node-x'),
      on('p-y1', 'node-y'),
    ],
    want: {
      constraints: [
        hard(1, 'zone', fooSelector, { honorNodeAffinity: false }),
        hard(1, 'node', fooSelector, { honorNodeTaints: true }),
      ],
      paths: [
        [
          ['zone1', 2],
          ['zone2', 3],
        ],
        [
          ['node-y', 1],
          ['node-x', 2],
        ],
      ],
      counts: [
        { zone1: 2, zone2: 3 },
        { 'node-x': 2, 'node-y': 1 },
      ],
    },
  },
  {
    name: 'matchLabelKeys are ANDed with a non-empty label selector',
    pod: pod('p', {
      labels: { foo: '', bar: 'a' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] })],
    }),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: '' }),
      on('p-a2', 'node-a', { foo: '', bar: 'a' }),
      on('p-b1', 'node-b', { foo: '' }),
      on('p-y1', 'node-y', { foo: '', bar: 'a' }),
      on('p-y2', 'node-y', { bar: '' }),
    ],
    want: {
      constraints: [
        hard(1, 'zone', { matchLabels: { bar: 'a' }, matchExpressions: [{ key: 'foo', operator: 'Exists' }] }),
      ],
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
    name: 'matchLabelKeys are ANDed with an empty label selector',
    pod: pod('p', {
      labels: { foo: 'a' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', {}, { matchLabelKeys: ['foo'] })],
    }),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: 'a' }),
      on('p-a2', 'node-a', { foo: 'a' }),
      on('p-b1', 'node-b', { foo: 'a' }),
      on('p-y1', 'node-y', { foo: 'a' }),
      on('p-y2', 'node-y', { foo: 'a' }),
    ],
    want: {
      constraints: [hard(1, 'zone', { matchLabels: { foo: 'a' } })],
      paths: [
        [
          ['zone2', 2],
          ['zone1', 3],
        ],
      ],
      counts: [{ zone1: 3, zone2: 2 }],
    },
  },
  {
    name: 'matchLabelKeys leave a null label selector matching nothing',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', null, { matchLabelKeys: ['bar'] })],
    }),
    nodes: fourNodes,
    existing: [on('p-a1', 'node-a', { foo: 'a' }), on('p-y1', 'node-y', { foo: 'a' })],
    want: {
      constraints: [hard(1, 'zone', null)],
      paths: [
        [
          ['zone1', 0],
          ['zone2', 0],
        ],
      ],
      counts: [{ zone1: 0, zone2: 0 }],
    },
  },
  {
    name: 'a matchLabelKeys key the pod does not carry is ignored',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] })],
    }),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: 'a' }),
      on('p-a2', 'node-a', { foo: 'a' }),
      on('p-b1', 'node-b', { foo: 'a' }),
      on('p-y1', 'node-y', { foo: 'a' }),
      on('p-y2', 'node-y', { foo: 'a' }),
    ],
    want: {
      constraints: [hard(1, 'zone', fooSelector)],
      paths: [
        [
          ['zone2', 2],
          ['zone1', 3],
        ],
      ],
      counts: [{ zone1: 3, zone2: 2 }],
    },
  },
  {
    name: 'two constraints on the same topology key keep separate counts',
    pod: pod('p', {
      labels: { foo: '', bar: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'zone', 'DoNotSchedule', barSelector)],
    }),
    nodes: fourNodes,
    existing: [
      on('p-a1', 'node-a', { foo: '', bar: '' }),
      on('p-b1', 'node-b', { foo: '' }),
      on('p-x1', 'node-x', { bar: '' }),
      on('p-y1', 'node-y', { foo: '', bar: '' }),
      on('p-y2', 'node-y', { bar: '' }),
    ],
    want: {
      constraints: [hard(1, 'zone', fooSelector), hard(1, 'zone', barSelector)],
      paths: [
        [
          ['zone2', 1],
          ['zone1', 2],
        ],
        [
          ['zone1', 1],
          ['zone2', 3],
        ],
      ],
      counts: [
        { zone1: 2, zone2: 1 },
        { zone1: 1, zone2: 3 },
      ],
    },
  },
  {
    name: 'minDomains is carried into the constraint',
    pod: pod('p', {
      labels: { foo: '' },
      constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 })],
    }),
    nodes: fourNodes,
    existing: twoOneZeroTwo,
    want: {
      constraints: [hard(1, 'zone', fooSelector, { minDomains: 3 })],
      paths: [
        [
          ['zone2', 2],
          ['zone1', 3],
        ],
      ],
      counts: [{ zone1: 3, zone2: 2 }],
    },
  },
  {
    name: 'a pod without constraints is skipped',
    pod: pod('p', { labels: { foo: '' } }),
    nodes: [zoned('node-a', 'zone1')],
    wantCode: Code.Skip,
  },
];

describe('PodTopologySpread PreFilter state', () => {
  for (const c of cases) {
    test(c.name, () => {
      const infos = nodeInfos(c.nodes ?? [], c.existing ?? []);
      const plugin = new PodTopologySpread(
        { defaultingType: 'List', defaultConstraints: c.defaultConstraints ?? [] },
        handleWith(infos, c.objects),
      );
      const state = new CycleState();
      const { status } = plugin.preFilter(state, c.pod, infos);
      assert.equal(status.code, c.wantCode ?? Code.Success, status.message());
      const written = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
      if (c.want === undefined) {
        assert.equal(written, undefined);
        return;
      }
      assert.ok(written instanceof PreFilterState);
      assert.deepEqual(summarizePreFilter(written), c.want);
    });
  }
});
