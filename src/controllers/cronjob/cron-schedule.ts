/**
 * Cron schedules as upstream's CronJob controller reads them (robfig/cron v3 `ParseStandard`): five fields
 * (minute, hour, day of month, month, day of week) of `*`, `?`, numbers, case-insensitive names (`jan`–`dec`,
 * `sun`–`sat`), ranges `a-b`, steps `/n` (`n/step` meaning `n-max/step`) and comma lists; or a descriptor
 * (`@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`, `@every <duration>`);
 * optionally after `TZ=<zone> ` or `CRON_TZ=<zone> `. Activation times are computed in the schedule's zone with
 * robfig's algorithm, DST quirks included (a wall time skipped by spring-forward does not fire that day; one
 * repeated by fall-back fires twice). Parse failures are values carrying robfig's error text.
 */
import { parseGoDuration } from './go-duration.js';
import { TimeZone, type WallTime } from './time-zone.js';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

export interface CronSchedule {
  /**
   * The first activation strictly after instant `ms` (whole seconds, as robfig's `Next`), or undefined when
   * there is none within five years (robfig's zero time: e.g. `0 0 30 2 *`).
   */
  next(ms: number): number | undefined;
}

export type CronParseResult =
  { readonly ok: true; readonly schedule: CronSchedule } | { readonly ok: false; readonly error: string };

/** The values a field allows, and whether it was given as `*`/`?` (robfig's star bit, which day matching reads). */
export interface FieldSet {
  readonly values: ReadonlySet<number>;
  readonly star: boolean;
}

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAY_NAMES = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DAYS_OF_MONTH: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: MONTH_NAMES };
const DAYS_OF_WEEK: Bounds = { min: 0, max: 6, names: DAY_NAMES };

class CronSyntaxError extends Error {}

function range(min: number, max: number, step = 1): Set<number> {
  const out = new Set<number>();
  for (let v = min; v <= max; v += step) out.add(v);
  return out;
}

/** Every value of the field, with the star bit (robfig's `all`). */
const all = (b: Bounds): FieldSet => ({ values: range(b.min, b.max), star: true });
const only = (...values: number[]): FieldSet => ({ values: new Set(values), star: false });

/** Go's strconv.Atoi error text for `s`, or its value. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronSyntaxError(`strconv.Atoi: parsing "${s}": invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new CronSyntaxError(`strconv.Atoi: parsing "${s}": value out of range`);
  return n;
}

function mustParseInt(expr: string): number {
  let n: number;
  try {
    n = atoi(expr);
  } catch (err) {
    throw new CronSyntaxError(`failed to parse int from ${expr}: ${(err as Error).message}`);
  }
  if (n < 0) throw new CronSyntaxError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function intOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

/** One comma-separated part of a field: `*`, `?`, `n`, `a-b`, each optionally `/step`. */
function parseRange(expr: string, b: Bounds): FieldSet {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const singleValue = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = intOrName(lowAndHigh[0] ?? '', b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1] ?? '', b);
    else throw new CronSyntaxError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1] ?? '');
    if (singleValue) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronSyntaxError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronSyntaxError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronSyntaxError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronSyntaxError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronSyntaxError(`step of range should be a positive number: ${expr}`);
  return { values: range(start, end, step), star };
}

/** A whole field: the union of its comma-separated parts (empty parts are skipped, as Go's FieldsFunc does). */
export function parseField(field: string, b: Bounds): FieldSet {
  const values = new Set<number>();
  let star = false;
  for (const part of field.split(',').filter((p) => p !== '')) {
    const parsed = parseRange(part, b);
    for (const v of parsed.values) values.add(v);
    star ||= parsed.star;
  }
  return { values, star };
}

/** A schedule of field sets, evaluated in `zone` (robfig's SpecSchedule). */
export class SpecSchedule implements CronSchedule {
  constructor(
    readonly minute: FieldSet,
    readonly hour: FieldSet,
    readonly dayOfMonth: FieldSet,
    readonly month: FieldSet,
    readonly dayOfWeek: FieldSet,
    readonly zone: TimeZone,
    /** Seconds the schedule fires at: only 0 for every five-field and descriptor schedule. */
    readonly second: FieldSet = only(0),
  ) {}

  /**
   * Day of month and day of week: when either was given as `*`, both must match; otherwise either may
   * (so `0 0 1 * mon` fires on the first of the month and on Mondays).
   */
  private dayMatches(f: WallTime): boolean {
    const dom = this.dayOfMonth.values.has(f.day);
    const dow = this.dayOfWeek.values.has(f.weekday);
    return this.dayOfMonth.star || this.dayOfWeek.star ? dom && dow : dom || dow;
  }

