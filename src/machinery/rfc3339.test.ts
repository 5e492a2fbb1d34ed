import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rfc3339 } from './rfc3339.js';

describe('rfc3339', () => {
  const cases: { name: string; time: number | Date; want: string }[] = [
    {
      name: 'milliseconds since the epoch lose their fraction',
      time: Date.UTC(2024, 0, 2, 3, 4, 5, 678),
      want: '2024-01-02T03:04:05Z',
    },
    {
      name: 'a Date is written the same way',
      time: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 999)),
      want: '2024-01-02T03:04:05Z',
    },
    { name: 'a whole second stays as it is', time: Date.UTC(1999, 11, 31, 23, 59, 59), want: '1999-12-31T23:59:59Z' },
    { name: 'a time before 1970 rounds down to its second', time: -1, want: '1969-12-31T23:59:59Z' },
    {
      name: 'a fraction of a millisecond goes toward zero, as a Date drops it',
      time: -0.5,
      want: '1970-01-01T00:00:00Z',
    },
    { name: 'the same second again (remembered) reads the same', time: -999, want: '1969-12-31T23:59:59Z' },
    { name: 'the next second is written anew', time: 1000, want: '1970-01-01T00:00:01Z' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(rfc3339(c.time), c.want));

  test('a time a Date cannot hold is refused, as toISOString refuses it', () => {
    for (const time of [Number.NaN, 8.64e15 + 500, new Date('not a date')]) {
      assert.throws(() => rfc3339(time), RangeError);
    }
  });
});
