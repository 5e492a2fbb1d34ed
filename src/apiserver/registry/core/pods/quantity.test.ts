import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareQuantities, formatQuantity, parseQuantity } from './quantity.js';

const q = (s: string) => {
  const parsed = parseQuantity(s);
  assert.ok(parsed, `${s} should parse`);
  return parsed;
};

describe('quantities', () => {
  const canonical: [string, string][] = [
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['2e3', '2e3'],
    ['100M', '100M'],
    ['0', '0'],
    ['-1', '-1'],
    ['1.0000000001', '1000000001n'],
  ];
  for (const [input, output] of canonical) {
    test(`${input} prints as ${output}`, () => assert.equal(formatQuantity(q(input)), output));
  }

  test('values compare across formats', () => {
    assert.equal(compareQuantities(q('1Gi'), q('1073741824')), 0);
    assert.equal(compareQuantities(q('500m'), q('0.6')), -1);
    assert.equal(compareQuantities(q('2'), q('1999m')), 1);
  });

  test('text that is no quantity does not parse', () => {
    for (const bad of ['', 'abc', '1.2.3', '1Kb', '--1']) assert.equal(parseQuantity(bad), undefined, bad);
  });
});
