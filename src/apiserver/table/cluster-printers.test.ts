import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { leasePrinter, namespacePrinter, nodePrinter, priorityClassPrinter } from './cluster-printers.js';
import { ago, pick, row } from './testing.js';

function node(labels: Record<string, string>, status: Record<string, unknown>, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-1', labels, creationTimestamp: ago(9 * 86400) },
    spec,
    status,
  };
}

const nodeInfo = {
  kubeletVersion: 'v1.32.0-skiff.0.1.0',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  kernelVersion: '6.1.0-18-amd64',
  containerRuntimeVersion: 'containerd://1.6.20',
  architecture: 'amd64',
};

describe('Node printer', () => {
  test('a ready control-plane node prints its roles, version and wide columns', () => {
    const n = node(
      {
        'kubernetes.io/hostname': 'worker-1',
        'node-role.kubernetes.io/control-plane': '',
        'node-role.kubernetes.io/etcd': 'true',
      },
      {
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
        addresses: [
          { type: 'InternalIP', address: '192.168.1.10' },
          { type: 'Hostname', address: 'worker-1' },
        ],
        nodeInfo,
      },
    );
    assert.deepEqual(row(nodePrinter, n), {
      Name: 'worker-1',
      Status: 'Ready',
      Roles: 'control-plane,etcd',
      Age: '9d',
      Version: 'v1.32.0-skiff.0.1.0',
      'Internal-IP': '192.168.1.10',
      'External-IP': '<none>',
      'OS-Image': 'Debian GNU/Linux 12 (bookworm)',
      'Kernel-Version': '6.1.0-18-amd64',
      'Container-Runtime': 'containerd://1.6.20',
    });
  });

  const cases: Array<[string, ReturnType<typeof node>, Record<string, string>]> = [
    [
      'a cordoned node that is not ready prints both',
      node({}, { conditions: [{ type: 'Ready', status: 'Unknown' }] }, { unschedulable: true }),
      { Status: 'NotReady,SchedulingDisabled', Roles: '<none>' },
    ],
    ['a node without a Ready condition is Unknown', node({}, {}), { Status: 'Unknown', 'OS-Image': '<unknown>' }],
    ['the legacy role label names a role', node({ 'kubernetes.io/role': 'worker' }, {}), { Roles: 'worker' }],
    [
      'the first external IP is shown',
      node(
        {},
        {
          addresses: [
            { type: 'ExternalIP', address: '203.0.113.5' },
            { type: 'ExternalIP', address: '203.0.113.6' },
          ],
        },
      ),
      { 'External-IP': '203.0.113.5', 'Internal-IP': '<none>' },
    ],
  ];
  for (const [name, obj, want] of cases)
    test(name, () => assert.deepEqual(pick(nodePrinter, obj, Object.keys(want)), want));
});

describe('Namespace, Lease and PriorityClass printers', () => {
  test('a namespace prints its phase', () => {
    const ns = { metadata: { name: 'shop', creationTimestamp: ago(5) }, status: { phase: 'Terminating' } };
    assert.deepEqual(row(namespacePrinter, ns), { Name: 'shop', Status: 'Terminating', Age: '5s' });
  });

  test('a lease prints its holder, empty when unheld', () => {
    const lease = (spec: Record<string, unknown>) => ({
      metadata: { name: 'kube-scheduler', creationTimestamp: ago(5) },
      spec,
    });
    assert.equal(row(leasePrinter, lease({ holderIdentity: 'skiff-1_4f2a' })).Holder, 'skiff-1_4f2a');
    assert.equal(row(leasePrinter, lease({})).Holder, '');
  });

  test('a priority class prints its value, default flag and preemption policy', () => {
    const pc = {
      metadata: { name: 'system-node-critical', creationTimestamp: ago(5) },
      value: 2000001000,
      preemptionPolicy: 'PreemptLowerPriority',
    };
    assert.deepEqual(row(priorityClassPrinter, pc), {
      Name: 'system-node-critical',
      Value: 2000001000,
      'Global-Default': false,
      Age: '5s',
      PreemptionPolicy: 'PreemptLowerPriority',
    });
    assert.equal(row(priorityClassPrinter, { ...pc, globalDefault: true })['Global-Default'], true);
  });
});
