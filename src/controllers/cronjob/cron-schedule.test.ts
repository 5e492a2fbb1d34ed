import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCronSchedule } from './cron-schedule.js';
import { TimeZone } from './time-zone.js';

const at = (iso: string): number => Date.parse(iso);
/** ISO text without milliseconds when there are none. */
const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');

function zone(name: string): TimeZone {
  const z = TimeZone.load(name);
  assert.ok(z, `zone ${name} must load`);
  return z;
}

describe('parseCronSchedule: next activation', () => {
  // [sentence, spec, default zone, from, expected next (UTC) or undefined]
  const cases: [string, string, string, string, string | undefined][] = [
    ['every minute fires at the next whole minute', '* * * * *', 'UTC', '2024-05-10T10:00:30Z', '2024-05-10T10:01:00Z'],
    ['an activation is never its own next one', '* * * * *', 'UTC', '2024-05-10T10:01:00Z', '2024-05-10T10:02:00Z'],
    ['a step over the whole range', '*/15 * * * *', 'UTC', '2024-05-10T10:16:00Z', '2024-05-10T10:30:00Z'],
    [
      'a number with a step runs from it to the maximum',
      '5/20 * * * *',
      'UTC',
      '2024-05-10T10:26:00Z',
      '2024-05-10T10:45:00Z',
    ],
    ['a range with a step', '0 9-17/4 * * *', 'UTC', '2024-05-10T13:00:00Z', '2024-05-10T17:00:00Z'],
    [
      'a range with a step wraps to the next day',
      '0 9-17/4 * * *',
      'UTC',
      '2024-05-10T17:00:00Z',
      '2024-05-11T09:00:00Z',
    ],
    ['a list', '0,30 * * * *', 'UTC', '2024-05-10T10:10:00Z', '2024-05-10T10:30:00Z'],
    ['month names in any case', '0 0 1 JAN,jul *', 'UTC', '2024-02-01T00:00:00Z', '2024-07-01T00:00:00Z'],
    [
      'a range of weekday names skips the weekend',
      '0 8 * * MON-fri',
      'UTC',
      '2024-05-10T09:00:00Z',
      '2024-05-13T08:00:00Z',
    ],
    [
      'restricted day of month and day of week: either one fires',
      '0 0 13 * 5',
      'UTC',
      '2024-05-14T00:00:00Z',
      '2024-05-17T00:00:00Z',
    ],
    [
      'a star day of week leaves the day of month alone to decide',
      '0 0 13 * *',
      'UTC',
      '2024-05-14T00:00:00Z',
      '2024-06-13T00:00:00Z',
    ],
    ['? is a star', '0 0 ? * 1', 'UTC', '2024-05-14T00:00:00Z', '2024-05-20T00:00:00Z'],
    ['the 29th of February waits for a leap year', '0 0 29 2 *', 'UTC', '2024-03-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    ['a date that never comes has no next activation', '0 0 30 2 *', 'UTC', '2024-03-01T00:00:00Z', undefined],
    ['@hourly', '@hourly', 'UTC', '2024-05-10T10:00:00Z', '2024-05-10T11:00:00Z'],
    ['@daily', '@daily', 'UTC', '2024-05-10T10:00:00Z', '2024-05-11T00:00:00Z'],
    ['@midnight is @daily', '@midnight', 'UTC', '2024-05-10T10:00:00Z', '2024-05-11T00:00:00Z'],
    ['@weekly fires on Sunday', '@weekly', 'UTC', '2024-05-10T10:00:00Z', '2024-05-12T00:00:00Z'],
    ['@monthly', '@monthly', 'UTC', '2024-05-10T10:00:00Z', '2024-06-01T00:00:00Z'],
    ['@yearly', '@yearly', 'UTC', '2024-05-10T10:00:00Z', '2025-01-01T00:00:00Z'],
    ['@annually is @yearly', '@annually', 'UTC', '2024-05-10T10:00:00Z', '2025-01-01T00:00:00Z'],
    [
      '@every counts whole seconds from the given time',
      '@every 1m30s',
      'UTC',
      '2024-05-10T10:00:00.500Z',
      '2024-05-10T10:01:30Z',
    ],
    ['@every shorter than a second is a second', '@every 500ms', 'UTC', '2024-05-10T10:00:00Z', '2024-05-10T10:00:01Z'],
    ['a TZ= prefix sets the zone', 'TZ=Asia/Tokyo 0 9 * * *', 'UTC', '2024-05-10T01:00:00Z', '2024-05-11T00:00:00Z'],
    [
      'a CRON_TZ= prefix sets the zone',
      'CRON_TZ=Asia/Tokyo 0 9 * * *',
      'UTC',
      '2024-05-10T01:00:00Z',
      '2024-05-11T00:00:00Z',
    ],
    [
      'without a prefix the default zone applies',
      '0 9 * * *',
      'America/New_York',
      '2024-01-10T15:00:00Z',
      '2024-01-11T14:00:00Z',
    ],
    [
      'a prefix wins over the default zone',
      'TZ=UTC 0 9 * * *',
      'America/New_York',
      '2024-01-10T15:00:00Z',
      '2024-01-11T09:00:00Z',
    ],
    [
      'summer time moves the UTC hour of a zoned schedule',
      '0 9 * * *',
      'America/New_York',
      '2024-07-10T15:00:00Z',
      '2024-07-11T13:00:00Z',
    ],
    [
      'a wall time skipped by spring-forward does not fire that day',
      '30 2 * * *',
      'America/New_York',
      '2024-03-10T05:00:00Z',
      '2024-03-11T06:30:00Z',
    ],
    [
      'an hourly schedule steps over the skipped hour',
      '0 * * * *',
      'America/New_York',
      '2024-03-10T06:30:00Z',
      '2024-03-10T07:00:00Z',
    ],
    [
      'a wall time repeated by fall-back fires first in summer time',
      '30 1 * * *',
      'America/New_York',
      '2024-11-03T04:00:00Z',
      '2024-11-03T05:30:00Z',
    ],
    ['and again in standard time', '30 1 * * *', 'America/New_York', '2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z'],
    [
      'a day that DST starts at 01:00 is still found',
      '0 1 4 11 *',
      'America/Sao_Paulo',
      '2018-11-01T03:00:00Z',
      '2018-11-04T03:00:00Z',
    ],
    [
      'midnight on a day without one waits for the next year that has it',
      '0 0 4 11 *',
      'America/Sao_Paulo',
      '2018-11-01T03:00:00Z',
      '2019-11-04T03:00:00Z',
    ],
  ];
  for (const [name, spec, zoneName, from, expected] of cases) {
    test(name, () => {
      const parsed = parseCronSchedule(spec, zone(zoneName));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.equal(iso(parsed.schedule.next(at(from))), expected);
    });
  }
});

describe('parseCronSchedule: errors carry robfig/cron text', () => {
  const cases: [string, string, string][] = [
    ['an empty schedule', '', 'empty spec string'],
    ['four fields', '* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['six fields (seconds are not standard)', '0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
    ['minute 60', '60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['hour 24', '* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['day of month 0', '* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['month 13', '* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['day of week 7', '* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['a backwards range', '5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['a zero step', '*/0 * * * *', 'step of range should be a positive number: */0'],
    ['two slashes', '1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['two hyphens', '1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['a word', 'x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    [
      'a name in the wrong field',
      '* * * mon *',
      'failed to parse int from mon: strconv.Atoi: parsing "mon": invalid syntax',
    ],
    ['an unknown descriptor', '@fortnightly', 'unrecognized descriptor: @fortnightly'],
    [
      '@every with an unknown unit',
      '@every 1d',
      'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"',
    ],
    ['@every without a unit', '@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    [
      'an unknown zone',
      'TZ=Mars/Olympus * * * * *',
      'provided bad location Mars/Olympus: unknown time zone Mars/Olympus',
    ],
  ];
  for (const [name, spec, error] of cases) {
    test(`${name} is refused`, () => {
      assert.deepEqual(parseCronSchedule(spec), { ok: false, error });
    });
  }
});

describe('TimeZone', () => {
  test('RFC 3339 carries the zone offset, and Z for UTC', () => {
    assert.equal(zone('Asia/Tokyo').formatRfc3339(at('2024-05-10T01:00:00Z')), '2024-05-10T10:00:00+09:00');
    assert.equal(zone('America/New_York').formatRfc3339(at('2024-01-10T15:00:00Z')), '2024-01-10T10:00:00-05:00');
    assert.equal(TimeZone.UTC.formatRfc3339(at('2024-01-10T15:00:00Z')), '2024-01-10T15:00:00Z');
  });

  test('an unknown name does not load, and the empty name is UTC', () => {
    assert.equal(TimeZone.load('Mars/Olympus'), undefined);
    assert.equal(TimeZone.load(''), TimeZone.UTC);
  });

  test('overflowing fields carry over as time.Date does', () => {
    assert.equal(iso(TimeZone.UTC.instant(2024, 13, 1, 0, 0, 0)), '2025-01-01T00:00:00Z');
    assert.equal(iso(TimeZone.UTC.instant(2024, 3, 0, 0, 0, 0)), '2024-02-29T00:00:00Z');
  });
});
