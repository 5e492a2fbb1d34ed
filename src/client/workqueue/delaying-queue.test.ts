import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import { DelayingQueue } from './delaying-queue.js';

describe('DelayingQueue', () => {
  test('an item added after a delay appears only once the delay has passed', () => {
    const clock = new FakeClock(0);
    const q = new DelayingQueue<string>(clock);
    q.addAfter('a', 100);
    assert.equal(q.len(), 0);
    clock.step(99);
    assert.equal(q.len(), 0);
    clock.step(1);
    assert.equal(q.len(), 1);
    assert.equal(q.waitingLen(), 0);
  });

  test('due items are added in due order, whatever order they were added in', async () => {
    const clock = new FakeClock(0);
    const q = new DelayingQueue<string>(clock);
    q.addAfter('late', 300);
    q.addAfter('early', 100);
    q.addAfter('middle', 200);
    clock.step(300);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const next = await q.get();
      if (!next.shutdown) order.push(next.item);
    }
    assert.deepEqual(order, ['early', 'middle', 'late']);
  });

  const repeats: { name: string; first: number; second: number; dueAt: number }[] = [
    { name: 'a second, earlier addAfter brings the item forward', first: 500, second: 100, dueAt: 100 },
    { name: 'a second, later addAfter keeps the earlier time', first: 100, second: 500, dueAt: 100 },
  ];
  for (const c of repeats) {
    test(c.name, () => {
      const clock = new FakeClock(0);
      const q = new DelayingQueue<string>(clock);
      q.addAfter('a', c.first);
      q.addAfter('a', c.second);
      clock.step(c.dueAt - 1);
      assert.equal(q.len(), 0);
      clock.step(1);
      assert.equal(q.len(), 1);
      clock.step(1000);
      assert.equal(q.len(), 1, 'added once');
    });
  }

  test('a zero delay adds at once', () => {
    const q = new DelayingQueue<string>(new FakeClock(0));
    q.addAfter('a', 0);
    assert.equal(q.len(), 1);
  });

  test('shutDown drops waiting items and their timer', () => {
    const clock = new FakeClock(0);
    const q = new DelayingQueue<string>(clock);
    q.addAfter('a', 100);
    q.shutDown();
    assert.equal(clock.waiterCount(), 0);
    clock.step(100);
    assert.equal(q.len(), 0);
  });
});
