import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatefulSet, StatefulSetStatus } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { completeRollingUpdate, countReplicas, inconsistentStatus } from './stateful-status.js';

const NOW = Date.parse('2024-01-01T00:01:00Z');
const pod = (
  rev: string,
  phase: string,
  ready: boolean,
  extra: { deleting?: boolean; readySince?: string } = {},
): Pod =>
  ({
    metadata: {
      name: 'p',
      labels: { 'controller-revision-hash': rev },
      ...(extra.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    status: {
      ...(phase ? { phase } : {}),
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: extra.readySince ?? '2024-01-01T00:00:00Z',
        },
      ],
    },
  }) as Pod;

describe('replica counts', () => {
  test('created, ready, available, current and updated pods are counted apart', () => {
    const counts = countReplicas(
      [
        [
          pod('cur', 'Running', true),
          pod('upd', 'Running', true, { readySince: '2024-01-01T00:00:50Z' }),
          pod('upd', 'Pending', false),
          pod('cur', 'Running', true, { deleting: true }),
          pod('cur', '', false),
        ],
      ],
      30,
      'cur',
      'upd',
      NOW,
    );
    assert.deepEqual(counts, {
      replicas: 4,
      readyReplicas: 3,
      availableReplicas: 2,
      currentReplicas: 1,
      updatedReplicas: 2,
    });
  });
});

describe('completing a rolling update', () => {
  const set = (type: string, replicas = 3): StatefulSet =>
    ({ spec: { replicas, updateStrategy: { type } } }) as StatefulSet;
  const status = (updated: number, ready: number, replicas = 3): StatefulSetStatus => ({
    replicas,
    readyReplicas: ready,
    updatedReplicas: updated,
    currentReplicas: 3 - updated,
    currentRevision: 'old',
    updateRevision: 'new',
  });
  const cases: { name: string; set: StatefulSet; status: StatefulSetStatus; completes: boolean }[] = [
    { name: 'all updated and ready completes it', set: set('RollingUpdate'), status: status(3, 3), completes: true },
    { name: 'one pod not yet updated does not', set: set('RollingUpdate'), status: status(2, 3), completes: false },
    { name: 'one pod not ready does not', set: set('RollingUpdate'), status: status(3, 2), completes: false },
    { name: 'OnDelete never completes it here', set: set('OnDelete'), status: status(3, 3), completes: false },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const got = completeRollingUpdate(c.set, c.status);
      assert.equal(got.currentRevision, c.completes ? 'new' : 'old');
      if (c.completes) assert.equal(got.currentReplicas, 3);
    });
  }

  test('a status equal in the fields the controller writes is not written again', () => {
    const s: StatefulSetStatus = { ...status(3, 3), observedGeneration: 2, availableReplicas: 3 };
    assert.ok(!inconsistentStatus({ status: s } as StatefulSet, { ...s, collisionCount: 0 }));
    assert.ok(inconsistentStatus({ status: s } as StatefulSet, { ...s, readyReplicas: 2 }));
    assert.ok(inconsistentStatus({ status: s } as StatefulSet, { ...s, observedGeneration: 3 }));
  });
});
