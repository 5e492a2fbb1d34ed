import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeyedHeap } from './heap.js';
import { seededRandom } from '../../machinery/testing/seeded-random.js';

interface Item {
  readonly key: string;
  readonly value: number;
}

const newHeap = (): KeyedHeap<Item> =>
  new KeyedHeap<Item>(
    (i) => i.key,
    (a, b) => a.value < b.value,
  );

const drain = (heap: KeyedHeap<Item>): string[] => {
  const out: string[] = [];
  for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item.key);
  return out;
};

describe('KeyedHeap order', () => {
  const cases: { name: string; push: [string, number][]; want: string[] }[] = [
    { name: 'an empty heap pops nothing', push: [], want: [] },
    { name: 'one item comes back', push: [['a', 1]], want: ['a'] },
    {
      name: 'items come out smallest first whatever the order they went in',
      push: [
        ['c', 3],
        ['a', 1],
        ['e', 5],
        ['b', 2],
        ['d', 4],
      ],
      want: ['a', 'b', 'c', 'd', 'e'],
    },
    {
      name: 'items pushed in descending order come out ascending',
      push: [
        ['e', 5],
        ['d', 4],
        ['c', 3],
        ['b', 2],
        ['a', 1],
      ],
      want: ['a', 'b', 'c', 'd', 'e'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const heap = newHeap();
      for (const [key, value] of c.push) heap.push({ key, value });
      assert.equal(heap.size, c.push.length);
      assert.equal(heap.peek()?.key, c.want[0]);
      assert.deepEqual(drain(heap), c.want);
      assert.equal(heap.size, 0);
    });
  }
});

describe('KeyedHeap update and delete by key', () => {
  const base: [string, number][] = [
    ['a', 10],
    ['b', 20],
    ['c', 30],
    ['d', 40],
    ['e', 50],
  ];
  const cases: {
    name: string;
    act: (heap: KeyedHeap<Item>) => void;
    want: string[];
  }[] = [
    {
      name: 'pushing an existing key with a smaller value moves it up',
      act: (h) => h.push({ key: 'e', value: 5 }),
      want: ['e', 'a', 'b', 'c', 'd'],
    },
    {
      name: 'pushing an existing key with a larger value moves it down',
      act: (h) => h.push({ key: 'a', value: 45 }),
      want: ['b', 'c', 'd', 'a', 'e'],
    },
    {
      name: 'pushing an existing key does not add a second copy',
      act: (h) => h.push({ key: 'c', value: 30 }),
      want: ['a', 'b', 'c', 'd', 'e'],
    },
    {
      name: 'deleting the top leaves the rest in order',
      act: (h) => assert.equal(h.delete('a')?.value, 10),
      want: ['b', 'c', 'd', 'e'],
    },
    {
      name: 'deleting a middle item leaves the rest in order',
      act: (h) => assert.equal(h.delete('c')?.value, 30),
      want: ['a', 'b', 'd', 'e'],
    },
    {
      name: 'deleting the last item leaves the rest in order',
      act: (h) => assert.equal(h.delete('e')?.value, 50),
      want: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'deleting an unknown key changes nothing and answers undefined',
      act: (h) => assert.equal(h.delete('zz'), undefined),
      want: ['a', 'b', 'c', 'd', 'e'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const heap = newHeap();
      for (const [key, value] of base) heap.push({ key, value });
      c.act(heap);
      for (const key of c.want) assert.ok(heap.has(key), `has ${key}`);
      assert.equal(heap.size, c.want.length);
      assert.deepEqual(drain(heap), c.want);
    });
  }

  test('get answers the current item of a key, and nothing once it is popped', () => {
    const heap = newHeap();
    heap.push({ key: 'a', value: 1 });
    heap.push({ key: 'a', value: 7 });
    assert.deepEqual(heap.get('a'), { key: 'a', value: 7 });
    heap.pop();
    assert.equal(heap.get('a'), undefined);
    assert.equal(heap.has('a'), false);
  });
});

describe('KeyedHeap against a sorted reference', () => {
  for (const seed of [1, 2, 3, 42, 1234]) {
    test(`many random pushes, updates, deletes and pops agree with a sorted list (seed ${seed})`, () => {
      const random = seededRandom(seed);
      const heap = newHeap();
      const reference = new Map<string, number>();
      // Values are unique (value * 1000 + key index) so the pop order is fully determined.
      let serial = 0;
      for (let step = 0; step < 4000; step++) {
        const op = random();
        const key = `k${Math.floor(random() * 200)}`;
        if (op < 0.45) {
          const value = Math.floor(random() * 1000) * 10_000 + serial++;
          heap.push({ key, value });
          reference.set(key, value);
        } else if (op < 0.65) {
          const removed = heap.delete(key);
          assert.equal(removed?.value, reference.get(key));
          reference.delete(key);
        } else if (op < 0.85) {
          const popped = heap.pop();
          const sorted = [...reference].sort((a, b) => a[1] - b[1]);
          assert.equal(popped?.key, sorted[0]?.[0]);
          if (popped !== undefined) reference.delete(popped.key);
        } else {
          const sorted = [...reference].sort((a, b) => a[1] - b[1]);
          assert.equal(heap.peek()?.key, sorted[0]?.[0]);
        }
        assert.equal(heap.size, reference.size);
      }
      const rest = [...reference].sort((a, b) => a[1] - b[1]).map(([k]) => k);
      assert.deepEqual(drain(heap), rest);
    });
  }
});
