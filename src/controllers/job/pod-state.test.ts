import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { byGiveUpOrder, finishedTime, isPodFailed, isPodTerminating } from './pod-state.js';

const pod = (o: {
  name?: string;
  phase?: string;
  deleting?: boolean;
  node?: string;
  ready?: string;
  readySince?: string;
  created?: string;
}): Pod =>
  ({
    metadata: {
      name: o.name ?? 'p',
      creationTimestamp: o.created ?? '2024-05-10T10:00:00Z',
      ...(o.deleting ? { deletionTimestamp: '2024-05-10T10:05:00Z', deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { nodeName: o.node ?? '' },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.ready
        ? [{ type: 'Ready', status: o.ready, lastTransitionTime: o.readySince ?? '2024-05-10T10:01:00Z' }]
        : [],
    },
  }) as Pod;

const plain = { spec: {} } as Job;
const onlyFailed = { spec: { podReplacementPolicy: 'Failed' } } as Job;

describe('which pods count as failed', () => {
  const cases: [string, Pod, Job, boolean][] = [
    ['phase Failed', pod({ phase: 'Failed' }), plain, true],
    ['a running pod being deleted', pod({ deleting: true }), plain, true],
    ['a running pod being deleted, when only failed pods are replaced', pod({ deleting: true }), onlyFailed, false],
    ['a succeeded pod being deleted', pod({ phase: 'Succeeded', deleting: true }), plain, false],
    ['a running pod', pod({}), plain, false],
  ];
  for (const [name, p, job, failed] of cases) test(name, () => assert.equal(isPodFailed(p, job), failed));

  test('terminating means being deleted and not terminal', () => {
    assert.equal(isPodTerminating(pod({ deleting: true })), true);
    assert.equal(isPodTerminating(pod({ deleting: true, phase: 'Failed' })), false);
    assert.equal(isPodTerminating(pod({})), false);
  });
});

describe('when a pod finished', () => {
  test('the last container to finish, when all did', () => {
    const p = pod({ phase: 'Failed' });
    (p.status as Record<string, unknown>)['containerStatuses'] = [
      { name: 'a', state: { terminated: { exitCode: 1, finishedAt: '2024-05-10T10:02:00Z' } } },
      { name: 'b', state: { terminated: { exitCode: 0, finishedAt: '2024-05-10T10:03:00Z' } } },
    ];
    assert.equal(finishedTime(p), Date.parse('2024-05-10T10:03:00Z'));
  });
  test('else the Ready=False transition', () => {
    assert.equal(
      finishedTime(pod({ ready: 'False', readySince: '2024-05-10T10:04:00Z' })),
      Date.parse('2024-05-10T10:04:00Z'),
    );
  });
  test('else the deletion time less the grace period', () => {
    assert.equal(finishedTime(pod({ deleting: true })), Date.parse('2024-05-10T10:04:30Z'));
  });
  test('else its creation', () => assert.equal(finishedTime(pod({})), Date.parse('2024-05-10T10:00:00Z')));
});

describe('the order active pods are given up in', () => {
  test('unscheduled, pending, not ready, recently ready, then newest go first', () => {
    const pods = [
      pod({ name: 'old-ready', node: 'n', ready: 'True', readySince: '2024-05-10T10:01:00Z' }),
      pod({ name: 'new-ready', node: 'n', ready: 'True', readySince: '2024-05-10T10:02:00Z' }),
      pod({ name: 'not-ready', node: 'n', ready: 'False' }),
      pod({ name: 'pending', node: 'n', phase: 'Pending' }),
      pod({ name: 'unscheduled', phase: 'Pending' }),
    ];
    assert.deepEqual(
      byGiveUpOrder(pods).map((p) => p.metadata?.name),
      ['unscheduled', 'pending', 'not-ready', 'new-ready', 'old-ready'],
    );
  });
});
