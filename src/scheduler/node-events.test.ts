import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../api/core/v1/node.js';
import { ActionType } from './framework/cluster-event.js';
import { nodeUpdateActions } from './node-events.js';
import { makeNode } from './testing/builders.js';

const ready = (status: string, heartbeat: string): Node['status'] => ({
  allocatable: { cpu: '4', memory: '32Gi', pods: '110' },
  conditions: [{ type: 'Ready', status, lastHeartbeatTime: heartbeat }],
});
const base: Node = { ...makeNode('n'), status: ready('True', '2026-01-01T00:00:00Z') };

describe('nodeUpdateActions', () => {
  const cases: { name: string; change: (n: Node) => Node; want: number }[] = [
    { name: 'an identical node is no change', change: (n) => n, want: 0 },
    {
      name: 'a heartbeat alone (condition timestamps) is no change',
      change: (n) => ({ ...n, status: ready('True', '2026-01-01T00:01:00Z') }),
      want: 0,
    },
    {
      name: 'a new resourceVersion alone is no change',
      change: (n) => ({ ...n, metadata: { ...n.metadata, resourceVersion: '42' } }),
      want: 0,
    },
    {
      name: 'changed allocatable is UpdateNodeAllocatable',
      change: (n) => ({ ...n, status: { ...n.status, allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } }),
      want: ActionType.UpdateNodeAllocatable,
    },
    {
      name: 'changed labels are UpdateNodeLabel',
      change: (n) => ({ ...n, metadata: { ...n.metadata, labels: { zone: 'b' } } }),
      want: ActionType.UpdateNodeLabel,
    },
    {
      name: 'changed taints are UpdateNodeTaint',
      change: (n) => ({ ...n, spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] } }),
      want: ActionType.UpdateNodeTaint,
    },
    {
      name: 'unschedulable: false where it was unset is no change',
      change: (n) => ({ ...n, spec: { unschedulable: false } }),
      want: 0,
    },
    {
      name: 'a changed condition status is UpdateNodeCondition',
      change: (n) => ({ ...n, status: ready('False', '2026-01-01T00:00:00Z') }),
      want: ActionType.UpdateNodeCondition,
    },
    {
      name: 'changed annotations are UpdateNodeAnnotation',
      change: (n) => ({ ...n, metadata: { ...n.metadata, annotations: { a: 'b' } } }),
      want: ActionType.UpdateNodeAnnotation,
    },
    {
      name: 'several kinds of change set several bits',
      change: (n) => ({
        ...n,
        metadata: { ...n.metadata, labels: { zone: 'b' } },
        spec: { taints: [{ key: 'k', effect: 'NoSchedule' }] },
      }),
      want: ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(nodeUpdateActions(base, c.change(base)), c.want));
  }

  test('a cordoned node made schedulable again is UpdateNodeTaint (upstream NodeSpecUnschedulableChange)', () => {
    const cordoned: Node = { ...base, spec: { unschedulable: true } };
    assert.equal(nodeUpdateActions(cordoned, base), ActionType.UpdateNodeTaint);
  });
});
