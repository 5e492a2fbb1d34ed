import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectedPodCount } from './expected-pods.js';
import { finderOf, fixturePdb, fixturePod } from './pdb-test-fixtures.js';

const pods = [fixturePod('a', { owner: 'rs1' }), fixturePod('b', { owner: 'rs1' }), fixturePod('c', { owner: 'rs2' })];
const find = finderOf({ rs1: 4, rs2: 3 });

describe('expectedPodCount', () => {
  const cases: {
    name: string;
    spec: { minAvailable?: number | string; maxUnavailable?: number | string };
    expected: { expectedCount: number; desiredHealthy: number };
  }[] = [
    {
      name: 'minAvailable as a count expects the selected pods and demands the count',
      spec: { minAvailable: 2 },
      expected: { expectedCount: 3, desiredHealthy: 2 },
    },
    {
      name: 'minAvailable as a percentage expects the controllers’ scale and rounds the share up',
      spec: { minAvailable: '50%' },
      expected: { expectedCount: 7, desiredHealthy: 4 },
    },
    {
      name: 'maxUnavailable as a count is taken off the controllers’ scale',
      spec: { maxUnavailable: 2 },
      expected: { expectedCount: 7, desiredHealthy: 5 },
    },
    {
      name: 'maxUnavailable as a percentage rounds the unavailable share up',
      spec: { maxUnavailable: '30%' },
      expected: { expectedCount: 7, desiredHealthy: 4 },
    },
    {
      name: 'desired healthy never drops below zero',
      spec: { maxUnavailable: 10 },
      expected: { expectedCount: 7, desiredHealthy: 0 },
    },
    {
      name: 'a budget with neither field demands nothing',
      spec: {},
      expected: { expectedCount: 0, desiredHealthy: 0 },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { expectedCount, desiredHealthy } = expectedPodCount(fixturePdb(c.spec), pods, find);
      assert.deepEqual({ expectedCount, desiredHealthy }, c.expected);
    });
  }

  test('pods without a controller are reported, not counted in the scale', () => {
    const result = expectedPodCount(fixturePdb({ minAvailable: '100%' }), [...pods, fixturePod('naked')], find);
    assert.deepEqual(result, { expectedCount: 7, desiredHealthy: 7, unmanagedPods: ['naked'] });
  });

  test('a pod whose controller is unknown fails the count', () => {
    assert.throws(
      () => expectedPodCount(fixturePdb({ maxUnavailable: 1 }), [fixturePod('x', { owner: 'gone' })], find),
      {
        message: 'found no controllers for pod "x"',
      },
    );
  });

  test('an integer minAvailable needs no controllers at all', () => {
    const result = expectedPodCount(fixturePdb({ minAvailable: 1 }), [fixturePod('x', { owner: 'gone' })], find);
    assert.deepEqual(result, { expectedCount: 1, desiredHealthy: 1, unmanagedPods: [] });
  });
});
