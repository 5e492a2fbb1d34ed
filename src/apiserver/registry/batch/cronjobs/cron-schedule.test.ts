import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cronScheduleError } from './cron-schedule.js';

describe('cron schedules', () => {
  const cases: [string, string, string | undefined][] = [
    ['every minute parses', '* * * * *', undefined],
    ['steps, ranges and lists parse', '*/15 8-18 1,15 * 1-5', undefined],
    ['month and weekday names parse, in any case', '0 0 * JAN-mar Sun', undefined],
    ['a question mark stands for any day', '0 0 ? * *', undefined],
    ['@hourly parses', '@hourly', undefined],
    ['@every with a Go duration parses', '@every 1h30m', undefined],
    ['six fields are too many', '0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
    ['an empty schedule is an empty spec', '', 'empty spec string'],
    ['a word is not a number', 'x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['minute 60 is above the maximum', '60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['day of month 0 is below the minimum', '0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['weekday 7 is above the maximum', '0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['a backwards range is rejected', '0 10-2 * * *', 'beginning of range (10) beyond end of range (2): 10-2'],
    ['a zero step is rejected', '*/0 * * * *', 'step of range should be a positive number: */0'],
    ['two slashes are rejected', '1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['two hyphens are rejected', '1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['an unknown descriptor is rejected', '@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every needs a unit', '@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['a time zone prefix is parsed', 'TZ=Europe/Paris 0 9 * * *', undefined],
    [
      'an unknown time zone prefix is rejected',
      'CRON_TZ=Mars/Base 0 9 * * *',
      'provided bad location Mars/Base: unknown time zone Mars/Base',
    ],
  ];
  for (const [name, schedule, error] of cases) test(name, () => assert.equal(cronScheduleError(schedule), error));
});
