import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NodeScore } from '../../framework/interfaces.js';
import { defaultNormalizeScore } from './normalize-score.js';

describe('defaultNormalizeScore', () => {
  const cases: { name: string; reverse: boolean; scores: number[]; want: number[] }[] = [
    {
      name: 'scores scale to 0…100 with integer division',
      reverse: false,
      scores: [1, 2, 3, 4, 5],
      want: [20, 40, 60, 80, 100],
    },
    {
      name: 'reversed, the lowest raw score gets 100',
      reverse: true,
      scores: [1, 2, 3, 4, 5],
      want: [80, 60, 40, 20, 0],
    },
    { name: 'fractions are truncated', reverse: false, scores: [1, 3], want: [33, 100] },
    { name: 'all zero stays zero', reverse: false, scores: [0, 0], want: [0, 0] },
    { name: 'all zero reversed becomes 100', reverse: true, scores: [0, 0], want: [100, 100] },
    { name: 'an empty list is left alone', reverse: true, scores: [], want: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const list: NodeScore[] = c.scores.map((score, i) => ({ name: `n${i}`, score }));
      defaultNormalizeScore(100, c.reverse, list);
      assert.deepEqual(
        list.map((s) => s.score),
        c.want,
      );
    });
  }
});
