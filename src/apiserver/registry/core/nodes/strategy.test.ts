import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeKind } from '../../../../api/core/v1/node.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../validation/strategy-harness.js';
import { nodesStrategy } from './strategy.js';

const node = (spec: Record<string, unknown> = {}, status?: Record<string, unknown>): ApiObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'worker-1' },
  spec,
  ...(status ? { status } : {}),
});

describe('nodes strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    {
      name: 'a node with a taint and capacity is valid',
      input: node({ taints: [{ key: 'gpu', effect: 'NoSchedule' }] }, { capacity: { cpu: '4' } }),
      errors: [],
    },
    {
      name: 'a taint effect must be known',
      input: node({ taints: [{ key: 'gpu', effect: 'NoRun' }] }),
      errors: [
        'metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    },
    {
      name: 'a taint needs an effect',
      input: node({ taints: [{ key: 'gpu' }] }),
      errors: ['metadata.taints[0].effect: Required value'],
    },
    {
      name: 'a negative capacity is rejected, and so is the allocatable copied from it',
      input: node({}, { capacity: { memory: '-1Gi' } }),
      errors: [
        'status.capacity.memory: Invalid value: "-1Gi": must be greater than or equal to 0',
        'status.allocatable.memory: Invalid value: "-1Gi": must be greater than or equal to 0',
      ],
    },
    {
      name: 'a pod count must be whole',
      input: node({}, { capacity: { pods: '110' }, allocatable: { pods: '1500m' } }),
      errors: ['status.allocatable.pods: Invalid value: "1500m": must be an integer'],
    },
    {
      name: 'two pod CIDRs must be of different families',
      input: node({ podCIDRs: ['10.244.0.0/24', '10.245.0.0/24'] }),
      errors: [
        'spec.podCIDRs: Invalid value: []string{"10.244.0.0/24", "10.245.0.0/24"}: may specify no more than one CIDR for each IP family',
      ],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(nodesStrategy, NodeKind, c.input).errors, c.errors));

  test('a node keeps the status it is created with and allocatable follows capacity', () => {
    const { obj } = create(nodesStrategy, NodeKind, node({}, { capacity: { cpu: '2' } }));
    assert.deepEqual(obj.status, { capacity: { cpu: '2' }, allocatable: { cpu: '2' } });
  });

  test('the pod CIDR and provider ID can be set once but not changed', () => {
    const old = stored(nodesStrategy, NodeKind, node({ podCIDRs: ['10.244.0.0/24'], providerID: 'skiff://a' }));
    const { errors } = update(
      nodesStrategy,
      NodeKind,
      node({ podCIDRs: ['10.244.1.0/24'], providerID: 'skiff://b' }),
      old,
    );
    assert.deepEqual(errors, [
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]);
  });

  test('an update of the node keeps its status, a status update keeps its spec', () => {
    const old = stored(nodesStrategy, NodeKind, node({ unschedulable: false }, { capacity: { cpu: '2' } }));
    assert.deepEqual(
      update(nodesStrategy, NodeKind, node({ unschedulable: true }, { capacity: { cpu: '8' } }), old).obj.status,
      old.status,
    );
    const { obj } = updateStatus(
      nodesStrategy,
      NodeKind,
      node({ unschedulable: true }, { capacity: { cpu: '8' } }),
      old,
    );
    assert.deepEqual(obj.spec, { unschedulable: false });
  });
});
