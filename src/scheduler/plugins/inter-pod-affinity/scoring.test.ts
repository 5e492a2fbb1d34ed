import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Namespace } from '../../../api/core/v1/namespace.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { Code } from '../../framework/status.js';
import { makeNamespace, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { affinitySpec, runScore, term, weighted } from './affinity-fixtures.js';

const s1 = { security: 'S1' };
const s2 = { security: 'S2' };
const nodeLabels: Record<string, Record<string, string>> = {
  n1: { region: 'China' },
  n2: { region: 'India' },
  n3: { az: 'az1' },
  n4: { region: 'China' },
};
let podCount = 0;
const on = (nodeName: string, labels: Record<string, string>, spec: Partial<Pod['spec']> = {}, namespace?: string) =>
  makePod(`pod-${++podCount}`, { nodeName, labels, spec, namespace });
const teamA = makeNamespace('team-a', { team: 'a' });
const teamB = makeNamespace('team-b', { team: 'b' });

interface Case {
  readonly name: string;
  readonly pod: Pod;
  readonly pods: Pod[];
  /** Node names, in order (default n1, n2, n3). */
  readonly nodes?: string[];
  readonly args?: unknown;
  readonly namespaces?: Namespace[];
  /** Normalised scores in node order; absent when PreScore is expected to Skip. */
  readonly want?: number[];
}

const prefersS1 = (weight = 5, options = {}) =>
  affinitySpec({ preferredAffinity: [weighted(weight, term('region', s1, options))] });

const cases: Case[] = [
  {
    name: 'when no pod has inter-pod terms, PreScore skips',
    pod: makePod('p', { labels: s1 }),
    pods: [on('n1', s1), on('n2', s2)],
  },
  {
    name: 'preferred affinity: the node in the region of a matching pod gets the highest score',
    pod: makePod('p', { spec: prefersS1() }),
    pods: [on('n1', s1), on('n2', s2), on('n3', s1)],
    want: [100, 0, 0],
  },
  {
    name: 'every node of the matching pod’s region gets the same score',
    pod: makePod('p', { spec: prefersS1() }),
    pods: [on('n1', s1)],
    nodes: ['n1', 'n2', 'n3', 'n4'],
    want: [100, 0, 0, 100],
  },
  {
    name: 'more matching pods in a region give a higher score',
    pod: makePod('p', { spec: prefersS1() }),
    pods: [on('n1', s1), on('n1', s1), on('n2', s1)],
    want: [100, 50, 0],
  },
  {
    name: 'preferred anti-affinity: nodes in the region of a matching pod get the lowest score',
    pod: makePod('p', { spec: affinitySpec({ preferredAntiAffinity: [weighted(5, term('region', s1))] }) }),
    pods: [on('n1', s1)],
    want: [0, 100, 100],
  },
  {
    name: 'affinity and anti-affinity weights add up before min–max scaling',
    pod: makePod('p', {
      spec: affinitySpec({
        preferredAffinity: [weighted(8, term('region', s1))],
        preferredAntiAffinity: [weighted(5, term('region', s2))],
      }),
    }),
    pods: [on('n1', s1), on('n1', s2), on('n2', s2)],
    want: [100, 0, 62],
  },
  {
    name: 'when every node gets the same raw score, all normalise to zero',
    pod: makePod('p', { spec: prefersS1() }),
    pods: [on('n1', s1)],
    nodes: ['n1', 'n4'],
    want: [0, 0],
  },
  {
    name: 'a matching pod on a node without the topology key contributes nothing',
    pod: makePod('p', { spec: prefersS1() }),
    pods: [on('n3', s1)],
  },
  {
    name: 'an existing pod’s required affinity to the pod counts with the default hardPodAffinityWeight',
    pod: makePod('p', { labels: s1 }),
    pods: [on('n1', {}, affinitySpec({ affinity: [term('region', s1)] }))],
    nodes: ['n1', 'n2', 'n4'],
    want: [100, 0, 100],
  },
  {
    name: 'hardPodAffinityWeight 0 ignores existing pods’ required affinity',
    pod: makePod('p', { labels: s1 }),
    pods: [on('n1', {}, affinitySpec({ affinity: [term('region', s1)] }))],
    args: { hardPodAffinityWeight: 0 },
  },
  {
    name: 'an existing pod’s preferred affinity to the pod raises its region',
    pod: makePod('p', { labels: s1 }),
    pods: [on('n2', {}, prefersS1())],
    want: [0, 100, 0],
  },
  {
    name: 'an existing pod’s preferred anti-affinity to the pod lowers its region',
    pod: makePod('p', { labels: s1 }),
    pods: [on('n1', {}, affinitySpec({ preferredAntiAffinity: [weighted(5, term('region', s1))] }))],
    want: [0, 100, 100],
  },
  {
    name: 'ignorePreferredTermsOfExistingPods skips a pod without preferred terms of its own',
    pod: makePod('p', { labels: s1 }),
    pods: [on('n2', {}, prefersS1())],
    args: { ignorePreferredTermsOfExistingPods: true },
  },
  {
    name: 'ignorePreferredTermsOfExistingPods still counts existing pods when the pod has preferred terms',
    pod: makePod('p', {
      labels: s1,
      spec: affinitySpec({ preferredAffinity: [weighted(5, term('region', { app: 'none' }))] }),
    }),
    pods: [on('n2', {}, prefersS1())],
    args: { ignorePreferredTermsOfExistingPods: true },
    want: [0, 100, 0],
  },
  {
    name: 'a preferred term naming a namespace counts the matching pods there only',
    pod: makePod('p', { spec: prefersS1(5, { namespaces: ['team-a'] }) }),
    pods: [on('n1', s1, {}, 'team-a'), on('n2', s1)],
    want: [100, 0, 0],
  },
  {
    name: 'a preferred term with a namespaceSelector counts pods of the selected namespaces',
    pod: makePod('p', { spec: prefersS1(5, { namespaceSelector: { matchLabels: { team: 'b' } } }) }),
    pods: [on('n1', s1, {}, 'team-a'), on('n2', s1, {}, 'team-b')],
    namespaces: [teamA, teamB],
    want: [0, 100, 0],
  },
  {
    name: 'a preferred term without namespaces ignores pods of other namespaces',
    pod: makePod('p', { spec: prefersS1() }),
    pods: [on('n1', s1, {}, 'team-a')],
  },
  {
    name: 'an existing pod’s preferred term with a namespaceSelector matches the pod through its namespace labels',
    pod: makePod('p', { labels: s1, namespace: 'team-b' }),
    pods: [on('n1', {}, prefersS1(5, { namespaceSelector: { matchLabels: { team: 'b' } } }), 'team-a')],
    namespaces: [teamA, teamB],
    want: [100, 0, 0],
  },
];

describe('InterPodAffinity scoring', () => {
  for (const c of cases) {
    test(c.name, () => {
      const names = c.nodes ?? ['n1', 'n2', 'n3'];
      const infos = names.map((name) =>
        makeNodeInfo(
          makeNode(name, { labels: nodeLabels[name] }),
          c.pods.filter((p) => p.spec?.nodeName === name),
        ),
      );
      const { preScore, scores } = runScore(c.pod, infos, { args: c.args, namespaces: c.namespaces ?? [] });
      if (c.want === undefined) {
        assert.equal(preScore.code, Code.Skip);
        return;
      }
      assert.equal(preScore.code, Code.Success);
      assert.deepEqual(scores, c.want);
    });
  }
});
