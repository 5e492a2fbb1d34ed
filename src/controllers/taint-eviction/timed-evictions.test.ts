import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../../client/clock/fake-clock.js';
import { TimedEvictions } from './timed-evictions.js';

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('TimedEvictions', () => {
  test('an eviction runs when its time comes, not before', async () => {
    const clock = new FakeClock();
    const ran: string[] = [];
    const evictions = new TimedEvictions(clock, async (key) => void ran.push(key));
    evictions.schedule('ns/a', clock.now() + 2_000);
    clock.step(1_999);
    await settle();
    assert.deepEqual(ran, []);
    clock.step(1);
    await settle();
    assert.deepEqual(ran, ['ns/a']);
  });

  test('a cancelled eviction never runs and cancel says it was pending', async () => {
    const clock = new FakeClock();
    const ran: string[] = [];
    const evictions = new TimedEvictions(clock, async (key) => void ran.push(key));
    evictions.schedule('ns/a', clock.now() + 1_000);
    assert.equal(evictions.cancel('ns/a'), true);
    clock.step(5_000);
    await settle();
    assert.deepEqual(ran, []);
    assert.equal(evictions.cancel('ns/a'), false);
  });

  test('a done eviction is remembered so the pod is not evicted twice, until cancelled', async () => {
    const clock = new FakeClock();
    let runs = 0;
    const evictions = new TimedEvictions(clock, async () => void runs++);
    evictions.schedule('ns/a', clock.now());
    clock.step(0);
    await settle();
    assert.equal(evictions.get('ns/a')?.done, true);
    evictions.schedule('ns/a', clock.now());
    clock.step(10);
    await settle();
    assert.equal(runs, 1);
    assert.equal(evictions.cancel('ns/a'), false, 'nothing was pending');
    assert.equal(evictions.size, 0);
  });

  test('a failed eviction is forgotten so that it can be scheduled again', async () => {
    const clock = new FakeClock();
    const evictions = new TimedEvictions(clock, async () => {
      throw new Error('boom');
    });
    evictions.schedule('ns/a', clock.now());
    clock.step(0);
    await settle();
    assert.equal(evictions.get('ns/a'), undefined);
  });
});
