import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Candidate } from './dry-run.js';
import { pickOneNodeForPreemption } from './pick-node.js';
import { victim } from './preemption-fixtures.js';

const NOW = 1_000_000_000;

/** A candidate whose victims are given as [priority, start seconds?] pairs, most important first. */
function cand(name: string, victims: [number, number?][], numPdbViolations = 0): Candidate {
  return {
    name,
    numPdbViolations,
    victims: victims.map(([priority, start], i) =>
      victim(`${name}-v${i}`, { node: name, priority, ...(start === undefined ? {} : { start }) }),
    ),
  };
}

describe('pickOneNodeForPreemption', () => {
  const cases: { name: string; candidates: Candidate[]; want: string | undefined }[] = [
    { name: 'no candidates, no node', candidates: [], want: undefined },
    { name: 'a single candidate is taken as is', candidates: [cand('n1', [[5]], 3)], want: 'n1' },
    {
      name: 'fewest PodDisruptionBudget violations wins before anything else',
      candidates: [cand('n1', [[0]], 1), cand('n2', [[50], [40]], 0)],
      want: 'n2',
    },
    {
      name: 'then the lowest priority of the most important victim',
      candidates: [cand('n1', [[20]]), cand('n2', [[10], [10], [10]])],
      want: 'n2',
    },
    {
      name: 'then the smallest sum of priorities',
      candidates: [cand('n1', [[10], [5]]), cand('n2', [[10], [1]])],
      want: 'n2',
    },
    {
      name: 'negative priorities still count per victim: fewer victims of the same negative priority win',
      candidates: [cand('n1', [[-100], [-100]]), cand('n2', [[-100]])],
      want: 'n2',
    },
    {
      name: 'then the fewest victims (sums only tie when a victim has the lowest int32 priority)',
      candidates: [cand('n1', [[10], [-2147483648]]), cand('n2', [[10]]), cand('n3', [[10], [-2147483648]])],
      want: 'n2',
    },
    {
      name: 'then the latest start among the highest-priority victims',
      candidates: [
        cand('n1', [
          [10, 100],
          [0, 900],
        ]),
        cand('n2', [
          [10, 200],
          [0, 1],
        ]),
      ],
      want: 'n2',
    },
    {
      name: 'a victim not started yet counts as starting now',
      candidates: [cand('n1', [[10, 200]]), cand('n2', [[10]])],
      want: 'n2',
    },
    {
      name: 'the earliest of the highest-priority victims is what a node is judged by',
      candidates: [
        cand('n1', [
          [10, 500],
          [10, 100],
        ]),
        cand('n2', [
          [10, 300],
          [10, 200],
        ]),
      ],
      want: 'n2',
    },
    {
      name: 'a full tie goes to the first candidate',
      candidates: [cand('n1', [[10, 5]]), cand('n2', [[10, 5]]), cand('n3', [[10, 5]])],
      want: 'n1',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(pickOneNodeForPreemption(c.candidates, NOW * 1000)?.name, c.want);
    });
  }
});
