/**
 * Time zone names as upstream's CronJob validation checks them: IANA-style name parts, not `Local`, and
 * known to the time zone database (Go's time.LoadLocation; here the ICU data Node ships).
 */

/** Per part of the name: letters, `.`, `-`, `_`, and (for legacy names) digits and `+`, at most 14. */
const NAME_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** Go's time.LoadLocation error for an unknown zone, or undefined for a known one (`UTC` and `""` included). */
export function timeZoneError(zone: string): string | undefined {
  if (zone === '' || zone === 'UTC') return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return undefined;
  } catch {
    return `unknown time zone ${zone}`;
  }
}

/** Whether each `/`-separated part of the name is well formed (upstream checks this before the database). */
export const wellFormedTimeZone = (zone: string): boolean =>
  zone.split('/').every((part) => part !== '.' && part !== '..' && !part.startsWith('-') && NAME_PART.test(part));
