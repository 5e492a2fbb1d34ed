import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JobCondition } from './job-api.js';
import { ensureCondition, newCondition } from './job-conditions.js';

const t0 = Date.parse('2024-05-10T10:00:00Z');
const t1 = Date.parse('2024-05-10T11:00:00Z');

describe('ensureCondition', () => {
  const suspended = newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', t0);
  const cases: [string, JobCondition[], [string, string, string, string], JobCondition[], boolean][] = [
    [
      'a True condition is added',
      [],
      ['Suspended', 'True', 'JobSuspended', 'Job suspended'],
      [newCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', t1)],
      true,
    ],
    ['a False condition is not added from nothing', [], ['Suspended', 'False', 'JobResumed', 'Job resumed'], [], false],
    [
      'the same condition is left alone, times included',
      [suspended],
      ['Suspended', 'True', 'JobSuspended', 'Job suspended'],
      [suspended],
      false,
    ],
    [
      'a changed status replaces it with fresh times',
      [suspended],
      ['Suspended', 'False', 'JobResumed', 'Job resumed'],
      [newCondition('Suspended', 'False', 'JobResumed', 'Job resumed', t1)],
      true,
    ],
  ];
  for (const [name, before, [type, status, reason, message], after, changed] of cases) {
    test(name, () => assert.deepEqual(ensureCondition(before, type, status, reason, message, t1), [after, changed]));
  }

  test('a new condition stamps probe and transition times to the second', () => {
    assert.deepEqual(newCondition('Complete', 'True', 'CompletionsReached', 'm', t0 + 123), {
      type: 'Complete',
      status: 'True',
      lastProbeTime: '2024-05-10T10:00:00Z',
      lastTransitionTime: '2024-05-10T10:00:00Z',
      reason: 'CompletionsReached',
      message: 'm',
    });
  });
});
