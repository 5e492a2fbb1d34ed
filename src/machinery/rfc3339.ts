/**
 * metav1.Time as the API writes it: RFC 3339 in UTC with whole seconds (`2024-01-01T00:00:00Z`), the
 * fraction dropped as Go's formatting drops it. One definition for every component that writes times.
 */

/** The last second formatted, and its text: a busy server writes the same second many times over. */
let lastSecond = Number.NaN;
let lastText = '';

/** The largest time a Date holds, in ms either side of 1970. */
const MAX_TIME = 8.64e15;

export function rfc3339(time: number | Date): string {
  // A Date drops the fraction of a millisecond toward zero; seconds then count down from there.
  const ms = Math.trunc(typeof time === 'number' ? time : time.getTime());
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    if (!(Math.abs(ms) <= MAX_TIME)) throw new RangeError('Invalid time value');
    lastText = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastText;
}
