import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { makePod } from '../testing/builders.js';
import { Nominator } from './nominator.js';

const nominated = (name: string, node: string): Pod => ({ ...makePod(name), status: { nominatedNodeName: node } });

const podsOn = (n: Nominator, node: string): string[] =>
  n.nominatedPodsForNode(node).map((p) => p.pod.metadata?.name ?? '');

describe('Nominator add and delete', () => {
  const cases: { name: string; act: (n: Nominator) => void; want: Record<string, string[]> }[] = [
    {
      name: 'a pod is nominated to the node given',
      act: (n) => n.add(makePod('a'), 'n1'),
      want: { n1: ['a'], n2: [] },
    },
    {
      name: 'without a node given, the pod’s status.nominatedNodeName is used',
      act: (n) => n.add(nominated('a', 'n2')),
      want: { n1: [], n2: ['a'] },
    },
    {
      name: 'a pod with no nominated node is not recorded',
      act: (n) => n.add(makePod('a')),
      want: { n1: [], n2: [] },
    },
    {
      name: 'a pod already bound to a node is not nominated',
      act: (n) => n.add(makePod('a', { nodeName: 'n1' }), 'n1'),
      want: { n1: [], n2: [] },
    },
    {
      name: 'nominating again moves the pod, it is never held twice',
      act: (n) => {
        n.add(makePod('a'), 'n1');
        n.add(makePod('a'), 'n2');
      },
      want: { n1: [], n2: ['a'] },
    },
    {
      name: 'several pods can be nominated to one node',
      act: (n) => {
        n.add(makePod('a'), 'n1');
        n.add(makePod('b'), 'n1');
      },
      want: { n1: ['a', 'b'], n2: [] },
    },
    {
      name: 'delete drops the nomination',
      act: (n) => {
        n.add(makePod('a'), 'n1');
        n.add(makePod('b'), 'n1');
        n.delete(makePod('a'));
      },
      want: { n1: ['b'], n2: [] },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const n = new Nominator();
      c.act(n);
      for (const [node, pods] of Object.entries(c.want)) assert.deepEqual(podsOn(n, node), pods, node);
    });
  }

  test('hasAny says whether any pod is nominated anywhere', () => {
    const n = new Nominator();
    assert.equal(n.hasAny(), false);
    n.add(makePod('a'), 'n1');
    assert.equal(n.hasAny(), true);
    n.delete(makePod('a'));
    assert.equal(n.hasAny(), false);
  });

  test('nominatedNodeOf answers the node of a nominated pod', () => {
    const n = new Nominator();
    n.add(makePod('a'), 'n1');
    assert.equal(n.nominatedNodeOf(makePod('a')), 'n1');
    assert.equal(n.nominatedNodeOf(makePod('b')), undefined);
  });
});

describe('Nominator update (upstream UpdateNominatedPod)', () => {
  const cases: { name: string; before: string | undefined; oldPod: Pod; newPod: Pod; want: string | undefined }[] = [
    {
      name: 'a nomination added by the update is recorded',
      before: undefined,
      oldPod: makePod('a'),
      newPod: nominated('a', 'n1'),
      want: 'n1',
    },
    {
      name: 'a nomination changed by the update replaces the old one',
      before: 'n1',
      oldPod: nominated('a', 'n1'),
      newPod: nominated('a', 'n2'),
      want: 'n2',
    },
    {
      name: 'an update with no nomination on either side keeps the one made in memory',
      before: 'n1',
      oldPod: makePod('a'),
      newPod: { ...makePod('a'), metadata: { ...makePod('a').metadata, labels: { x: 'y' } } },
      want: 'n1',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const n = new Nominator();
      if (c.before !== undefined) n.add(c.oldPod, c.before);
      n.update(c.oldPod, c.newPod);
      assert.equal(n.nominatedNodeOf(c.newPod), c.want);
    });
  }

  test('an update that removes status.nominatedNodeName drops the nomination', () => {
    const n = new Nominator();
    const oldPod = nominated('a', 'n1');
    n.add(oldPod);
    n.update(oldPod, makePod('a'));
    assert.equal(n.nominatedNodeOf(oldPod), undefined);
    assert.deepEqual(podsOn(n, 'n1'), []);
  });
});
