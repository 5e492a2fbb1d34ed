import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scaledValueFromIntOrPercent } from './int-or-percent.js';

describe('scaledValueFromIntOrPercent', () => {
  const cases: { name: string; value: number | string; total: number; roundUp: boolean; expected: number }[] = [
    { name: 'a count is taken as it is', value: 3, total: 10, roundUp: true, expected: 3 },
    { name: 'a percentage of the total', value: '50%', total: 10, roundUp: true, expected: 5 },
    { name: 'a fractional percentage rounds up when asked', value: '28%', total: 10, roundUp: true, expected: 3 },
    { name: 'and down otherwise', value: '28%', total: 10, roundUp: false, expected: 2 },
    { name: 'any share of one pod rounds up to one', value: '1%', total: 1, roundUp: true, expected: 1 },
    { name: 'a percentage of nothing is nothing', value: '90%', total: 0, roundUp: true, expected: 0 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(scaledValueFromIntOrPercent(c.value, c.total, c.roundUp), c.expected);
    });
  }

  test('a string that is no percentage is an error with upstream text', () => {
    assert.throws(() => scaledValueFromIntOrPercent('5', 10, true), {
      message: 'invalid value for IntOrString: invalid type: string is not a percentage',
    });
    assert.throws(() => scaledValueFromIntOrPercent('x%', 10, true), {
      message: 'invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax',
    });
  });
});
