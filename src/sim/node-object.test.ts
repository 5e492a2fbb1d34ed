import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../api/core/v1/node.js';
import { parseIpv4Cidr } from './ipv4-cidr.js';
import { adoptedNode, healthyConditions, isReady, newNodeObject, type NodeTemplate, simNode } from './node-object.js';

const T0 = Date.UTC(2024, 0, 1);
const TEMPLATE: NodeTemplate = {
  capacity: { cpu: '8', memory: '16Gi', pods: '110' },
  labels: { zone: 'a', 'kubernetes.io/hostname': 'not-this' },
  taints: [{ key: 'dedicated', value: 'sim', effect: 'NoSchedule' }],
};
const NODE = simNode('sim-3', parseIpv4Cidr('10.244.3.0/24')!, 'boot-1');

describe('newNodeObject', () => {
  test('a new node is Ready, with capacity, its range, addresses, labels and taints', () => {
    const node = newNodeObject(NODE, TEMPLATE, T0);
    assert.equal(isReady(node), true);
    assert.deepEqual(node.spec?.podCIDRs, ['10.244.3.0/24']);
    assert.equal(node.spec?.podCIDR, '10.244.3.0/24');
    assert.deepEqual(node.spec?.taints, TEMPLATE.taints);
    assert.deepEqual(node.status?.capacity, TEMPLATE.capacity);
    assert.deepEqual(node.status?.allocatable, TEMPLATE.capacity);
    assert.deepEqual(node.status?.addresses, [
      { type: 'InternalIP', address: '10.244.3.1' },
      { type: 'Hostname', address: 'sim-3' },
    ]);
    assert.deepEqual(node.metadata?.labels, {
      zone: 'a',
      'kubernetes.io/hostname': 'sim-3',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'node.skiff.dev/sim': 'true',
    });
    assert.equal(node.status?.nodeInfo?.kubeletVersion, 'v1.32.0-skiff');
    assert.equal(node.status?.nodeInfo?.containerRuntimeVersion, 'sim://0.1');
    assert.equal(node.status?.daemonEndpoints?.kubeletEndpoint?.Port, 10250);
  });

  test('the machine ID stays the same across runs; the boot ID does not', () => {
    const again = newNodeObject(simNode('sim-3', NODE.cidr, 'boot-2'), TEMPLATE, T0);
    const first = newNodeObject(NODE, TEMPLATE, T0);
    assert.equal(again.status?.nodeInfo?.machineID, first.status?.nodeInfo?.machineID);
    assert.notEqual(again.status?.nodeInfo?.bootID, first.status?.nodeInfo?.bootID);
  });
});

describe('healthyConditions', () => {
  test("the four kubelet conditions, in upstream's order, with upstream's reasons", () => {
    assert.deepEqual(
      healthyConditions(T0).map((c) => [c.type, c.status, c.reason, c.message]),
      [
        ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
      ],
    );
  });

  test('a heartbeat moves lastHeartbeatTime but keeps the transition time of an unchanged condition', () => {
    const later = healthyConditions(T0 + 60_000, healthyConditions(T0));
    const ready = later.find((c) => c.type === 'Ready');
    assert.equal(ready?.lastHeartbeatTime, '2024-01-01T00:01:00Z');
    assert.equal(ready?.lastTransitionTime, '2024-01-01T00:00:00Z');
  });

  test('a node left Unknown turns Ready again, transition time now; foreign conditions stay', () => {
    const previous = [
      { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', lastTransitionTime: '2023-01-01T00:00:00Z' },
      { type: 'NetworkUnavailable', status: 'False' },
    ];
    const now = healthyConditions(T0, previous);
    const ready = now.find((c) => c.type === 'Ready');
    assert.deepEqual(
      [ready?.status, ready?.reason, ready?.lastTransitionTime],
      ['True', 'KubeletReady', '2024-01-01T00:00:00Z'],
    );
    assert.ok(now.some((c) => c.type === 'NetworkUnavailable'));
  });
});

describe('adoptedNode', () => {
  test('a node already as wanted needs no change', () => {
    assert.equal(adoptedNode(newNodeObject(NODE, TEMPLATE, T0), NODE, TEMPLATE), undefined);
  });

  test('a node without our labels or range gets them; its taints and other labels stay', () => {
    const existing = {
      metadata: { name: 'sim-3', labels: { team: 'x' } },
      spec: { taints: [{ key: 'k', effect: 'NoExecute' }] },
    } as Node;
    const adopted = adoptedNode(existing, NODE, TEMPLATE);
    assert.equal(adopted?.metadata?.labels?.team, 'x');
    assert.equal(adopted?.metadata?.labels?.['node.skiff.dev/sim'], 'true');
    assert.equal(adopted?.spec?.podCIDR, '10.244.3.0/24');
    assert.deepEqual(adopted?.spec?.taints, [{ key: 'k', effect: 'NoExecute' }]);
    assert.equal(existing.metadata?.labels?.['node.skiff.dev/sim'], undefined, 'the cached node is not touched');
  });
});
