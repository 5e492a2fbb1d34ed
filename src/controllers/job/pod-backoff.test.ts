import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { BackoffStore, remainingBackoffMs } from './pod-backoff.js';

const timings = { baseMs: 10_000, maxMs: 600_000 };

/** A pod whose only container finished at `at`. */
const finished = (at: string): Pod =>
  ({ status: { containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 1, finishedAt: at } } }] } }) as Pod;

describe('pod failure back-off', () => {
  const now = Date.parse('2024-05-10T10:00:00Z');
  const cases: [string, number, number | undefined, number][] = [
    ['no failures: no wait', 0, undefined, 0],
    ['one failure just now: the base delay', 1, now, 10_000],
    ['the delay doubles per failure', 3, now, 40_000],
    ['it is capped', 12, now, 600_000],
    ['time since the failure is taken off', 2, now - 5_000, 15_000],
    ['long ago: no wait', 2, now - 60_000, 0],
  ];
  for (const [name, failures, last, wait] of cases) {
    test(name, () => assert.equal(remainingBackoffMs(timings, failures, last, now), wait));
  }
});

describe('BackoffStore', () => {
  test('failures add up and remember the latest one', () => {
    const store = new BackoffStore();
    const first = store.next('ns/j', [], [finished('2024-05-10T10:00:05Z'), finished('2024-05-10T10:00:01Z')]);
    assert.deepEqual(first, {
      key: 'ns/j',
      failuresAfterLastSuccess: 2,
      lastFailureMs: Date.parse('2024-05-10T10:00:05Z'),
    });
    store.update(first);
    assert.equal(store.next('ns/j', [], [finished('2024-05-10T10:01:00Z')]).failuresAfterLastSuccess, 3);
  });

  test('a success resets the count to the failures after it', () => {
    const store = new BackoffStore();
    store.update({ key: 'ns/j', failuresAfterLastSuccess: 4, lastFailureMs: 0 });
    const record = store.next(
      'ns/j',
      [finished('2024-05-10T10:00:10Z')],
      [finished('2024-05-10T10:00:05Z'), finished('2024-05-10T10:00:20Z')],
    );
    assert.deepEqual(record, {
      key: 'ns/j',
      failuresAfterLastSuccess: 1,
      lastFailureMs: Date.parse('2024-05-10T10:00:20Z'),
    });
    assert.deepEqual(store.next('ns/j', [finished('2024-05-10T10:00:10Z')], []), {
      key: 'ns/j',
      failuresAfterLastSuccess: 0,
    });
  });

  test('nothing new keeps the stored record; a removed Job starts over', () => {
    const store = new BackoffStore();
    store.update({ key: 'ns/j', failuresAfterLastSuccess: 2, lastFailureMs: 7 });
    assert.deepEqual(store.next('ns/j', [], []), { key: 'ns/j', failuresAfterLastSuccess: 2, lastFailureMs: 7 });
    store.remove('ns/j');
    assert.deepEqual(store.next('ns/j', [], []), { key: 'ns/j', failuresAfterLastSuccess: 0 });
  });
});
