/**
 * Human-readable durations exactly as upstream's `duration.HumanDuration` / `ShortHumanDuration` print them
 * (ages, job durations, "(5m ago)"). Both tolerate one second of clock skew as "0s" and print `<invalid>` for
 * anything further in the future.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's `int(x)`: truncation toward zero, with -0 folded to 0. */
const goInt = (x: number): number => Math.trunc(x) || 0;

/** A duration (in milliseconds) with two to three significant figures: `45s`, `5m2s`, `3h`, `2d5h`, `3y20d`. */
export function humanDuration(ms: number): string {
  const seconds = goInt(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = goInt(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = goInt(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${goInt(hours / 24)}d` : `${goInt(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${goInt(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = goInt(hours / 24) % 365;
    return dy === 0 ? `${goInt(hours / 24 / 365)}y` : `${goInt(hours / 24 / 365)}y${dy}d`;
  }
  return `${goInt(hours / 24 / 365)}y`;
}

/** A duration (in milliseconds) with one unit only: `45s`, `5m`, `3h`, `2d`, `1y`. */
export function shortHumanDuration(ms: number): string {
  const seconds = goInt(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = goInt(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = goInt(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${goInt(hours / 24)}d`;
  return `${goInt(ms / HOUR / 24 / 365)}y`;
}

/** The time elapsed from `timestamp` (epoch ms) to `now`, or `<unknown>` when there is no timestamp. */
export const since = (timestamp: number | undefined, now: Date): string =>
  timestamp === undefined ? '<unknown>' : humanDuration(now.getTime() - timestamp);
