import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { ConcurrencyLimit } from './concurrency-limit.js';

/** A task that runs until `finish()` and logs when it starts. */
function task(log: string[], name: string): { run: () => Promise<string>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    run: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

describe('ConcurrencyLimit', () => {
  test('no more than the limit run at once; the others start in the order they came as slots free up', async () => {
    const limit = new ConcurrencyLimit(2);
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((n) => task(log, n));
    const results = tasks.map((t) => limit.run(t.run));
    await tick();
    assert.deepEqual(log, ['a', 'b']);
    assert.equal(limit.active, 2);
    assert.equal(limit.queued, 2);
    tasks[1]?.finish();
    await tick();
    assert.deepEqual(log, ['a', 'b', 'c']);
    tasks[0]?.finish();
    tasks[2]?.finish();
    tasks[3]?.finish();
    assert.deepEqual(await Promise.all(results), ['a', 'b', 'c', 'd']);
    assert.equal(limit.active, 0);
    assert.equal(limit.queued, 0);
  });

  test('a failing task frees its slot and its caller sees the failure', async () => {
    const limit = new ConcurrencyLimit(1);
    const failing = limit.run(() => Promise.reject(new Error('boom')));
    const next = limit.run(() => Promise.resolve('next'));
    await assert.rejects(failing, /boom/);
    assert.equal(await next, 'next');
    assert.equal(limit.active, 0);
  });

  const invalid: { name: string; limit: number }[] = [
    { name: 'a limit of zero is refused', limit: 0 },
    { name: 'a fractional limit is refused', limit: 1.5 },
  ];
  for (const c of invalid) {
    test(c.name, () => assert.throws(() => new ConcurrencyLimit(c.limit), /positive integer/));
  }
});
