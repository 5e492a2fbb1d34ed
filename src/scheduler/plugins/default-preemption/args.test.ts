import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { numCandidates, resolveDefaultPreemptionArgs } from './args.js';

describe('DefaultPreemption args', () => {
  const valid: { name: string; args: unknown; want: [number, number] }[] = [
    { name: 'undefined args take upstream defaults (10%, 100)', args: undefined, want: [10, 100] },
    { name: 'an empty object takes the defaults too', args: {}, want: [10, 100] },
    {
      name: 'given values are kept',
      args: { minCandidateNodesPercentage: 50, minCandidateNodesAbsolute: 3 },
      want: [50, 3],
    },
    {
      name: 'one zero is allowed',
      args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 },
      want: [0, 1],
    },
    {
      name: 'the bounds are allowed',
      args: { minCandidateNodesPercentage: 100, minCandidateNodesAbsolute: 0 },
      want: [100, 0],
    },
  ];
  for (const c of valid) {
    test(c.name, () => {
      const got = resolveDefaultPreemptionArgs(c.args);
      assert.deepEqual([got.minCandidateNodesPercentage, got.minCandidateNodesAbsolute], c.want);
    });
  }

  const invalid: { name: string; args: unknown; message: string }[] = [
    {
      name: 'a percentage above 100 is rejected',
      args: { minCandidateNodesPercentage: 101 },
      message: 'minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]',
    },
    {
      name: 'a negative percentage is rejected',
      args: { minCandidateNodesPercentage: -1 },
      message: 'minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100]',
    },
    {
      name: 'a negative absolute count is rejected',
      args: { minCandidateNodesAbsolute: -1 },
      message: 'minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)',
    },
    {
      name: 'both zero is rejected on both fields',
      args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 },
      message:
        '[minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute, ' +
        'minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage]',
    },
    {
      name: 'a fraction is rejected',
      args: { minCandidateNodesAbsolute: 1.5 },
      message: 'minCandidateNodesAbsolute: Invalid value: 1.5: must be an integer',
    },
    { name: 'args that are not an object are rejected', args: 7, message: 'args must be an object' },
  ];
  for (const c of invalid) {
    test(c.name, () => {
      assert.throws(
        () => resolveDefaultPreemptionArgs(c.args),
        (err: Error) => err.message.includes(c.message),
      );
    });
  }
});

describe('numCandidates', () => {
  const cases: { name: string; pct: number; abs: number; nodes: number; want: number }[] = [
    { name: 'the absolute minimum wins on small clusters', pct: 10, abs: 100, nodes: 500, want: 100 },
    { name: 'the share wins on large clusters', pct: 10, abs: 100, nodes: 5000, want: 500 },
    { name: 'never more than the nodes there are', pct: 10, abs: 100, nodes: 7, want: 7 },
    { name: 'the share rounds down', pct: 30, abs: 0, nodes: 5, want: 1 },
    { name: 'a zero share leaves the absolute count', pct: 0, abs: 3, nodes: 10, want: 3 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const args = { minCandidateNodesPercentage: c.pct, minCandidateNodesAbsolute: c.abs };
      assert.equal(numCandidates(args, c.nodes), c.want);
    });
  }
});
