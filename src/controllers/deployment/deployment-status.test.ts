import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Deployment, DeploymentStatus } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import {
  calculateStatus,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  progressCheckDelay,
  rolloutStatus,
  sameStatus,
} from './deployment-status.js';

const NOW = Date.parse('2024-06-01T12:00:00Z');
const at = (secondsAgo: number): string => new Date(NOW - secondsAgo * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

function deployment(
  status: DeploymentStatus = {},
  extra: { replicas?: number; deadline?: number; generation?: number } = {},
): Deployment {
  return {
    metadata: { name: 'web', generation: extra.generation ?? 1 },
    spec: {
      replicas: extra.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      template: {},
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      progressDeadlineSeconds: extra.deadline ?? 600,
    },
    status,
  } as Deployment;
}

const rs = (
  name: string,
  replicas: number,
  status: { replicas?: number; ready?: number; available?: number } = {},
): ReplicaSet =>
  ({
    metadata: { name },
    spec: { replicas },
    status: {
      replicas: status.replicas ?? replicas,
      readyReplicas: status.ready ?? 0,
      availableReplicas: status.available ?? 0,
    },
  }) as ReplicaSet;

const progressing = (reason: string, secondsAgo: number, status = 'True') => ({
  type: 'Progressing',
  status,
  reason,
  message: 'm',
  lastUpdateTime: at(secondsAgo),
  lastTransitionTime: at(secondsAgo),
});

describe('deployment status', () => {
  test('counts come from the ReplicaSets; unavailable is desired pods minus available, never negative', () => {
    const newRS = rs('new', 2, { ready: 1, available: 1 });
    const status = calculateStatus([rs('old', 2, { ready: 2, available: 2 }), newRS], newRS, deployment(), NOW);
    assert.equal(status.replicas, 4);
    assert.equal(status.updatedReplicas, 2);
    assert.equal(status.readyReplicas, 3);
    assert.equal(status.availableReplicas, 3);
    assert.equal(status.unavailableReplicas, 1);
    assert.equal(status.observedGeneration, 1);
  });

  const availability: { name: string; available: number; want: [string, string, string] }[] = [
    {
      name: 'enough available replicas make the deployment Available',
      available: 2,
      want: ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
    },
    {
      name: 'too few available replicas make it not Available',
      available: 1,
      want: ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
    },
  ];
  for (const c of availability) {
    test(c.name, () => {
      const only = rs('only', 3, { available: c.available });
      const cond = calculateStatus([only], only, deployment(), NOW).conditions?.find((k) => k.type === 'Available');
      assert.deepEqual([cond?.status, cond?.reason, cond?.message], c.want);
    });
  }

  test('complete means every desired replica updated, available, alone, and the spec observed', () => {
    const d = deployment({}, { generation: 2 });
    assert.equal(
      deploymentComplete(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 }),
      true,
    );
    assert.equal(
      deploymentComplete(d, { replicas: 4, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 2 }),
      false,
    );
    assert.equal(
      deploymentComplete(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 }),
      false,
    );
  });

  test('progress is more updated, ready or available replicas, or fewer old ones', () => {
    const d = deployment({ replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 });
    assert.equal(
      deploymentProgressing(d, { replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3 }),
      true,
    );
    assert.equal(
      deploymentProgressing(d, { replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 }),
      true,
    );
    assert.equal(
      deploymentProgressing(d, { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3 }),
      false,
    );
  });

  test('a Progressing condition older than the deadline has timed out; a completed one never does', () => {
    const d = deployment({}, { deadline: 60 });
    assert.equal(deploymentTimedOut(d, { conditions: [progressing('ReplicaSetUpdated', 61)] }, NOW), true);
    assert.equal(deploymentTimedOut(d, { conditions: [progressing('ReplicaSetUpdated', 59)] }, NOW), false);
    assert.equal(deploymentTimedOut(d, { conditions: [progressing('NewReplicaSetAvailable', 600)] }, NOW), false);
    assert.equal(
      deploymentTimedOut(deployment({}, { deadline: 2147483647 }), { conditions: [progressing('x', 1e6)] }, NOW),
      false,
    );
  });
});

