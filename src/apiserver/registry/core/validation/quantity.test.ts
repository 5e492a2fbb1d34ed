import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareQuantities, isNegative, isWholeNumber, parseQuantity } from './quantity.js';

const q = (text: string) => {
  const parsed = parseQuantity(text);
  assert.ok(parsed, `${text} should parse`);
  return parsed;
};

describe('quantities', () => {
  const comparisons: [string, string, number][] = [
    ['1Gi', '1024Mi', 0],
    ['1G', '1Gi', -1],
    ['500m', '0.5', 0],
    ['2', '1500m', 1],
    ['1e3', '1k', 0],
    ['-1', '0', -1],
  ];
  for (const [a, b, expected] of comparisons) {
    test(`${a} compared with ${b} is ${expected}`, () => assert.equal(compareQuantities(q(a), q(b)), expected));
  }

  test('text that is not a quantity does not parse', () => {
    for (const text of ['', 'abc', '1Gb', '1..5']) assert.equal(parseQuantity(text), undefined, text);
  });

  test('whole numbers and signs are recognised', () => {
    assert.equal(isWholeNumber(q('3')), true);
    assert.equal(isWholeNumber(q('3000m')), true);
    assert.equal(isWholeNumber(q('2.5')), false);
    assert.equal(isNegative(q('-1Mi')), true);
  });
});
