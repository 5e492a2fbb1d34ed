import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import { newPodInfo } from '../../framework/pod-info.js';
import { Code } from '../../framework/status.js';
import { makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { affinitySpec, makePlugin, term } from './affinity-fixtures.js';
import { AffinityInterner } from './affinity-interner.js';

const hatesScan = affinitySpec({ antiAffinity: [term('zone', { service: 'scan' })] });
const hatesDb = affinitySpec({ antiAffinity: [term('zone', { app: 'db' })] });

describe('AffinityInterner', () => {
  const cases: { name: string; a: Pod; b: Pod; sameTerm: boolean; sameIdentity: boolean }[] = [
    {
      name: 'replicas with equal labels and terms share their term and identity',
      a: makePod('a', { labels: { app: 'web' }, spec: hatesScan }),
      b: makePod('b', { labels: { app: 'web' }, spec: hatesScan }),
      sameTerm: true,
      sameIdentity: true,
    },
    {
      name: 'pods with different terms share nothing of their terms',
      a: makePod('a', { labels: { app: 'web' }, spec: hatesScan }),
      b: makePod('b', { labels: { app: 'web' }, spec: hatesDb }),
      sameTerm: false,
      sameIdentity: true,
    },
    {
      name: 'equal labels in another namespace are another identity (and another term namespace)',
      a: makePod('a', { labels: { app: 'web' }, spec: hatesScan }),
      b: makePod('b', { labels: { app: 'web' }, spec: hatesScan, namespace: 'other' }),
      sameTerm: false,
      sameIdentity: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const interner = new AffinityInterner();
      const a = interner.get(newPodInfo(c.a));
      const b = interner.get(newPodInfo(c.b));
      assert.equal(a.requiredAntiAffinityTerms[0] === b.requiredAntiAffinityTerms[0], c.sameTerm);
      assert.equal(a.identity === b.identity, c.sameIdentity);
    });
  }

  test('a node summary is rebuilt when its NodeInfo gains a pod', () => {
    const interner = new AffinityInterner();
    const nodeInfo = makeNodeInfo(makeNode('n'), [makePod('a', { spec: hatesScan })]);
    const before = interner.node(nodeInfo);
    assert.equal(interner.node(nodeInfo), before);
    nodeInfo.addPod(newPodInfo(makePod('b', { spec: hatesDb })));
    assert.equal(interner.node(nodeInfo).requiredAntiAffinityTerms.length, 2);
  });
});

test('one plugin answers each pod of consecutive cycles for that pod, not from an earlier cycle', () => {
  const nodeInfo = makeNodeInfo(makeNode('n', { labels: { zone: 'z1' } }), [
    makePod('hater', { nodeName: 'n', spec: hatesScan }),
  ]);
  const { plugin } = makePlugin([nodeInfo]);
  const scan = makePod('scan', { labels: { service: 'scan' } });
  const other = makePod('other', { labels: { service: 'other' } });
  const outcomes = [scan, other, scan].map((pod) => {
    const state = new CycleState();
    const status = plugin.preFilter(state, pod, [nodeInfo]).status;
    return status.isSkip() ? Code.Skip : plugin.filter(state, pod, nodeInfo).code;
  });
  assert.deepEqual(outcomes, [Code.Unschedulable, Code.Skip, Code.Unschedulable]);
});
