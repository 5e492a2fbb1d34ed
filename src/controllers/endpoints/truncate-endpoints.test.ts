import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Address, Subset } from './repack-subsets.js';
import { addressCount, truncateSubsets } from './truncate-endpoints.js';

const addresses = (n: number, prefix: string): Address[] =>
  Array.from({ length: n }, (_, i) => ({ ip: `${prefix}.${i}`, targetRef: { kind: 'Pod', uid: `${prefix}-${i}` } }));

describe('truncateSubsets', () => {
  const cases: {
    name: string;
    subsets: Subset[];
    capacity: number;
    expected: { truncated: boolean; ready: number[]; notReady: number[] };
  }[] = [
    {
      name: 'subsets within capacity are kept whole',
      subsets: [{ addresses: addresses(3, 'a'), notReadyAddresses: addresses(2, 'b') }],
      capacity: 5,
      expected: { truncated: false, ready: [3], notReady: [2] },
    },
    {
      name: 'not-ready addresses are cut first, ready ones kept',
      subsets: [{ addresses: addresses(3, 'a'), notReadyAddresses: addresses(4, 'b') }],
      capacity: 5,
      expected: { truncated: true, ready: [3], notReady: [2] },
    },
    {
      name: 'too many ready addresses are cut in proportion (rounded up) and every not-ready one goes',
      subsets: [
        { addresses: addresses(6, 'a'), notReadyAddresses: addresses(1, 'x') },
        { addresses: addresses(4, 'b') },
      ],
      capacity: 5,
      expected: { truncated: true, ready: [3, 2], notReady: [0, 0] },
    },
    {
      name: 'rounding up leaves the last subset what remains',
      subsets: [{ addresses: addresses(5, 'a') }, { addresses: addresses(5, 'b') }, { addresses: addresses(5, 'c') }],
      capacity: 10,
      expected: { truncated: true, ready: [4, 4, 2], notReady: [0, 0, 0] },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = truncateSubsets(c.subsets, c.capacity);
      assert.equal(result.truncated, c.expected.truncated);
      assert.deepEqual(
        result.subsets.map((s) => s.addresses?.length ?? 0),
        c.expected.ready.filter((_, i) => result.subsets[i] !== undefined),
      );
      assert.deepEqual(
        result.subsets.map((s) => s.notReadyAddresses?.length ?? 0),
        c.expected.notReady.filter((_, i) => result.subsets[i] !== undefined),
      );
      assert.ok(addressCount(result.subsets) <= c.capacity);
    });
  }

  test('a subset left without addresses is dropped', () => {
    const result = truncateSubsets([{ addresses: addresses(3, 'a') }, { notReadyAddresses: addresses(2, 'b') }], 2);
    assert.deepEqual(
      result.subsets.map((s) => [s.addresses?.length, s.notReadyAddresses?.length]),
      [[2, undefined]],
    );
  });
});
