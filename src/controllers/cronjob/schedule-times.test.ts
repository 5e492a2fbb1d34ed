import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCronSchedule } from './cron-schedule.js';
import {
  INVALID_SCHEDULE_INTERVAL,
  nextScheduleDelayMs,
  nextScheduleTime,
  type ScheduleState,
} from './schedule-times.js';

const at = (iso: string): number => Date.parse(iso);

function schedule(spec: string) {
  const parsed = parseCronSchedule(spec);
  assert.ok(parsed.ok);
  return parsed.schedule;
}

interface Case {
  readonly name: string;
  readonly spec: string;
  readonly created: string;
  readonly lastSchedule?: string;
  readonly deadline?: number;
  readonly now: string;
  /** The activation due now, if any. */
  readonly due?: string;
  readonly tooManyMissed?: boolean;
  /** How long until the controller looks again (ms). */
  readonly delayMs?: number;
  readonly error?: string;
}

const cases: Case[] = [
  {
    name: 'a new CronJob is not due before its first activation',
    spec: '* * * * *',
    created: '2024-05-10T10:00:30Z',
    now: '2024-05-10T10:00:50Z',
    delayMs: 10_100,
  },
  {
    name: 'once its first activation has passed it is due',
    spec: '* * * * *',
    created: '2024-05-10T10:00:30Z',
    now: '2024-05-10T10:01:05Z',
    due: '2024-05-10T10:01:00Z',
    delayMs: 55_100,
  },
  {
    name: 'an activation already scheduled is not due again',
    spec: '* * * * *',
    created: '2024-05-10T10:00:30Z',
    lastSchedule: '2024-05-10T10:01:00Z',
    now: '2024-05-10T10:01:30Z',
    delayMs: 30_100,
  },
  {
    name: 'of several missed activations only the latest is due',
    spec: '* * * * *',
    created: '2024-05-10T10:00:30Z',
    now: '2024-05-10T10:05:10Z',
    due: '2024-05-10T10:05:00Z',
    tooManyMissed: false,
    delayMs: 50_100,
  },
  {
    name: 'more than a hundred missed activations are reported',
    spec: '* * * * *',
    created: '2024-05-10T00:00:30Z',
    now: '2024-05-10T03:20:10Z',
    due: '2024-05-10T03:20:00Z',
    tooManyMissed: true,
  },
  {
    name: 'an activation older than startingDeadlineSeconds is not due',
    spec: '* * * * *',
    created: '2024-05-10T10:00:30Z',
    deadline: 5,
    now: '2024-05-10T10:05:10Z',
  },
  {
    name: 'an activation within startingDeadlineSeconds is due',
    spec: '* * * * *',
    created: '2024-05-10T10:00:30Z',
    deadline: 30,
    now: '2024-05-10T10:05:10Z',
    due: '2024-05-10T10:05:00Z',
  },
  {
    name: 'an unevenly spaced schedule finds its exact latest activation',
    spec: '30 6-16/4 * * 1-5',
    created: '2024-05-13T00:00:00Z',
    now: '2024-05-15T12:00:00Z',
    due: '2024-05-15T10:30:00Z',
  },
  {
    name: '@every counts from the creation time',
    spec: '@every 1h',
    created: '2024-05-10T10:00:00Z',
    now: '2024-05-10T12:30:00Z',
    due: '2024-05-10T12:00:00Z',
    delayMs: 30 * 60_000 + 100,
  },
  {
    name: 'a schedule that never fires is an error and is not looked at again',
    spec: '0 0 30 2 *',
    created: '2024-05-10T10:00:00Z',
    now: '2024-05-10T12:30:00Z',
    error: INVALID_SCHEDULE_INTERVAL,
  },
];

describe('CronJob schedule times', () => {
  for (const c of cases) {
    test(c.name, () => {
      const state: ScheduleState = {
        creationMs: at(c.created),
        lastScheduleMs: c.lastSchedule === undefined ? undefined : at(c.lastSchedule),
        startingDeadlineSeconds: c.deadline,
      };
      const s = schedule(c.spec);
      const next = nextScheduleTime(state, at(c.now), s);
      assert.equal(
        next.scheduledMs === undefined ? undefined : new Date(next.scheduledMs).toISOString(),
        c.due && new Date(at(c.due)).toISOString(),
      );
      assert.equal(next.error, c.error);
      if (c.tooManyMissed !== undefined) assert.equal(next.tooManyMissed, c.tooManyMissed);
      if (c.delayMs !== undefined || c.error !== undefined)
        assert.equal(nextScheduleDelayMs(state, at(c.now), s), c.delayMs);
    });
  }
});
