import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  MaxOfRateLimiter,
} from './rate-limiters.js';
import { RateLimitingQueue } from './rate-limiting-queue.js';

describe('rate limiters', () => {
  test('per-item delays double from the base and stop at the maximum', () => {
    const limiter = new ItemExponentialFailureRateLimiter<string>(5, 40);
    assert.deepEqual(
      [1, 2, 3, 4, 5].map(() => limiter.when('a')),
      [5, 10, 20, 40, 40],
    );
    assert.equal(limiter.when('b'), 5, 'each item has its own count');
    assert.equal(limiter.numRequeues('a'), 5);
    limiter.forget('a');
    assert.equal(limiter.when('a'), 5);
  });

  test('huge failure counts do not overflow past the maximum', () => {
    const limiter = new ItemExponentialFailureRateLimiter<string>(5, 1_000_000);
    for (let i = 0; i < 2000; i++) limiter.when('a');
    assert.equal(limiter.when('a'), 1_000_000);
  });

  test('the bucket lets a burst through, then spaces retries 1/qps apart', () => {
    const limiter = new BucketRateLimiter<string>(10, 2, new FakeClock(0));
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((i) => limiter.when(i)),
      [0, 0, 100, 200],
    );
  });

  test('max-of takes the longest wait and forgets in every limiter', () => {
    const a = new ItemExponentialFailureRateLimiter<string>(1, 1000);
    const b = new ItemExponentialFailureRateLimiter<string>(10, 1000);
    const max = new MaxOfRateLimiter(a, b);
    assert.deepEqual([max.when('x'), max.when('x')], [10, 20]);
    max.forget('x');
    assert.deepEqual([a.numRequeues('x'), b.numRequeues('x')], [0, 0]);
  });

  const defaults: { name: string; failures: number; want: number }[] = [
    { name: 'the default controller limiter starts at 5 ms', failures: 0, want: 5 },
    { name: 'the default controller limiter doubles per failure', failures: 3, want: 40 },
    { name: 'the default controller limiter stops at 1000 s', failures: 40, want: 1_000_000 },
  ];
  for (const c of defaults) {
    test(c.name, () => {
      const limiter = defaultControllerRateLimiter<string>(new FakeClock(0));
      for (let i = 0; i < c.failures; i++) limiter.when('item');
      assert.equal(limiter.when('item'), c.want);
    });
  }

  test('the default controller limiter spaces a storm of distinct items at 10 qps after 100', () => {
    const limiter = defaultControllerRateLimiter<number>(new FakeClock(0));
    const waits = Array.from({ length: 102 }, (_, i) => limiter.when(i));
    assert.equal(waits[99], 5);
    assert.deepEqual(waits.slice(100), [100, 200]);
  });
});

describe('RateLimitingQueue', () => {
  test('a failed item returns after its back-off, and forget resets the back-off', () => {
    const clock = new FakeClock(0);
    const q = new RateLimitingQueue<string>(new ItemExponentialFailureRateLimiter(5, 1000), clock);
    q.addRateLimited('a');
    q.addRateLimited('a');
    assert.equal(q.numRequeues('a'), 2);
    clock.step(5);
    assert.equal(q.len(), 1, 'the earlier time wins');
    q.forget('a');
    assert.equal(q.numRequeues('a'), 0);
  });

  test('by default it uses the controller limiter on its clock', () => {
    const clock = new FakeClock(0);
    const q = new RateLimitingQueue<string>(undefined, clock);
    q.addRateLimited('a');
    assert.equal(clock.nextTimerAt(), 5);
  });
});
