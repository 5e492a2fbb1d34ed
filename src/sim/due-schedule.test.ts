import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../client/testing/index.js';
import { DueSchedule } from './due-schedule.js';

function recording(clock: FakeClock): { schedule: DueSchedule<string>; fired: string[] } {
  const fired: string[] = [];
  const schedule = new DueSchedule<string>(clock, (key, at) => fired.push(`${key}@${at}`));
  return { schedule, fired };
}

describe('DueSchedule', () => {
  test('keys fire at their times, in time order, whatever order they were scheduled in', () => {
    const clock = new FakeClock(0);
    const { schedule, fired } = recording(clock);
    schedule.schedule('c', 300);
    schedule.schedule('a', 100);
    schedule.schedule('b', 200);
    clock.step(99);
    assert.deepEqual(fired, []);
    clock.step(200);
    assert.deepEqual(fired, ['a@100', 'b@200']);
    clock.step(1000);
    assert.deepEqual(fired, ['a@100', 'b@200', 'c@300']);
    assert.equal(schedule.size(), 0);
  });

  test('rescheduling a key replaces its time, earlier or later', () => {
    const clock = new FakeClock(0);
    const { schedule, fired } = recording(clock);
    schedule.schedule('early', 500);
    schedule.schedule('early', 100);
    schedule.schedule('late', 200);
    schedule.schedule('late', 900);
    clock.step(1000);
    assert.deepEqual(fired, ['early@100', 'late@900']);
  });

  test('a cancelled key does not fire', () => {
    const clock = new FakeClock(0);
    const { schedule, fired } = recording(clock);
    schedule.schedule('a', 100);
    schedule.cancel('a');
    clock.step(1000);
    assert.deepEqual(fired, []);
  });

  test('thousands of keys share one timer', () => {
    const clock = new FakeClock(0);
    const { schedule, fired } = recording(clock);
    for (let i = 0; i < 5000; i++) schedule.schedule(`k${i}`, 1000 + ((i * 7919) % 5000));
    assert.equal(clock.waiterCount(), 1);
    clock.step(10_000);
    assert.equal(fired.length, 5000);
    const times = fired.map((f) => Number(f.split('@')[1]));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  test('a callback may schedule its key again (a periodic heartbeat)', () => {
    const clock = new FakeClock(0);
    const fired: number[] = [];
    const schedule: DueSchedule<string> = new DueSchedule<string>(clock, (key, at) => {
      fired.push(at);
      schedule.schedule(key, at + 100);
    });
    schedule.schedule('beat', 100);
    clock.step(350);
    assert.deepEqual(fired, [100, 200, 300]);
  });

  test('stop cancels the timer and ignores later schedules', () => {
    const clock = new FakeClock(0);
    const { schedule, fired } = recording(clock);
    schedule.schedule('a', 100);
    schedule.stop();
    assert.equal(clock.waiterCount(), 0);
    schedule.schedule('b', 100);
    clock.step(1000);
    assert.deepEqual(fired, []);
  });

  test('a time far off waits in steps the platform timer can hold', () => {
    const clock = new FakeClock(0);
    const { schedule, fired } = recording(clock);
    const far = 40 * 24 * 3600 * 1000; // 40 days: past a 32-bit timer
    schedule.schedule('far', far);
    clock.step(far - 1);
    assert.deepEqual(fired, []);
    clock.step(1);
    assert.deepEqual(fired, [`far@${far}`]);
  });
});
