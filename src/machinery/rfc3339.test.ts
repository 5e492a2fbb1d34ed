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
  ];
  for (const c of cases) test(c.name, () => assert.equal(rfc3339(c.time), c.want));
});
