import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseGoDuration } from './go-duration.js';

describe('parseGoDuration', () => {
  const good: [string, string, number][] = [
    ['units add up', '1h30m', 5_400_000],
    ['fractions of a unit count', '1.5s', 1500],
    ['a bare fraction is allowed', '.5m', 30_000],
    ['milliseconds', '300ms', 300],
    ['both spellings of microseconds', '1000µs1000μs', 2],
    ['a sign applies to the whole', '-2m', -120_000],
    ['zero needs no unit', '0', 0],
  ];
  for (const [name, text, ms] of good) {
    test(`${name}: ${text}`, () => assert.deepEqual(parseGoDuration(text), { ok: true, ms }));
  }

  const bad: [string, string, string][] = [
    ['an empty text', '', 'time: invalid duration ""'],
    ['a missing unit', '10', 'time: missing unit in duration "10"'],
    ['an unknown unit', '2d', 'time: unknown unit "d" in duration "2d"'],
    ['a dot without digits', '.s', 'time: invalid duration ".s"'],
    ['a word', 'soon', 'time: invalid duration "soon"'],
  ];
  for (const [name, text, error] of bad) {
    test(`${name} is refused`, () => assert.deepEqual(parseGoDuration(text), { ok: false, error }));
  }
});
