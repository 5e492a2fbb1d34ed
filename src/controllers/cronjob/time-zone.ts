/**
 * Wall-clock time in an IANA time zone, computed the way Go's time package does (upstream's CronJob controller
 * reads schedules through it): the zone's offset at an instant, an instant's calendar fields, and Go's
 * `time.Date`, which normalizes overflowing fields and resolves a wall time that a DST change skips or repeats
 * by Go's own rule. Instants are milliseconds since the Unix epoch. The zone data is Node's ICU.
 */

/** The calendar fields of an instant in a zone; `month` 1–12, `weekday` 0 (Sunday) – 6. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** Milliseconds of the wall time read as if it were UTC (Date.UTC without its two-digit-year quirk). */
function wallAsUtc(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** The whole second at or before `ms`. */
const floorSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;

export class TimeZone {
  /** Coordinated Universal Time: what Go's `time.LoadLocation("")` and `("UTC")` give. */
  static readonly UTC = new TimeZone('UTC', undefined);

  private constructor(
    /** The name it was loaded by. */
    readonly name: string,
    private readonly format: Intl.DateTimeFormat | undefined,
  ) {}

  /**
   * Go's `time.LoadLocation`: `''` and `'UTC'` are UTC, `'Local'` is this process's zone, anything else an
   * IANA name. Returns undefined for a name the zone database does not know.
   */
  static load(name: string): TimeZone | undefined {
    if (name === '' || name === 'UTC') return TimeZone.UTC;
    if (name === 'Local') return TimeZone.local();
    try {
      return new TimeZone(name, TimeZone.formatter(name));
    } catch {
      return undefined;
    }
  }

  /** This process's zone (Go's `time.Local`). */
  static local(): TimeZone {
    const name = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    return name === 'UTC' || name === 'Etc/UTC' ? TimeZone.UTC : new TimeZone(name, TimeZone.formatter(name));
  }

  private static formatter(name: string): Intl.DateTimeFormat {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** How far the zone's wall clock is ahead of UTC at instant `ms`, in milliseconds (negative west of UTC). */
  offsetAt(ms: number): number {
    if (this.format === undefined) return 0;
    const at = floorSecond(ms);
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(at)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const hour = (parts['hour'] ?? 0) % 24;
    const wall = wallAsUtc(
      parts['year'] ?? 1970,
      parts['month'] ?? 1,
      parts['day'] ?? 1,
      hour,
      parts['minute'] ?? 0,
      parts['second'] ?? 0,
    );
    return wall - at;
  }

  /** The calendar fields of instant `ms` in this zone (to the second). */
  fields(ms: number): WallTime {
    const d = new Date(floorSecond(ms) + this.offsetAt(ms));
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  }

  /**
   * Go's `time.Date` in this zone: fields out of range carry over (month 13 is January of the next year, day
   * 0 the last day of the previous month). A wall time that does not exist or exists twice resolves as Go's
   * does: read the offset at the wall time taken as UTC, and if the instant that gives lies in another period
   * of the zone, use that period's offset instead.
   */
  instant(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const wall = wallAsUtc(year, month, day, hour, minute, second);
    if (this.format === undefined) return wall;
    const first = this.offsetAt(wall);
    return wall - this.offsetAt(wall - first);
  }

  /** `t.AddDate(years, months, days)` in this zone: the wall fields moved, then `instant`. */
  addDate(ms: number, years: number, months: number, days: number): number {
    const f = this.fields(ms);
    return this.instant(f.year + years, f.month + months, f.day + days, f.hour, f.minute, f.second);
  }

  /** RFC 3339 of instant `ms` in this zone, as Go's `time.RFC3339` prints it (`Z` for a zero offset). */
  formatRfc3339(ms: number): string {
    const f = this.fields(ms);
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    const date = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
    const offsetMinutes = Math.round(this.offsetAt(ms) / 60_000);
    if (offsetMinutes === 0) return `${date}Z`;
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    return `${date}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }
}
