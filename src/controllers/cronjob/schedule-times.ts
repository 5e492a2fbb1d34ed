/**
 * When a CronJob is due (upstream's mostRecentScheduleTime, nextScheduleTime and nextScheduleTimeDuration):
 * the most recent activation of its schedule since it last scheduled (or was created), bounded below by
 * startingDeadlineSeconds, counted roughly so that a controller that was down for years does not walk every
 * missed minute; and how long to wait before looking again. All times are milliseconds since the epoch.
 */
import type { CronSchedule } from './cron-schedule.js';

/** Padding added to every requeue, so that a little clock skew does not wake the controller too early. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** How many activations were missed: upstream warns (TooManyMissedTimes) above 100. */
export const MissedSchedules = { None: 'none', Few: 'few', Many: 'many' } as const;
export type MissedSchedules = (typeof MissedSchedules)[keyof typeof MissedSchedules];

/** The error upstream reports for a schedule whose activations are not a second apart (or never come). */
export const INVALID_SCHEDULE_INTERVAL = 'time difference between two schedules is less than 1 second';

/** What the computation reads of a CronJob. */
export interface ScheduleState {
  readonly creationMs: number;
  readonly lastScheduleMs?: number | undefined;
  readonly startingDeadlineSeconds?: number | undefined;
}

export interface MostRecentSchedule {
  /** The last schedule time, else the creation time (raised to now − startingDeadlineSeconds when asked). */
  readonly earliestMs: number;
  /** The latest activation after `earliestMs` and not after now, if any. */
  readonly mostRecentMs?: number;
  readonly missed: MissedSchedules;
  /** Set for a schedule whose activations are less than a second apart or never come. */
  readonly error?: string;
}

/** Upstream's mostRecentScheduleTime. */
export function mostRecentScheduleTime(
  state: ScheduleState,
  nowMs: number,
  schedule: CronSchedule,
  includeStartingDeadline: boolean,
): MostRecentSchedule {
  let earliestMs = state.lastScheduleMs ?? state.creationMs;
  if (includeStartingDeadline && state.startingDeadlineSeconds !== undefined) {
    const deadline = nowMs - state.startingDeadlineSeconds * 1000;
    if (deadline > earliestMs) earliestMs = deadline;
  }
  const t1 = schedule.next(earliestMs);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 !== undefined && nowMs < t1) return { earliestMs, missed: MissedSchedules.None };
  if (t1 !== undefined && t2 !== undefined && nowMs < t2) {
    return { earliestMs, mostRecentMs: t1, missed: MissedSchedules.None };
  }
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (t1 === undefined || between < 1) {
    return { earliestMs, missed: MissedSchedules.None, error: INVALID_SCHEDULE_INTERVAL };
  }
  // A rough count: how many intervals of the first two activations fit between the first and now.
  const elapsed = Math.trunc((nowMs - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  // Start one interval earlier than the count suggests and let the schedule find the exact latest activation
  // (schedules like `30 6-16/4 * * 1-5` are not evenly spaced).
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  let mostRecentMs: number | undefined;
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= nowMs; t = schedule.next(t)) {
    mostRecentMs = t;
  }
  const missed =
    missedCount > 100 ? MissedSchedules.Many : missedCount > 0 ? MissedSchedules.Few : MissedSchedules.None;
  return mostRecentMs === undefined ? { earliestMs, missed } : { earliestMs, mostRecentMs, missed };
}

export interface NextScheduleTime {
  /** The activation to start a Job for now, if one is due. */
  readonly scheduledMs?: number;
  /** More than 100 activations were missed (upstream records a TooManyMissedTimes warning). */
  readonly tooManyMissed: boolean;
  readonly error?: string;
}

/** Upstream's nextScheduleTime: the unmet activation to act on now, within startingDeadlineSeconds. */
export function nextScheduleTime(state: ScheduleState, nowMs: number, schedule: CronSchedule): NextScheduleTime {
  const found = mostRecentScheduleTime(state, nowMs, schedule, true);
  const error = found.error === undefined ? {} : { error: found.error };
  if (found.mostRecentMs === undefined || found.mostRecentMs > nowMs) return { tooManyMissed: false, ...error };
  return { scheduledMs: found.mostRecentMs, tooManyMissed: found.missed === MissedSchedules.Many, ...error };
}

/**
 * Upstream's nextScheduleTimeDuration: how long until the activation after the most recent one, plus
 * NEXT_SCHEDULE_DELTA_MS. Undefined when the schedule never fires again.
 */
export function nextScheduleDelayMs(state: ScheduleState, nowMs: number, schedule: CronSchedule): number | undefined {
  const found = mostRecentScheduleTime(state, nowMs, schedule, false);
  let from: number;
  if (found.error !== undefined) from = nowMs;
  else if (found.mostRecentMs !== undefined) from = found.mostRecentMs;
  else from = found.missed === MissedSchedules.None ? found.earliestMs : nowMs;
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - nowMs;
}
