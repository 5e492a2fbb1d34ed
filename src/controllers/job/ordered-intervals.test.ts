import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OrderedIntervals } from './ordered-intervals.js';

describe('OrderedIntervals', () => {
  const parsing: [string, string, number, string, number][] = [
    ['nothing', '', 10, '', 0],
    ['single indexes and ranges', '1,3-5,7', 10, '1,3-5,7', 5],
    ['neighbours print as a pair', '1-2', 10, '1,2', 2],
    ['adjacent parts join', '1,2,3,5', 10, '1-3,5', 4],
    ['indexes past completions are dropped', '1,3-12,15', 10, '1,3-9', 8],
    ['unreadable parts are skipped', '1,x,3', 10, '1,3', 2],
  ];
  for (const [name, text, completions, printed, total] of parsing) {
    test(`parsing ${name}`, () => {
      const parsed = OrderedIntervals.parse(text, completions);
      assert.equal(parsed.toString(), printed);
      assert.equal(parsed.total(), total);
    });
  }

  test('adding indexes merges them into the intervals, duplicates once', () => {
    const base = OrderedIntervals.parse('0,4-5', 10);
    assert.equal(base.withIndexes([3, 1, 1, 9]).toString(), '0,1,3-5,9');
    assert.equal(base.withIndexes([2, 1, 3]).toString(), '0-5');
  });

  test('merging two sets is their union', () => {
    const a = OrderedIntervals.of([0, 1, 7]);
    const b = OrderedIntervals.of([2, 5, 6]);
    assert.equal(a.merge(b).toString(), '0-2,5-7');
  });

  test('membership follows the intervals', () => {
    const set = OrderedIntervals.parse('1,3-5,9', 10);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 9, 10].map((i) => set.has(i)),
      [false, true, false, true, true, true, false, true, false],
    );
  });
});
