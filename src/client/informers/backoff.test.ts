import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import { Backoff } from './backoff.js';

describe('Backoff', () => {
  test('without jitter the delays double from 1 s and stop at 30 s', () => {
    const backoff = new Backoff({ clock: new FakeClock(0), random: () => 0 });
    const delays = Array.from({ length: 7 }, () => backoff.next());
    assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  test('jitter stretches a delay by at most a tenth', () => {
    const backoff = new Backoff({ clock: new FakeClock(0), random: () => 0.999 });
    assert.equal(backoff.next(), Math.round(1000 * (1 + 0.1 * 0.999)));
  });

  test('two quiet minutes start the delays over', () => {
    const clock = new FakeClock(0);
    const backoff = new Backoff({ clock, random: () => 0 });
    backoff.next();
    backoff.next();
    clock.step(120_001);
    assert.equal(backoff.next(), 1000);
  });
});
