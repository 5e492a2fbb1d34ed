import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Lease } from '../../api/coordination/v1/lease.js';
import type { Node } from '../../api/core/v1/node.js';
import type { NodeCondition } from '../../api/core/v1/node-status.js';
import {
  markConditionsUnknown,
  NODE_STATUS_NEVER_UPDATED_REASON,
  NODE_STATUS_UNKNOWN_MESSAGE,
  NODE_STATUS_UNKNOWN_REASON,
  type NodeHealth,
  observeNodeHealth,
  sameCondition,
} from './node-health.js';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const GRACE = { monitorGraceMs: 40_000, startupGraceMs: 60_000 };

function node(ready?: { status: string; heartbeat: number; transition?: number }, createdMs = T0 - 3600_000): Node {
  const conditions: NodeCondition[] = ready
    ? [
        {
          type: 'Ready',
          status: ready.status,
          lastHeartbeatTime: iso(ready.heartbeat),
          lastTransitionTime: iso(ready.transition ?? createdMs),
        },
      ]
    : [];
  return { metadata: { name: 'n1', creationTimestamp: iso(createdMs) }, status: { conditions } };
}

const lease = (renewMs: number): Lease => ({
  metadata: { name: 'n1', namespace: 'kube-node-lease' },
  spec: { renewTime: new Date(renewMs).toISOString().replace('Z', '000Z') },
});

const health = (probe: number, ready?: NodeCondition, leaseRenew?: number): NodeHealth => ({
  probeTimestamp: probe,
  readyTransitionTimestamp: probe,
  readyCondition: ready,
  leaseRenewTime: leaseRenew,
});

describe('observeNodeHealth', () => {
  const readyAt = (heartbeat: number): NodeCondition =>
    node({ status: 'True', heartbeat }).status?.conditions?.[0] as NodeCondition;
  const cases: {
    name: string;
    saved?: NodeHealth;
    node: Node;
    lease?: Lease;
    now: number;
    stale: boolean;
    probe: number;
  }[] = [
    {
      name: 'a node seen for the first time is given a full grace period from now',
      node: node({ status: 'True', heartbeat: T0 - 3600_000 }),
      now: T0,
      stale: false,
      probe: T0,
    },
    {
      name: 'a node whose heartbeat has not changed for longer than the grace period is stale',
      saved: health(T0 - 41_000, readyAt(T0 - 50_000)),
      node: node({ status: 'True', heartbeat: T0 - 50_000 }),
      now: T0,
      stale: true,
      probe: T0 - 41_000,
    },
    {
      name: 'a node whose heartbeat is unchanged but within the grace period is healthy',
      saved: health(T0 - 39_000, readyAt(T0 - 50_000)),
      node: node({ status: 'True', heartbeat: T0 - 50_000 }),
      now: T0,
      stale: false,
      probe: T0 - 39_000,
    },
    {
      name: 'a new heartbeat counts as a sign of life observed now, whatever time the kubelet wrote',
      saved: health(T0 - 100_000, readyAt(T0 - 100_000)),
      node: node({ status: 'True', heartbeat: T0 - 90_000 }),
      now: T0,
      stale: false,
      probe: T0,
    },
    {
      name: 'a renewed lease keeps a node healthy although its Ready heartbeat is old',
      saved: health(T0 - 100_000, readyAt(T0 - 100_000), T0 - 100_000),
      node: node({ status: 'True', heartbeat: T0 - 100_000 }),
      lease: lease(T0 - 95_000),
      now: T0,
      stale: false,
      probe: T0,
    },
    {
      name: 'a lease that was not renewed since the last look proves nothing',
      saved: health(T0 - 41_000, readyAt(T0 - 100_000), T0 - 45_000),
      node: node({ status: 'True', heartbeat: T0 - 100_000 }),
      lease: lease(T0 - 45_000),
      now: T0,
      stale: true,
      probe: T0 - 41_000,
    },
    {
      name: 'a node that never posted status gets the startup grace period from its creation',
      node: node(undefined, T0 - 59_000),
      now: T0,
      stale: false,
      probe: T0 - 59_000,
    },
    {
      name: 'a node that never posted status past the startup grace period is stale',
      node: node(undefined, T0 - 61_000),
      now: T0,
      stale: true,
      probe: T0 - 61_000,
    },
    {
      name: 'a node that never posted status but renews its lease is healthy',
      node: node(undefined, T0 - 600_000),
      lease: lease(T0 - 1_000),
      now: T0,
      stale: false,
      probe: T0,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const seen = observeNodeHealth(c.saved, c.node, c.lease, c.now, GRACE);
      assert.equal(seen.stale, c.stale);
      assert.equal(seen.health.probeTimestamp, c.probe);
    });
  }

  test('a changed Ready transition moves the remembered transition time to now', () => {
    const saved = health(
      T0 - 10_000,
      node({ status: 'True', heartbeat: T0 - 10_000, transition: T0 - 500_000 }).status?.conditions?.[0],
    );
    const seen = observeNodeHealth(
      saved,
      node({ status: 'False', heartbeat: T0 - 1_000, transition: T0 - 1_000 }),
      undefined,
      T0,
      GRACE,
    );
    assert.equal(seen.health.readyTransitionTimestamp, T0);
    assert.equal(seen.observedReady.status, 'False');
  });

  test('the observed Ready condition of a node without one is Unknown since its creation', () => {
    const seen = observeNodeHealth(undefined, node(undefined, T0 - 5_000), undefined, T0, GRACE);
    assert.equal(seen.observedReady.status, 'Unknown');
    assert.equal(seen.observedReady.lastHeartbeatTime, iso(T0 - 5_000));
    assert.equal(seen.gracePeriodMs, GRACE.startupGraceMs);
  });
});

describe('markConditionsUnknown', () => {
  test('known kubelet conditions turn Unknown with reason NodeStatusUnknown and a new transition time', () => {
    const status: { conditions: NodeCondition[] } = {
      conditions: [
        { type: 'Ready', status: 'True', lastHeartbeatTime: iso(T0 - 60_000), lastTransitionTime: iso(T0 - 600_000) },
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: iso(T0 - 60_000) },
        { type: 'NetworkUnavailable', status: 'False' },
      ],
    };
    const ready = markConditionsUnknown(status, iso(T0 - 3600_000), iso(T0));
    assert.deepEqual(ready, {
      type: 'Ready',
      status: 'Unknown',
      reason: NODE_STATUS_UNKNOWN_REASON,
      message: NODE_STATUS_UNKNOWN_MESSAGE,
      lastHeartbeatTime: iso(T0 - 60_000),
      lastTransitionTime: iso(T0),
    });
    const byType = new Map(status.conditions.map((c) => [c.type, c]));
    assert.equal(byType.get('MemoryPressure')?.status, 'Unknown');
    assert.equal(byType.get('NetworkUnavailable')?.status, 'False', 'NetworkUnavailable is not the kubelet’s');
    assert.equal(byType.get('DiskPressure')?.reason, NODE_STATUS_NEVER_UPDATED_REASON);
    assert.equal(byType.get('PIDPressure')?.message, 'Kubelet never posted node status.');
  });

  test('a condition already Unknown keeps its transition time, so a second pass changes nothing', () => {
    const status = { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: iso(T0 - 60_000) }] };
    const first = structuredClone(markConditionsUnknown(status, iso(T0 - 3600_000), iso(T0)));
    const second = markConditionsUnknown(status, iso(T0 - 3600_000), iso(T0 + 5_000));
    assert.ok(sameCondition(first, second));
  });
});