  next(ms: number): number | undefined {
    const z = this.zone;
    let t = Math.floor(ms / SECOND_MS) * SECOND_MS + SECOND_MS;
    let added = false;
    const yearLimit = z.fields(t).year + 5;
    wrap: for (;;) {
      let f = z.fields(t);
      if (f.year > yearLimit) return undefined;
      while (!this.month.values.has(f.month)) {
        if (!added) {
          added = true;
          t = z.instant(f.year, f.month, 1, 0, 0, 0);
        }
        t = z.addDate(t, 0, 1, 0);
        f = z.fields(t);
        if (f.month === 1) continue wrap;
      }
      while (!this.dayMatches(f)) {
        if (!added) {
          added = true;
          t = z.instant(f.year, f.month, f.day, 0, 0, 0);
        }
        t = z.addDate(t, 0, 0, 1);
        f = z.fields(t);
        // A DST change at midnight moves the day's start: get back to the hour the day begins with.
        if (f.hour !== 0) {
          t += f.hour > 12 ? (24 - f.hour) * HOUR_MS : -f.hour * HOUR_MS;
          f = z.fields(t);
        }
        if (f.day === 1) continue wrap;
      }
      while (!this.hour.values.has(f.hour)) {
        if (!added) {
          added = true;
          t = z.instant(f.year, f.month, f.day, f.hour, 0, 0);
        }
        t += HOUR_MS;
        f = z.fields(t);
        if (f.hour === 0) continue wrap;
      }
      while (!this.minute.values.has(f.minute)) {
        if (!added) {
          added = true;
          t = Math.floor(t / MINUTE_MS) * MINUTE_MS;
        }
        t += MINUTE_MS;
        f = z.fields(t);
        if (f.minute === 0) continue wrap;
      }
      while (!this.second.values.has(f.second)) {
        if (!added) {
          added = true;
          t = Math.floor(t / SECOND_MS) * SECOND_MS;
        }
        t += SECOND_MS;
        f = z.fields(t);
        if (f.second === 0) continue wrap;
      }
      return t;
    }
  }
}

/** `@every <duration>`: fixed intervals from whatever time is given (whole seconds, at least one). */
export class ConstantDelaySchedule implements CronSchedule {
  readonly delayMs: number;

  constructor(delayMs: number) {
    const atLeastASecond = Math.max(delayMs, SECOND_MS);
    this.delayMs = atLeastASecond - (atLeastASecond % SECOND_MS);
  }

  next(ms: number): number {
    return Math.floor(ms / SECOND_MS) * SECOND_MS + this.delayMs;
  }
}

function parseDescriptor(spec: string, zone: TimeZone): CronSchedule {
  const spec5 = (m: FieldSet, h: FieldSet, dom: FieldSet, mon: FieldSet, dow: FieldSet): SpecSchedule =>
    new SpecSchedule(m, h, dom, mon, dow, zone);
  switch (spec) {
    case '@yearly':
    case '@annually':
      return spec5(only(0), only(0), only(1), only(1), all(DAYS_OF_WEEK));
    case '@monthly':
      return spec5(only(0), only(0), only(1), all(MONTHS), all(DAYS_OF_WEEK));
    case '@weekly':
      return spec5(only(0), only(0), all(DAYS_OF_MONTH), all(MONTHS), only(0));
    case '@daily':
    case '@midnight':
      return spec5(only(0), only(0), all(DAYS_OF_MONTH), all(MONTHS), all(DAYS_OF_WEEK));
    case '@hourly':
      return spec5(only(0), all(HOURS), all(DAYS_OF_MONTH), all(MONTHS), all(DAYS_OF_WEEK));
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    const duration = parseGoDuration(spec.slice(every.length));
    if (!duration.ok) throw new CronSyntaxError(`failed to parse duration ${spec}: ${duration.error}`);
    return new ConstantDelaySchedule(duration.ms);
  }
  throw new CronSyntaxError(`unrecognized descriptor: ${spec}`);
}

/**
 * Parses `spec` as robfig/cron's standard parser does. Schedules without a `TZ=`/`CRON_TZ=` prefix run in
 * `defaultZone` (upstream: the controller's local zone, or the CronJob's spec.timeZone given as a prefix).
 */
export function parseCronSchedule(spec: string, defaultZone: TimeZone = TimeZone.UTC): CronParseResult {
  try {
    if (spec.length === 0) throw new CronSyntaxError('empty spec string');
    let zone = defaultZone;
    let rest = spec;
    if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
      const space = rest.indexOf(' ');
      const name = rest.slice(rest.indexOf('=') + 1, space < 0 ? undefined : space);
      const loaded = space < 0 ? undefined : TimeZone.load(name);
      if (loaded === undefined) throw new CronSyntaxError(`provided bad location ${name}: unknown time zone ${name}`);
      zone = loaded;
      rest = rest.slice(space).trim();
    }
    if (rest.startsWith('@')) return { ok: true, schedule: parseDescriptor(rest, zone) };
    const fields = rest.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) {
      throw new CronSyntaxError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    }
    const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
    const schedule = new SpecSchedule(
      parseField(minute, MINUTES),
      parseField(hour, HOURS),
      parseField(dom, DAYS_OF_MONTH),
      parseField(month, MONTHS),
      parseField(dow, DAYS_OF_WEEK),
      zone,
    );
    return { ok: true, schedule };
  } catch (err) {
    if (err instanceof CronSyntaxError) return { ok: false, error: err.message };
    throw err;
  }
}
