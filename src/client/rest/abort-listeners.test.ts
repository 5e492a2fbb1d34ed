import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AbortListeners } from './abort-listeners.js';

/** An AbortController whose signal counts the listeners added to it. */
function countingController(): { controller: AbortController; listeners: () => number } {
  const controller = new AbortController();
  let listeners = 0;
  const add = controller.signal.addEventListener.bind(controller.signal);
  controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
    listeners++;
    add(...args);
  }) as typeof add;
  return { controller, listeners: () => listeners };
}

describe('abort listeners', () => {
  test('many requests on one signal add one listener to it, and each callback runs once on abort', () => {
    const { controller, listeners } = countingController();
    const aborts = new AbortListeners();
    const calls: number[] = [];
    for (let i = 0; i < 100; i++) aborts.add(controller.signal, () => calls.push(i));
    assert.equal(listeners(), 1);
    controller.abort();
    controller.abort();
    assert.equal(calls.length, 100);
    assert.deepEqual(calls.slice(0, 3), [0, 1, 2]);
  });

  test('a callback taken off before the abort does not run', () => {
    const controller = new AbortController();
    const aborts = new AbortListeners();
    const calls: string[] = [];
    const remove = aborts.add(controller.signal, () => calls.push('removed'));
    aborts.add(controller.signal, () => calls.push('kept'));
    remove();
    controller.abort();
    assert.deepEqual(calls, ['kept']);
  });

  test('signals are independent', () => {
    const first = new AbortController();
    const second = new AbortController();
    const aborts = new AbortListeners();
    const calls: string[] = [];
    aborts.add(first.signal, () => calls.push('first'));
    aborts.add(second.signal, () => calls.push('second'));
    second.abort();
    assert.deepEqual(calls, ['second']);
  });
});