describe('rollout status', () => {
  test('a finished rollout says the new ReplicaSet has successfully progressed', () => {
    const newRS = rs('web-abc', 3, { available: 3, ready: 3 });
    const d = deployment({ conditions: [progressing('ReplicaSetUpdated', 5)] });
    const cond = rolloutStatus([newRS], newRS, d, NOW).conditions?.find((c) => c.type === 'Progressing');
    assert.equal(cond?.reason, 'NewReplicaSetAvailable');
    assert.equal(cond?.message, 'ReplicaSet "web-abc" has successfully progressed.');
    assert.equal(cond?.lastTransitionTime, at(5), 'the status stayed True');
  });

  test('progress refreshes lastUpdateTime under the same reason', () => {
    const newRS = rs('web-abc', 2, { available: 1 });
    const d = deployment({ replicas: 3, updatedReplicas: 1, conditions: [progressing('ReplicaSetUpdated', 30)] });
    const cond = rolloutStatus([rs('old', 2, { available: 2 }), newRS], newRS, d, NOW).conditions?.find(
      (c) => c.type === 'Progressing',
    );
    assert.equal(cond?.message, 'ReplicaSet "web-abc" is progressing.');
    assert.equal(cond?.lastUpdateTime, at(0));
    assert.equal(cond?.lastTransitionTime, at(30));
  });

  test('no progress past the deadline times out with upstream words', () => {
    const newRS = rs('web-abc', 1);
    const d = deployment(
      { replicas: 1, updatedReplicas: 1, conditions: [progressing('NewReplicaSetCreated', 700)] },
      { replicas: 1 },
    );
    const cond = rolloutStatus([newRS], newRS, d, NOW).conditions?.find((c) => c.type === 'Progressing');
    assert.deepEqual(
      [cond?.status, cond?.reason, cond?.message],
      ['False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-abc" has timed out progressing.'],
    );
  });

  test('a ReplicaSet failure shows as the deployment ReplicaFailure, and goes with it', () => {
    const failing = rs('web-abc', 1);
    (failing.status as { conditions?: unknown[] }).conditions = [
      { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: at(1) },
    ];
    const with1 = rolloutStatus([failing], failing, deployment({}, { replicas: 1 }), NOW);
    assert.deepEqual(
      with1.conditions?.find((c) => c.type === 'ReplicaFailure'),
      {
        type: 'ReplicaFailure',
        status: 'True',
        reason: 'FailedCreate',
        message: 'quota',
        lastTransitionTime: at(1),
        lastUpdateTime: at(1),
      },
    );
    const healthy = rs('web-abc', 1);
    const without = rolloutStatus(
      [healthy],
      healthy,
      deployment({ conditions: with1.conditions }, { replicas: 1 }),
      NOW,
    );
    assert.equal(
      without.conditions?.find((c) => c.type === 'ReplicaFailure'),
      undefined,
    );
  });

  test('zero counts and absent counts are the same status', () => {
    assert.equal(sameStatus({ replicas: 0, availableReplicas: 2 }, { availableReplicas: 2 }), true);
    assert.equal(sameStatus({ availableReplicas: 1 }, { availableReplicas: 2 }), false);
  });

  test('a stuck rollout is looked at again just after its deadline; a finished one is not', () => {
    const d = deployment({ conditions: [progressing('ReplicaSetUpdated', 10)] }, { deadline: 60 });
    assert.equal(progressCheckDelay(d, { replicas: 3 }, NOW), 51_000);
    assert.equal(
      progressCheckDelay(d, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 }, NOW),
      undefined,
    );
    const late = deployment({ conditions: [progressing('ReplicaSetUpdated', 60)] }, { deadline: 60 });
    assert.equal(progressCheckDelay(late, { replicas: 3 }, NOW), 100);
  });
});
