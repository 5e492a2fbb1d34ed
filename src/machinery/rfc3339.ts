/**
 * metav1.Time as the API writes it: RFC 3339 in UTC with whole seconds (`2024-01-01T00:00:00Z`), the
 * fraction dropped as Go's formatting drops it. One definition for every component that writes times.
 */

/** The last second formatted, and its text: a busy server writes the same second many times over. */
let lastSecond = Number.NaN;
let lastText = '';

export function rfc3339(time: number | Date): string {
  const ms = typeof time === 'number' ? time : time.getTime();
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    if (Number.isNaN(ms)) throw new RangeError('Invalid time value');
    lastText = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastText;
}
