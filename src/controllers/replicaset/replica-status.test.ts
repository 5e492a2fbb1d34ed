import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { labelSelectorFromSet } from '../../machinery/labels/index.js';
import { calculateReplicaStatus, replicaStatusUnchanged } from './replica-status.js';
import type { ReplicaOwner, ReplicaStatus } from './replicated-kind.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');

function owner(status: ReplicaStatus, extra: Partial<ReplicaOwner> = {}): ReplicaOwner {
  return {
    namespace: 'ns',
    name: 'rs',
    uid: 'u',
    generation: 2,
    deleting: false,
    replicas: 3,
    minReadySeconds: 0,
    selector: labelSelectorFromSet({ app: 'a' }),
    template: { metadata: { labels: { app: 'a', tier: 't' } } },
    status,
    object: {},
    ...extra,
  };
}

function pod(labels: Record<string, string>, readySecondsAgo?: number): Pod {
  const at = readySecondsAgo === undefined ? undefined : new Date(NOW - readySecondsAgo * 1000).toISOString();
  return {
    metadata: { labels },
    status: at === undefined ? {} : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }] },
  } as Pod;
}

describe('ReplicaSet status', () => {
  test('counts pods, the fully labelled, the ready and (after minReadySeconds) the available', () => {
    const pods = [pod({ app: 'a', tier: 't' }, 30), pod({ app: 'a' }, 2), pod({ app: 'a', tier: 't' })];
    const status = calculateReplicaStatus(owner({ replicas: 0 }, { minReadySeconds: 10 }), pods, undefined, NOW);
    assert.deepEqual(status, { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1 });
  });

  test('a failed creation adds ReplicaFailure with reason FailedCreate and the error as message', () => {
    const status = calculateReplicaStatus(
      owner({ replicas: 1 }),
      [pod({ app: 'a' })],
      new Error('pods "rs-" is forbidden'),
      NOW,
    );
    assert.deepEqual(status.conditions, [
      {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: '2024-06-01T12:00:00Z',
        reason: 'FailedCreate',
        message: 'pods "rs-" is forbidden',
      },
    ]);
  });

  test('a failed deletion is FailedDelete', () => {
    const pods = [pod({ app: 'a' }), pod({ app: 'a' }), pod({ app: 'a' }), pod({ app: 'a' })];
    const status = calculateReplicaStatus(owner({ replicas: 4 }), pods, new Error('boom'), NOW);
    assert.equal(status.conditions?.[0]?.reason, 'FailedDelete');
  });

  test('an existing failure is kept as it is while failing, and removed once a sync succeeds', () => {
    const failing = {
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message: 'old',
      lastTransitionTime: 'x',
    };
    const kept = calculateReplicaStatus(owner({ replicas: 0, conditions: [failing] }), [], new Error('new'), NOW);
    assert.deepEqual(kept.conditions, [failing]);
    const cleared = calculateReplicaStatus(owner({ replicas: 0, conditions: [failing] }), [], undefined, NOW);
    assert.equal(cleared.conditions, undefined);
  });

  const unchanged: { name: string; status: ReplicaStatus; next: ReplicaStatus; want: boolean }[] = [
    {
      name: 'the same counts at the observed generation change nothing',
      status: { replicas: 2, readyReplicas: 1, observedGeneration: 2 },
      next: { replicas: 2, readyReplicas: 1 },
      want: true,
    },
    {
      name: 'a new generation must be written even with the same counts',
      status: { replicas: 2, observedGeneration: 1 },
      next: { replicas: 2 },
      want: false,
    },
    {
      name: 'another ready count must be written',
      status: { replicas: 2, readyReplicas: 1, observedGeneration: 2 },
      next: { replicas: 2, readyReplicas: 2 },
      want: false,
    },
  ];
  for (const c of unchanged) {
    test(c.name, () => assert.equal(replicaStatusUnchanged(owner(c.status), c.next), c.want));
  }
});
