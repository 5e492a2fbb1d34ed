import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { humanDuration, shortHumanDuration, since } from './duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration', () => {
  const cases: Array<[string, number, string]> = [
    ['a duration under a second is 0s', 500, '0s'],
    ['one second in the future is tolerated as 0s', -1 * s - 500, '0s'],
    ['two seconds in the future is invalid', -2 * s, '<invalid>'],
    ['seconds print alone below two minutes', 45 * s, '45s'],
    ['119 seconds still print as seconds', 119 * s, '119s'],
    ['two minutes print as minutes', 2 * m, '2m'],
    ['minutes under ten carry their seconds', 5 * m + 2 * s, '5m2s'],
    ['ten minutes drop the seconds', 10 * m + 30 * s, '10m'],
    ['minutes are used up to three hours', 179 * m, '179m'],
    ['three hours print as hours', 3 * h, '3h'],
    ['hours under eight carry their minutes', 3 * h + 25 * m, '3h25m'],
    ['eight hours drop the minutes', 8 * h + 59 * m, '8h'],
    ['hours are used up to two days', 47 * h, '47h'],
    ['two days print as days', 2 * d, '2d'],
    ['days under eight carry their hours', 2 * d + 5 * h, '2d5h'],
    ['eight days drop the hours', 8 * d + 5 * h, '8d'],
    ['days are used up to two years', 729 * d, '729d'],
    ['two years print as years', 2 * y, '2y'],
    ['years under eight carry their days', 3 * y + 20 * d, '3y20d'],
    ['eight years drop the days', 8 * y + 100 * d, '8y'],
  ];
  for (const [name, ms, want] of cases) test(name, () => assert.equal(humanDuration(ms), want));
});

describe('shortHumanDuration', () => {
  const cases: Array<[string, number, string]> = [
    ['two seconds in the future is invalid', -2 * s, '<invalid>'],
    ['one second in the future is tolerated as 0s', -1 * s, '0s'],
    ['under a minute prints seconds', 59 * s, '59s'],
    ['under an hour prints whole minutes', 5 * m + 59 * s, '5m'],
    ['under a day prints whole hours', 23 * h + 59 * m, '23h'],
    ['under a year prints whole days', 364 * d, '364d'],
    ['a year or more prints whole years', 400 * d, '1y'],
  ];
  for (const [name, ms, want] of cases) test(name, () => assert.equal(shortHumanDuration(ms), want));
});

describe('since', () => {
  test('a missing timestamp is unknown', () => assert.equal(since(undefined, new Date()), '<unknown>'));
  test('a timestamp in the past reads as the time elapsed', () =>
    assert.equal(since(Date.parse('2024-05-01T11:55:00Z'), new Date('2024-05-01T12:00:00Z')), '5m'));
  test('a timestamp well in the future is invalid', () =>
    assert.equal(since(Date.parse('2024-05-01T12:01:00Z'), new Date('2024-05-01T12:00:00Z')), '<invalid>'));
});
