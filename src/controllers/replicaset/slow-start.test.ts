import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slowStartBatch } from './slow-start.js';

describe('slow start', () => {
  const cases: { name: string; count: number; failAt?: number; batches: number[]; successes: number }[] = [
    { name: 'ten calls run in batches of 1, 2, 4 and the 3 left', count: 10, batches: [1, 2, 4, 3], successes: 10 },
    { name: 'no calls run no batch', count: 0, batches: [], successes: 0 },
    { name: 'a failure in the first call stops everything after it', count: 10, failAt: 1, batches: [1], successes: 0 },
    {
      name: 'a failure in the third batch ends the run after that batch',
      count: 20,
      failAt: 5,
      batches: [1, 2, 4],
      successes: 6,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const batches: number[] = [];
      let calls = 0;
      let inBatch = 0;
      const result = await slowStartBatch(c.count, 1, async () => {
        calls++;
        if (inBatch === 0) batches.push(0);
        inBatch++;
        batches[batches.length - 1] = (batches[batches.length - 1] ?? 0) + 1;
        const mine = calls;
        await Promise.resolve();
        inBatch--;
        if (mine === c.failAt) throw new Error('quota exceeded');
      });
      assert.deepEqual(batches, c.batches);
      assert.equal(result.successes, c.successes);
      assert.equal(result.error === undefined, c.failAt === undefined);
      if (c.failAt !== undefined) assert.equal((result.error as Error).message, 'quota exceeded');
    });
  }
});
