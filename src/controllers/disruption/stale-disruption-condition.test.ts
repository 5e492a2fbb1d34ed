import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { staleDisruptionWaitMs, withDisruptionTargetCleared } from './stale-disruption-condition.js';

const NOW = Date.parse('2024-01-01T00:10:00Z');

function pod(o: { status?: string; reason?: string; since?: string; deleting?: boolean; phase?: string }): Pod {
  return {
    metadata: { name: 'p', namespace: 'ns', ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [
        { type: 'Ready', status: 'True' },
        {
          type: 'DisruptionTarget',
          status: o.status ?? 'True',
          reason: o.reason ?? 'EvictionByEvictionAPI',
          message: 'Eviction API: evicting',
          lastTransitionTime: o.since ?? '2024-01-01T00:09:00Z',
        },
      ],
    },
  } as Pod;
}

describe('stale DisruptionTarget conditions', () => {
  const cases: { name: string; pod: Pod; expected: number | undefined }[] = [
    { name: 'a fresh mark is stale after the rest of the timeout', pod: pod({}), expected: 60_000 },
    { name: 'an old mark is stale now', pod: pod({ since: '2024-01-01T00:00:00Z' }), expected: 0 },
    { name: 'a pod being deleted is left alone', pod: pod({ deleting: true }), expected: undefined },
    { name: 'a kubelet mark is left alone', pod: pod({ reason: 'TerminationByKubelet' }), expected: undefined },
    { name: 'a finished pod is left alone', pod: pod({ phase: 'Failed' }), expected: undefined },
    { name: 'a False condition is nothing to clean', pod: pod({ status: 'False' }), expected: undefined },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(staleDisruptionWaitMs(c.pod, NOW), c.expected);
    });
  }

  test('clearing replaces the condition with a bare False and keeps the others', () => {
    const cleared = withDisruptionTargetCleared(pod({}), '2024-01-01T00:10:00Z');
    assert.deepEqual(cleared?.status?.conditions, [
      { type: 'Ready', status: 'True' },
      { type: 'DisruptionTarget', status: 'False', lastTransitionTime: '2024-01-01T00:10:00Z' },
    ]);
    assert.equal(withDisruptionTargetCleared(cleared as Pod, '2024-01-01T00:11:00Z'), undefined);
  });
});
