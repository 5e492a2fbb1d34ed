import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeNode } from '../../testing/builders.js';
import { TopologyCounts } from './topology-counts.js';

const a = makeNode('a', { labels: { zone: 'z1' } });
const b = makeNode('b', { labels: { zone: 'z2' } });

describe('TopologyCounts', () => {
  const cases: {
    name: string;
    adds: [typeof a, string, number][];
    want: [string, number][];
    positiveOn: Record<string, boolean>;
  }[] = [
    {
      name: 'counts add up per topology pair',
      adds: [
        [a, 'zone', 1],
        [a, 'zone', 1],
        [b, 'zone', 1],
        [a, 'kubernetes.io/hostname', 1],
      ],
      want: [
        ['kubernetes.io/hostname\u0000a', 1],
        ['zone\u0000z1', 2],
        ['zone\u0000z2', 1],
      ],
      positiveOn: { a: true, b: true },
    },
    {
      name: 'a node without the topology label counts nowhere',
      adds: [[a, 'rack', 1]],
      want: [],
      positiveOn: { a: false, b: false },
    },
    {
      name: 'a pair that drops back to zero is deleted',
      adds: [
        [a, 'zone', 1],
        [b, 'zone', 1],
        [a, 'zone', -1],
      ],
      want: [['zone\u0000z2', 1]],
      positiveOn: { a: false, b: true },
    },
    {
      name: 'a negative count is kept but does not reject',
      adds: [[a, 'zone', -1]],
      want: [['zone\u0000z1', -1]],
      positiveOn: { a: false, b: false },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const counts = new TopologyCounts();
      for (const [node, key, delta] of c.adds) counts.add(node, key, delta);
      assert.deepEqual([...counts.entries()].sort(), c.want);
      assert.equal(counts.size, c.want.length);
      const positive = {
        a: counts.anyPositiveOn(a.metadata?.labels ?? {}),
        b: counts.anyPositiveOn(b.metadata?.labels ?? {}),
      };
      assert.deepEqual(positive, c.positiveOn);
    });
  }

  test('a clone changes independently of the original', () => {
    const counts = new TopologyCounts();
    counts.add(a, 'zone', 1);
    const copy = counts.clone();
    copy.add(a, 'zone', -1);
    copy.add(b, 'zone', 1);
    assert.deepEqual([...counts.entries()], [['zone\u0000z1', 1]]);
    assert.deepEqual([...copy.entries()], [['zone\u0000z2', 1]]);
  });
});
