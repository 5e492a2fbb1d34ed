import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeNode, makeNodeInfo } from '../testing/builders.js';
import type { NodeInfo } from './node-info.js';
import { Snapshot } from './snapshot.js';

const info = (name: string, labels: Record<string, string> = {}): NodeInfo => makeNodeInfo(makeNode(name, { labels }));
const names = (s: Snapshot): string[] => s.list().map((n) => n.name);

describe('Snapshot', () => {
  const cases: { name: string; change: (s: Snapshot) => void; want: string[] }[] = [
    { name: 'a node set again keeps its place', change: (s) => s.set(info('b')), want: ['a', 'b', 'c'] },
    { name: 'a new node goes last', change: (s) => s.set(info('d')), want: ['a', 'b', 'c', 'd'] },
    { name: 'a removed node leaves the others in order', change: (s) => s.remove('a'), want: ['b', 'c'] },
    { name: 'removing an unknown node changes nothing', change: (s) => s.remove('x'), want: ['a', 'b', 'c'] },
    {
      name: 'after a removal, nodes set again still keep their places',
      change: (s) => {
        s.remove('a');
        s.set(info('c', { v: '2' }));
        s.set(info('b', { v: '2' }));
        s.set(info('a'));
      },
      want: ['b', 'c', 'a'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const snapshot = new Snapshot([info('a'), info('b'), info('c')]);
      c.change(snapshot);
      assert.deepEqual(names(snapshot), c.want);
      for (const n of c.want) assert.equal(snapshot.get(n)?.name, n);
    });
  }

  test('a node set again is the one listed and got', () => {
    const snapshot = new Snapshot([info('a'), info('b')]);
    const replacement = info('b', { v: '2' });
    snapshot.set(replacement);
    assert.equal(snapshot.list()[1], replacement);
    assert.equal(snapshot.get('b'), replacement);
  });

  test('counts the nodes holding each image as nodes are set, replaced and removed', () => {
    const withImages = (name: string, ...images: string[]): NodeInfo => {
      const info = makeNodeInfo(makeNode(name));
      info.imageStates = new Map(images.map((i) => [i, { size: 1, numNodes: 1 }]));
      return info;
    };
    const snapshot = new Snapshot([withImages('a', 'x', 'y'), withImages('b', 'x')]);
    const counts = (): number[] => ['x', 'y', 'z'].map((i) => snapshot.nodesWithImage(i));
    assert.deepEqual(counts(), [2, 1, 0]);
    snapshot.set(snapshot.get('a')!.clone());
    assert.deepEqual(counts(), [2, 1, 0], 'a clone shares its images');
    snapshot.set(withImages('a', 'z'));
    assert.deepEqual(counts(), [1, 0, 1]);
    snapshot.set(withImages('c', 'x', 'z'));
    assert.deepEqual(counts(), [2, 0, 2]);
    snapshot.remove('b');
    assert.deepEqual(counts(), [1, 0, 2]);
    snapshot.replace([withImages('d', 'y')]);
    assert.deepEqual(counts(), [0, 1, 0]);
  });
});
