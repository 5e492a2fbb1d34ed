import { describe } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { makeNamespace, makePod } from '../../testing/builders.js';
import { affinitySpec, doesNotExist, type FilterCase, filterTests, on, term, zoneNode } from './affinity-fixtures.js';

const scan = { service: 'securityscan' };
const teamA = makeNamespace('team-a', { team: 'a' });
const teamB = makeNamespace('team-b', { team: 'b' });
const inTeamA = (nodeName: string, name: string, labels: Record<string, string>, extra: Partial<Pod['spec']> = {}) =>
  on(nodeName, name, labels, extra, 'team-a');

const namespaced: FilterCase[] = [
  {
    name: 'a term naming the existing pod’s namespace is satisfied by it',
    pod: makePod('p', { spec: affinitySpec({ affinity: [term('region', scan, { namespaces: ['team-a'] })] }) }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11', [inTeamA('nodeA', 'e', scan)]), zoneNode('nodeB', 'r2', 'z21')],
    want: { nodeA: 'fits', nodeB: 'affinity' },
  },
  {
    name: 'a term without namespaces only looks at the pod’s own namespace',
    pod: makePod('p', { spec: affinitySpec({ affinity: [term('region', scan)] }) }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11', [inTeamA('nodeA', 'e', scan)])],
    namespaces: [teamA],
    want: { nodeA: 'affinity' },
  },
  {
    name: 'a namespaceSelector matching the existing pod’s namespace labels satisfies the term',
    pod: makePod('p', {
      spec: affinitySpec({ affinity: [term('region', scan, { namespaceSelector: { matchLabels: { team: 'a' } } })] }),
    }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11', [inTeamA('nodeA', 'e', scan)]), zoneNode('nodeB', 'r2', 'z21')],
    namespaces: [teamA, teamB],
    want: { nodeA: 'fits', nodeB: 'affinity' },
  },
  {
    name: 'a namespaceSelector matching other namespaces does not see the existing pod',
    pod: makePod('p', {
      spec: affinitySpec({ affinity: [term('region', scan, { namespaceSelector: { matchLabels: { team: 'b' } } })] }),
    }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11', [inTeamA('nodeA', 'e', scan)])],
    namespaces: [teamA, teamB],
    want: { nodeA: 'affinity' },
  },
  {
    name: 'an empty namespaceSelector selects every namespace',
    pod: makePod('p', { spec: affinitySpec({ antiAffinity: [term('region', scan, { namespaceSelector: {} })] }) }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11', [inTeamA('nodeA', 'e', scan)]), zoneNode('nodeB', 'r2', 'z21')],
    want: { nodeA: 'anti', nodeB: 'fits' },
  },
  {
    name: 'a namespace the scheduler does not know matches no non-empty namespaceSelector',
    pod: makePod('p', {
      spec: affinitySpec({
        antiAffinity: [term('region', scan, { namespaceSelector: { matchExpressions: [doesNotExist('team')] } })],
      }),
    }),
    nodes: () => [zoneNode('nodeA', 'r1', 'z11', [inTeamA('nodeA', 'e', scan)])],
    want: { nodeA: 'fits' },
  },
  {
    name: 'an existing pod’s anti-affinity namespaceSelector matching the pod’s namespace labels rejects it',
    pod: makePod('p', { labels: scan, namespace: 'team-b' }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [
        inTeamA(
          'nodeA',
          'e',
          {},
          affinitySpec({ antiAffinity: [term('zone', scan, { namespaceSelector: { matchLabels: { team: 'b' } } })] }),
        ),
      ]),
      zoneNode('nodeB', 'r1', 'z12'),
    ],
    namespaces: [teamA, teamB],
    want: { nodeA: 'existing', nodeB: 'fits' },
  },
  {
    name: 'an existing pod’s anti-affinity without namespaces ignores pods of other namespaces',
    pod: makePod('p', { labels: scan, namespace: 'team-b' }),
    nodes: () => [
      zoneNode('nodeA', 'r1', 'z11', [inTeamA('nodeA', 'e', {}, affinitySpec({ antiAffinity: [term('zone', scan)] }))]),
    ],
    namespaces: [teamA, teamB],
  },
];

describe('InterPodAffinity Filter with namespaces and namespaceSelector', () => filterTests(namespaced));
