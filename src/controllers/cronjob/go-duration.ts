/**
 * Go's `time.ParseDuration`, which `@every <duration>` schedules go through: a signed sequence of decimal
 * numbers, each with a unit (`1h30m`, `1.5s`, `300ms`, `-2m`), failing with Go's messages.
 */
import { goQuote } from '../../machinery/validation/go-format.js';

/** Nanoseconds per unit. */
const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's largest Duration, 2^63 − 1 nanoseconds (as near as a double gets). */
const MAX_DURATION_NS = 2 ** 63;

export type DurationResult =
  { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly error: string };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Parses `text` as Go does; the duration comes back in milliseconds (fractions kept). */
export function parseGoDuration(text: string): DurationResult {
  const invalid: DurationResult = { ok: false, error: `time: invalid duration ${goQuote(text)}` };
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, ms: 0 };
  if (s === '') return invalid;
  let totalNs = 0;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    let i = 0;
    while (isDigit(s[i])) i++;
    const whole = s.slice(0, i);
    s = s.slice(i);
    let fraction = '';
    if (s.startsWith('.')) {
      s = s.slice(1);
      let j = 0;
      while (isDigit(s[j])) j++;
      fraction = s.slice(0, j);
      s = s.slice(j);
    }
    if (whole === '' && fraction === '') return invalid;
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) return { ok: false, error: `time: missing unit in duration ${goQuote(text)}` };
    const unit = s.slice(0, u);
    s = s.slice(u);
    const perUnit = UNITS[unit];
    if (perUnit === undefined) {
      return { ok: false, error: `time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}` };
    }
    const value = Number(whole === '' ? '0' : whole) + (fraction === '' ? 0 : Number(`0.${fraction}`));
    totalNs += value * perUnit;
    if (!Number.isFinite(totalNs) || totalNs >= MAX_DURATION_NS) return invalid;
  }
  const ms = totalNs / 1e6;
  return { ok: true, ms: negative ? -ms : ms };
}
