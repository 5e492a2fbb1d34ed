import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LeaseKind } from '../../../../api/coordination/v1/lease.js';
import type { ApiObject } from '../../strategy.js';
import { create } from '../../core/validation/strategy-harness.js';
import { leasesStrategy } from './strategy.js';

const lease = (spec: Record<string, unknown>): ApiObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'kube-scheduler', namespace: 'kube-system' },
  spec,
});

describe('leases strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'a held lease is valid',
      { holderIdentity: 'node-1', leaseDurationSeconds: 15, renewTime: '2024-05-01T10:00:00.000000Z' },
      [],
    ],
    [
      'a zero duration is rejected',
      { leaseDurationSeconds: 0 },
      ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    ],
    [
      'negative transitions are rejected',
      { leaseTransitions: -1 },
      ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'an unknown unprefixed strategy is rejected',
      { strategy: 'Youngest' },
      ['spec.strategy: Unsupported value: "Youngest": supported values: "OldestEmulationVersion"'],
    ],
    ['a domain-prefixed strategy is accepted', { strategy: 'example.com/custom' }, []],
    [
      'a preferred holder needs a strategy',
      { preferredHolder: 'node-2' },
      ['spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined'],
    ],
  ];
  for (const [name, spec, errors] of cases)
    test(name, () => assert.deepEqual(create(leasesStrategy, LeaseKind, lease(spec)).errors, errors));
});
