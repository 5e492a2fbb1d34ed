import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Status } from '../../framework/status.js';
import { noCandidateMessage } from './failure-message.js';

describe('noCandidateMessage', () => {
  const cases: { name: string; all: number; statuses: [string, Status][]; want: string }[] = [
    {
      name: 'nodes never tried count as not helpful',
      all: 2,
      statuses: [],
      want: '0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    },
    {
      name: 'tried nodes count by reason',
      all: 1,
      statuses: [['n1', Status.unresolvable('No preemption victims found for incoming pod')]],
      want: '0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
    {
      name: 'reasons are sorted as strings, counts included',
      all: 3,
      statuses: [
        ['n1', Status.unresolvable('No preemption victims found for incoming pod')],
        ['n2', Status.unschedulable('Insufficient cpu')],
        ['n3', Status.unresolvable('No preemption victims found for incoming pod')],
      ],
      want: '0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.',
    },
    {
      name: 'tried and untried nodes mix',
      all: 4,
      statuses: [
        ['n1', Status.unschedulable('Insufficient cpu')],
        ['n2', Status.unschedulable('Insufficient cpu')],
      ],
      want: '0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.',
    },
    {
      name: 'a status with several reasons counts each',
      all: 1,
      statuses: [['n1', Status.unschedulable('Insufficient cpu', 'Too many pods')]],
      want: '0/1 nodes are available: 1 Insufficient cpu, 1 Too many pods.',
    },
    {
      name: 'sorting is by text, so 10 comes before 9',
      all: 19,
      statuses: Array.from({ length: 10 }, (_, i): [string, Status] => [
        `n${i}`,
        Status.unschedulable('Too many pods'),
      ]),
      want: '0/19 nodes are available: 10 Too many pods, 9 Preemption is not helpful for scheduling.',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(noCandidateMessage(c.all, new Map(c.statuses)), c.want);
    });
  }
});
