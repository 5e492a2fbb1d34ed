import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildDisruptedPodMap,
  conditionsAreUpToDate,
  countHealthyPods,
  disruptionsAllowed,
  failSafeStatus,
  nextPdbStatus,
  setStatusCondition,
} from './pdb-status.js';
import { fixturePdb, fixturePod } from './pdb-test-fixtures.js';

const NOW = Date.parse('2024-01-01T00:10:00Z');
const NOW_ISO = '2024-01-01T00:10:00Z';
const MINUTE = 60_000;
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace(/\.\d+Z$/, 'Z');

describe('disruptionsAllowed', () => {
  const cases: { name: string; healthy: number; desired: number; expected: number; allowed: number }[] = [
    { name: 'healthy beyond desired may be disrupted', healthy: 5, desired: 3, expected: 5, allowed: 2 },
    { name: 'exactly desired allows none', healthy: 3, desired: 3, expected: 5, allowed: 0 },
    { name: 'fewer than desired allows none (never negative)', healthy: 1, desired: 3, expected: 5, allowed: 0 },
    { name: 'a budget expecting no pods allows none', healthy: 2, desired: 0, expected: 0, allowed: 0 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(disruptionsAllowed(c.healthy, c.desired, c.expected), c.allowed);
    });
  }
});

describe('healthy pods and recorded disruptions', () => {
  test('ready pods count; unready, deleting and recently evicted ones do not', () => {
    const pods = [
      fixturePod('ready'),
      fixturePod('unready', { ready: false }),
      fixturePod('deleting', { deleting: true }),
      fixturePod('evicted'),
      fixturePod('evicted-long-ago'),
    ];
    const disrupted = { evicted: ago(MINUTE), 'evicted-long-ago': ago(3 * MINUTE) };
    assert.equal(countHealthyPods(pods, disrupted, NOW), 2);
  });

  test('recorded disruptions are kept until the timeout, then dropped and reported; the earliest expiry is the recheck', () => {
    const pods = [
      fixturePod('recent'),
      fixturePod('older'),
      fixturePod('expired'),
      fixturePod('deleting', { deleting: true }),
    ];
    const pdb = fixturePdb(
      { minAvailable: 1 },
      {
        disruptedPods: {
          recent: ago(10_000),
          older: ago(MINUTE),
          expired: ago(3 * MINUTE),
          deleting: ago(10_000),
          'not-selected': ago(10_000),
        },
      },
    );
    const result = buildDisruptedPodMap(pods, pdb, NOW);
    assert.deepEqual(result.disruptedPods, { recent: ago(10_000), older: ago(MINUTE) });
    assert.deepEqual(
      result.notDeleted.map((p) => p.metadata?.name),
      ['expired'],
    );
    assert.equal(result.recheckAtMs, NOW - MINUTE + 2 * MINUTE);
  });

  test('a shorter timeout drops disruptions sooner', () => {
    const pdb = fixturePdb({ minAvailable: 1 }, { disruptedPods: { a: ago(10_000) } });
    assert.deepEqual(buildDisruptedPodMap([fixturePod('a')], pdb, NOW, 5_000).disruptedPods, {});
  });
});

describe('the status to write', () => {
  const counts = { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: {} };

  test('a new status carries the counts, the generation and a SufficientPods condition', () => {
    const status = nextPdbStatus(fixturePdb({ minAvailable: 2 }), counts, NOW_ISO);
    assert.deepEqual(status, {
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 1,
      observedGeneration: 1,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: 'True',
          reason: 'SufficientPods',
          message: '',
          observedGeneration: 1,
          lastTransitionTime: NOW_ISO,
        },
      ],
    });
  });

  test('no disruption allowed is InsufficientPods', () => {
    const status = nextPdbStatus(fixturePdb({ minAvailable: 3 }), { ...counts, desiredHealthy: 3 }, NOW_ISO);
    assert.deepEqual(
      status?.conditions?.map((c) => [c.status, c.reason]),
      [['False', 'InsufficientPods']],
    );
  });

  test('a status that is up to date is not written again', () => {
    const pdb = fixturePdb({ minAvailable: 2 });
    const written = nextPdbStatus(pdb, counts, NOW_ISO);
    assert.notEqual(written, undefined);
    assert.equal(nextPdbStatus({ ...pdb, status: written }, counts, '2024-01-01T01:00:00Z'), undefined);
  });

  test('a newer generation is written even with the same counts', () => {
    const pdb = fixturePdb({ minAvailable: 2 });
    const written = nextPdbStatus(pdb, counts, NOW_ISO);
    const bumped = { ...pdb, metadata: { ...pdb.metadata, generation: 2 }, status: written };
    assert.equal(nextPdbStatus(bumped, counts, NOW_ISO)?.observedGeneration, 2);
  });

  test('the fail-safe status allows nothing and says why, the rest kept', () => {
    const pdb = fixturePdb({ minAvailable: 2 }, { currentHealthy: 3, disruptionsAllowed: 1, observedGeneration: 1 });
    const status = failSafeStatus(pdb, 'found no controllers for pod "x"', NOW_ISO);
    assert.equal(status.disruptionsAllowed, 0);
    assert.equal(status.currentHealthy, 3);
    assert.deepEqual(status.conditions, [
      {
        type: 'DisruptionAllowed',
        status: 'False',
        reason: 'SyncFailed',
        message: 'found no controllers for pod "x"',
        observedGeneration: 1,
        lastTransitionTime: NOW_ISO,
      },
    ]);
    assert.equal(conditionsAreUpToDate({ ...pdb, status }), false, 'a sync failure is never up to date');
  });
});

describe('setStatusCondition', () => {
  const base = { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '' };
  test('the transition time moves only when the status changes', () => {
    const first = setStatusCondition([], base, '2024-01-01T00:00:00Z');
    const same = setStatusCondition(first, { ...base, reason: 'Other' }, '2024-01-01T00:05:00Z');
    assert.deepEqual(
      same.map((c) => [c.reason, c.lastTransitionTime]),
      [['Other', '2024-01-01T00:00:00Z']],
    );
    const flipped = setStatusCondition(same, { ...base, status: 'False' }, '2024-01-01T00:09:00Z');
    assert.equal(flipped[0]?.lastTransitionTime, '2024-01-01T00:09:00Z');
  });
});
