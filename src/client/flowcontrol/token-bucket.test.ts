import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  test('a full bucket lets a burst through at once, then refuses until tokens flow back', () => {
    const clock = new FakeClock(0);
    const bucket = new TokenBucket(10, 3, clock);
    assert.deepEqual(
      [bucket.tryAccept(), bucket.tryAccept(), bucket.tryAccept(), bucket.tryAccept()],
      [true, true, true, false],
    );
    clock.step(100);
    assert.equal(bucket.tryAccept(), true);
    assert.equal(bucket.tryAccept(), false);
  });

  test('reservations past the burst are spaced 1/qps apart', () => {
    const clock = new FakeClock(0);
    const bucket = new TokenBucket(10, 2, clock);
    const waits = [1, 2, 3, 4, 5].map(() => bucket.reserve());
    assert.deepEqual(waits, [0, 0, 100, 200, 300]);
  });

  test('the bucket never holds more than its burst, however long it idles', () => {
    const clock = new FakeClock(0);
    const bucket = new TokenBucket(100, 2, clock);
    clock.step(60_000);
    assert.deepEqual([bucket.reserve(), bucket.reserve(), bucket.reserve()], [0, 0, 10]);
  });

  test('accept waits on the clock for its token', async () => {
    const clock = new FakeClock(0);
    const bucket = new TokenBucket(1, 1, clock);
    assert.equal(await bucket.accept(), true);
    let done = false;
    const waiting = bucket.accept().then((ok) => (done = ok));
    await Promise.resolve();
    assert.equal(done, false);
    clock.step(1000);
    await waiting;
    assert.equal(done, true);
  });

  test('an infinite qps never limits', () => {
    const bucket = new TokenBucket(Infinity, 1, new FakeClock(0));
    for (let i = 0; i < 1000; i++) assert.equal(bucket.reserve(), 0);
  });

  const invalid: { name: string; qps: number; burst: number }[] = [
    { name: 'a zero qps is refused', qps: 0, burst: 1 },
    { name: 'a negative qps is refused', qps: -1, burst: 1 },
    { name: 'a burst below one is refused', qps: 1, burst: 0 },
  ];
  for (const c of invalid) {
    test(c.name, () => assert.throws(() => new TokenBucket(c.qps, c.burst), RangeError));
  }
});
