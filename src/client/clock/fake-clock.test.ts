import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sleep } from './clock.js';
import { FakeClock } from './fake-clock.js';

describe('FakeClock', () => {
  test('timers fire in due order when time steps past them, not before', () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('b'), 20);
    clock.setTimer(() => fired.push('a'), 10);
    clock.setTimer(() => fired.push('c'), 30);
    clock.step(9);
    assert.deepEqual(fired, []);
    clock.step(11);
    assert.deepEqual(fired, ['a', 'b']);
    assert.equal(clock.now(), 20);
    assert.equal(clock.waiterCount(), 1);
  });

  test('a timer scheduled by a firing timer fires within the same step when it comes due', () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    clock.setTimer(() => {
      seen.push(clock.now());
      clock.setTimer(() => seen.push(clock.now()), 5);
    }, 5);
    clock.step(10);
    assert.deepEqual(seen, [5, 10]);
  });

  test('a cancelled timer never fires', () => {
    const clock = new FakeClock(0);
    let fired = false;
    clock.setTimer(() => (fired = true), 1).cancel();
    clock.step(5);
    assert.equal(fired, false);
    assert.equal(clock.waiterCount(), 0);
  });

  test('sleep resolves true after the delay and false when aborted', async () => {
    const clock = new FakeClock(0);
    const slept = sleep(clock, 100);
    clock.step(100);
    assert.equal(await slept, true);
    const controller = new AbortController();
    const aborted = sleep(clock, 100, controller.signal);
    controller.abort();
    assert.equal(await aborted, false);
    assert.equal(clock.waiterCount(), 0);
  });
});
