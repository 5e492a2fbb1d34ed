import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PodDisruptionBudget } from '../../../api/policy/v1/pod-disruption-budget.js';
import { newPodInfo } from '../../framework/pod-info.js';
import { compilePdbs, filterPodsWithPdbViolation } from './pdb-violation.js';
import { pdb, victim } from './preemption-fixtures.js';

const names = (infos: readonly { pod: { metadata?: { name?: string } } }[]): string[] =>
  infos.map((i) => i.pod.metadata?.name ?? '');

describe('filterPodsWithPdbViolation', () => {
  const app = { app: 'web' };
  const cases: {
    name: string;
    pods: ReturnType<typeof victim>[];
    pdbs: PodDisruptionBudget[];
    violating: string[];
    nonViolating: string[];
  }[] = [
    {
      name: 'without budgets nothing violates',
      pods: [victim('a', { node: 'n', labels: app })],
      pdbs: [],
      violating: [],
      nonViolating: ['a'],
    },
    {
      name: 'a budget with no disruption left makes a selected pod violate',
      pods: [victim('a', { node: 'n', labels: app }), victim('b', { node: 'n', labels: { app: 'db' } })],
      pdbs: [pdb('web', app, 0)],
      violating: ['a'],
      nonViolating: ['b'],
    },
    {
      name: 'earlier victims spend the allowance of later ones, in the order given',
      pods: [
        victim('a', { node: 'n', labels: app }),
        victim('b', { node: 'n', labels: app }),
        victim('c', { node: 'n', labels: app }),
      ],
      pdbs: [pdb('web', app, 1)],
      violating: ['b', 'c'],
      nonViolating: ['a'],
    },
    {
      name: 'a pod without labels matches no budget',
      pods: [victim('a', { node: 'n' })],
      pdbs: [
        { ...pdb('all', {}, 0), spec: { selector: { matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] } } },
      ],
      violating: [],
      nonViolating: ['a'],
    },
    {
      name: 'a budget in another namespace does not apply',
      pods: [victim('a', { node: 'n', labels: app })],
      pdbs: [{ ...pdb('web', app, 0), metadata: { name: 'web', namespace: 'other' } }],
      violating: [],
      nonViolating: ['a'],
    },
    {
      name: 'a pod the API server already counted as disrupted spends nothing',
      pods: [victim('a', { node: 'n', labels: app }), victim('b', { node: 'n', labels: app })],
      pdbs: [
        {
          ...pdb('web', app, 1),
          status: { ...pdb('web', app, 1).status!, disruptedPods: { a: '2026-01-01T00:00:00Z' } },
        },
      ],
      violating: [],
      nonViolating: ['a', 'b'],
    },
    {
      name: 'an empty selector selects nothing',
      pods: [victim('a', { node: 'n', labels: app })],
      pdbs: [pdb('empty', {}, 0)],
      violating: [],
      nonViolating: ['a'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const got = filterPodsWithPdbViolation(c.pods.map(newPodInfo), compilePdbs(c.pdbs));
      assert.deepEqual(names(got.violating), c.violating);
      assert.deepEqual(names(got.nonViolating), c.nonViolating);
    });
  }

  test('budgets without a selector are left out', () => {
    const noSelector: PodDisruptionBudget = { ...pdb('x', {}, 0), spec: {} };
    assert.equal(compilePdbs([noSelector, pdb('empty', {}, 0), pdb('web', { app: 'web' }, 0)]).length, 1);
  });
});
