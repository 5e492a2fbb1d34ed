import { describe } from 'node:test';
import { makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import {
  affinitySpec,
  doesNotExist,
  exists,
  type FilterCase,
  filterTests,
  inValues,
  notIn,
  on,
  term,
  zoneNode,
} from './affinity-fixtures.js';

const scan = { service: 'securityscan' };
const s1 = { security: 'S1' };

const singleNode: FilterCase[] = [
  {
    name: 'a pod without affinity terms next to a pod without anti-affinity is skipped by PreFilter',
    pod: makePod('p', { labels: scan }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
  },
  {
    name: 'required affinity with an In selector matching the existing pod is satisfied',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({ affinity: [term('region', [inValues('service', 'securityscan', 'value2')])] }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'fits' },
  },
  {
    name: 'required affinity with a NotIn selector matching the existing pod is satisfied',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({ affinity: [term('region', [notIn('service', 'securityscan3', 'value3')])] }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'fits' },
  },
  {
    name: 'required affinity naming another namespace is not satisfied by a pod in the pod’s own namespace',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({
        affinity: [term('region', [inValues('service', 'securityscan')], { namespaces: ['DiffNameSpace'] })],
      }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'affinity' },
  },
  {
    name: 'required affinity whose selector matches no pod, not even the pod itself, is not satisfied',
    pod: makePod('p', {
      labels: scan,
      spec: affinitySpec({ affinity: [term('region', [inValues('service', 'antivirusscan')])] }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'affinity' },
  },
  {
    name: 'several required affinity terms with different operators are all satisfied by the existing pod',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({
        affinity: [
          term('region', [exists('service'), doesNotExist('wrongkey')]),
          term('region', [inValues('service', 'securityscan'), notIn('service', 'WrongValue')]),
        ],
      }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'fits' },
  },
  {
    name: 'the requirements of a selector are ANDed, so one unmatched requirement fails the term',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({
        affinity: [
          term('region', [exists('service'), doesNotExist('wrongkey')]),
          term('region', [inValues('service', 'securityscan2'), notIn('service', 'WrongValue')]),
        ],
      }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'affinity' },
  },
  {
    name: 'affinity and anti-affinity are both satisfied when the anti-affinity matches nobody',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({
        affinity: [term('region', [inValues('service', 'securityscan')])],
        antiAffinity: [term('zone', [inValues('service', 'antivirusscan')])],
      }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'fits' },
  },
  {
    name: 'affinity satisfied but the pod’s own anti-affinity matches the existing pod in the zone',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({
        affinity: [term('region', [inValues('service', 'securityscan')])],
        antiAffinity: [term('zone', [inValues('service', 'securityscan')])],
      }),
    }),
    nodes: () => [zoneNode('machine1', 'r1', 'z11', [on('machine1', 'e', scan)])],
    want: { machine1: 'anti' },
  },
  {
    name: 'an existing pod whose anti-affinity matches the pod rejects it (symmetry)',
    pod: makePod('p', {
      labels: scan,
      spec: affinitySpec({ affinity: [term('region', [inValues('service', 'securityscan')])] }),
    }),
    nodes: () => [
      zoneNode('machine1', 'r1', 'z11', [
        on(
          'machine1',
          'e',
          scan,
          affinitySpec({ antiAffinity: [term('zone', [inValues('service', 'securityscan')])] }),
        ),
      ]),
    ],
    want: { machine1: 'existing' },
  },
  {
    name: 'existing pods’ anti-affinity is respected when the pod has no terms of its own',
    pod: makePod('p', { labels: scan }),
    nodes: () => [
      zoneNode('machine1', 'r1', 'z11', [
        on(
          'machine1',
          'e',
          scan,
          affinitySpec({ antiAffinity: [term('zone', [inValues('service', 'securityscan')])] }),
        ),
      ]),
    ],
    want: { machine1: 'existing' },
  },
  {
    name: 'an existing pod whose anti-affinity does not match the pod is ignored (PreFilter skips)',
    pod: makePod('p', { labels: scan }),
    nodes: () => [
      zoneNode('machine1', 'r1', 'z11', [
        on('machine1', 'e', scan, affinitySpec({ antiAffinity: [term('zone', [notIn('service', 'securityscan')])] })),
      ]),
    ],
  },
  {
    name: 'an existing pod’s anti-affinity on a topology key its node lacks counts nowhere (PreFilter skips)',
    pod: makePod('p', { labels: scan }),
    nodes: () => [
      zoneNode('machine1', 'r1', 'z11', [
        on(
          'machine1',
          'e',
          scan,
          affinitySpec({ antiAffinity: [term('rack', [inValues('service', 'securityscan')])] }),
        ),
      ]),
    ],
  },
];

const multiNode: FilterCase[] = [
  {
    name: 'every node in the region of a matching pod fits; a node of another region does not',
    pod: makePod('p', { spec: affinitySpec({ affinity: [term('region', scan)] }) }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [on('nodeA', 'e', scan)]),
      zoneNode('nodeB', 'r1', 'z12'),
      zoneNode('nodeC', 'r2', 'z21'),
    ],
    want: { nodeA: 'fits', nodeB: 'fits', nodeC: 'affinity' },
  },
  {
    name: 'the first pod of a group with affinity to itself may go to any node that has the topology key',
    pod: makePod('p', { labels: scan, spec: affinitySpec({ affinity: [term('region', scan)] }) }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11'),
      zoneNode('nodeB', 'r2', 'z21'),
      makeNodeInfo(makeNode('nodeC', { labels: { zone: 'z31' } })),
    ],
    want: { nodeA: 'fits', nodeB: 'fits', nodeC: 'affinity' },
  },
  {
    name: 'the first-pod exception does not apply once a matching pod exists elsewhere',
    pod: makePod('p', { labels: scan, spec: affinitySpec({ affinity: [term('region', scan)] }) }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11', [on('nodeA', 'e', scan)]), zoneNode('nodeB', 'r2', 'z21')],
    want: { nodeA: 'fits', nodeB: 'affinity' },
  },
  {
    name: 'the first-pod exception does not apply when the pod does not match its own terms',
    pod: makePod('p', { labels: s1, spec: affinitySpec({ affinity: [term('region', scan)] }) }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11'), zoneNode('nodeB', 'r2', 'z21')],
    want: { nodeA: 'affinity', nodeB: 'affinity' },
  },
  {
    name: 'a single existing pod must match all affinity terms, each in its own topology',
    pod: makePod('p', { spec: affinitySpec({ affinity: [term('region', scan), term('zone', scan)] }) }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [on('nodeA', 'e', scan)]),
      zoneNode('nodeB', 'r1', 'z12'),
      zoneNode('nodeC', 'r1', 'z11'),
    ],
    want: { nodeA: 'fits', nodeB: 'affinity', nodeC: 'fits' },
  },
  {
    name: 'the pod’s anti-affinity by zone rejects every node in the zone of a matching pod',
    pod: makePod('p', { spec: affinitySpec({ antiAffinity: [term('zone', scan)] }) }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [on('nodeA', 'e', scan)]),
      zoneNode('nodeB', 'r1', 'z11'),
      zoneNode('nodeC', 'r1', 'z12'),
      makeNodeInfo(makeNode('nodeD', { labels: { region: 'r1' } })),
    ],
    want: { nodeA: 'anti', nodeB: 'anti', nodeC: 'fits', nodeD: 'fits' },
  },
  {
    name: 'an existing pod’s anti-affinity by hostname rejects only its own node',
    pod: makePod('p', { labels: scan }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [
        on('nodeA', 'e', {}, affinitySpec({ antiAffinity: [term('kubernetes.io/hostname', scan)] })),
      ]),
      zoneNode('nodeB', 'r1', 'z11'),
    ],
    want: { nodeA: 'existing', nodeB: 'fits' },
  },
  {
    name: 'an existing pod’s anti-affinity by zone rejects every node of its zone but not nodes without a zone',
    pod: makePod('p', { labels: scan }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [on('nodeA', 'e', {}, affinitySpec({ antiAffinity: [term('zone', scan)] }))]),
      zoneNode('nodeB', 'r1', 'z11'),
      zoneNode('nodeC', 'r1', 'z12'),
      makeNodeInfo(makeNode('nodeD', { labels: { region: 'r1' } })),
    ],
    want: { nodeA: 'existing', nodeB: 'existing', nodeC: 'fits', nodeD: 'fits' },
  },
  {
    name: 'affinity failures are reported before anti-affinity failures',
    pod: makePod('p', { spec: affinitySpec({ affinity: [term('region', s1)], antiAffinity: [term('zone', scan)] }) }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [on('nodeA', 'e', scan)]),
      zoneNode('nodeB', 'r2', 'z21', [on('nodeB', 'f', s1)]),
    ],
    want: { nodeA: 'affinity', nodeB: 'fits' },
  },
];

describe('InterPodAffinity Filter on one node', () => filterTests(singleNode));
describe('InterPodAffinity Filter across nodes and topologies', () => filterTests(multiNode));
