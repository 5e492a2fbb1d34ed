/** The two time formats the simulator writes: metav1.Time (whole seconds) and MicroTime (leases). */
import { rfc3339 } from '../machinery/rfc3339.js';

/** `2024-01-01T00:00:00Z`: a metav1.Time for `ms` since the epoch (truncated to the second, as Go's RFC 3339). */
export function formatTime(ms: number): string {
  return rfc3339(ms);
}

/** `2024-01-01T00:00:00.123000Z`: a MicroTime (RFC 3339 with microseconds, UTC). */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Milliseconds since the epoch of an RFC 3339 time; undefined when absent or unreadable. */
export function parseTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text.replace(/\.(\d{3})\d*/, '.$1'));
  return Number.isNaN(ms) ? undefined : ms;
}
