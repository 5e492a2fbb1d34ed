import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { replicaSetsToClean } from './cleanup.js';

interface Shape {
  revision: string;
  replicas?: number;
  running?: number;
  generation?: number;
  observed?: number;
  deleting?: boolean;
}

const rs = (s: Shape): ReplicaSet =>
  ({
    metadata: {
      name: `rev-${s.revision}`,
      annotations: { 'deployment.kubernetes.io/revision': s.revision },
      generation: s.generation ?? 1,
      ...(s.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: { replicas: s.replicas ?? 0 },
    status: { replicas: s.running ?? 0, observedGeneration: s.observed ?? 1 },
  }) as ReplicaSet;

const names = (rss: ReplicaSet[]): string[] => rss.map((r) => r.metadata?.name ?? '');

describe('revision history cleanup', () => {
  test('the oldest revisions beyond the limit go, lowest revision first', () => {
    const old = [rs({ revision: '3' }), rs({ revision: '1' }), rs({ revision: '2' })];
    assert.deepEqual(names(replicaSetsToClean(old, 1)), ['rev-1', 'rev-2']);
    assert.deepEqual(names(replicaSetsToClean(old, 3)), []);
    assert.deepEqual(names(replicaSetsToClean(old, 0)), ['rev-1', 'rev-2', 'rev-3']);
  });

  test('a ReplicaSet still sized, still running pods, or not yet observed stays (and still counts)', () => {
    const old = [
      rs({ revision: '1', replicas: 1 }),
      rs({ revision: '2', running: 1 }),
      rs({ revision: '3', generation: 2, observed: 1 }),
      rs({ revision: '4' }),
    ];
    assert.deepEqual(names(replicaSetsToClean(old, 1)), []);
  });

  test('a ReplicaSet already being deleted neither counts nor goes again', () => {
    const old = [rs({ revision: '1', deleting: true }), rs({ revision: '2' }), rs({ revision: '3' })];
    assert.deepEqual(names(replicaSetsToClean(old, 1)), ['rev-2']);
  });
});
