import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodSpec } from '../../api/core/v1/pod-spec.js';
import {
  addOrUpdateToleration,
  daemonPodTemplate,
  pinToNode,
  targetNodeName,
  withDaemonTolerations,
} from './daemon-pod-template.js';
import { nodeShouldRunDaemonPod } from './node-eligibility.js';

const node = (name: string, labels: Record<string, string> = {}, taints: object[] = []): Node =>
  ({ metadata: { name, labels }, spec: { taints } }) as Node;
const ds = (spec: Partial<PodSpec> = {}): DaemonSet =>
  ({
    metadata: { name: 'agent', namespace: 'ns' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec } },
    },
  }) as DaemonSet;

describe('node eligibility', () => {
  const cases: { name: string; node: Node; ds: DaemonSet; run: boolean; stay: boolean }[] = [
    { name: 'a plain node runs the pod', node: node('a'), ds: ds(), run: true, stay: true },
    {
      name: 'a nodeSelector the node matches lets it run',
      node: node('a', { disk: 'ssd' }),
      ds: ds({ nodeSelector: { disk: 'ssd' } }),
      run: true,
      stay: true,
    },
    {
      name: 'a nodeSelector the node does not match keeps it off, and evicts',
      node: node('a', { disk: 'hdd' }),
      ds: ds({ nodeSelector: { disk: 'ssd' } }),
      run: false,
      stay: false,
    },
    {
      name: 'required node affinity is honoured',
      node: node('a', { zone: 'z2' }),
      ds: ds({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }],
            },
          },
        },
      }),
      run: false,
      stay: false,
    },
    {
      name: 'a template naming another node keeps this one off',
      node: node('a'),
      ds: ds({ nodeName: 'b' }),
      run: false,
      stay: false,
    },
    {
      name: 'an untolerated NoSchedule taint keeps new pods off but lets running ones stay',
      node: node('a', {}, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]),
      ds: ds(),
      run: false,
      stay: true,
    },
    {
      name: 'an untolerated NoExecute taint keeps pods off and evicts',
      node: node('a', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]),
      ds: ds(),
      run: false,
      stay: false,
    },
    {
      name: 'a PreferNoSchedule taint does not matter',
      node: node('a', {}, [{ key: 'dedicated', effect: 'PreferNoSchedule' }]),
      ds: ds(),
      run: true,
      stay: true,
    },
    {
      name: 'a taint the template tolerates does not matter',
      node: node('a', {}, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]),
      ds: ds({ tolerations: [{ key: 'dedicated', operator: 'Exists' }] }),
      run: true,
      stay: true,
    },
    {
      name: 'a cordoned node is tolerated by every daemon pod',
      node: node('a', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]),
      ds: ds(),
      run: true,
      stay: true,
    },
    {
      name: 'a not-ready node is tolerated by every daemon pod',
      node: node('a', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]),
      ds: ds(),
      run: true,
      stay: true,
    },
    {
      name: 'network-unavailable is tolerated by host-network pods only',
      node: node('a', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]),
      ds: ds(),
      run: false,
      stay: true,
    },
    {
      name: 'a host-network pod tolerates network-unavailable',
      node: node('a', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]),
      ds: ds({ hostNetwork: true }),
      run: true,
      stay: true,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(nodeShouldRunDaemonPod(c.node, c.ds), { shouldRun: c.run, shouldContinueRunning: c.stay });
    });
  }
});

describe('daemon pod template', () => {
  test('every daemon pod gets upstream default tolerations, without time limits', () => {
    const spec = withDaemonTolerations({ containers: [] });
    assert.deepEqual(spec.tolerations, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
  });

  test('a matching toleration with a time limit is replaced, others are kept', () => {
    const got = addOrUpdateToleration(
      [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'mine', operator: 'Exists' },
      ],
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    );
    assert.deepEqual(got, [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'mine', operator: 'Exists' },
    ]);
  });

  test('the template gets the hash label and keeps its own', () => {
    const t = daemonPodTemplate({ metadata: { labels: { app: 'a' } }, spec: { containers: [] } }, undefined, 'h1');
    assert.deepEqual(t.metadata?.labels, { app: 'a', 'controller-revision-hash': 'h1' });
    const old = daemonPodTemplate({ metadata: { labels: { app: 'a' } }, spec: { containers: [] } }, 3, 'h1');
    assert.equal(old.metadata?.labels?.['pod-template-generation'], '3');
  });

  test('pinning replaces the required node affinity and keeps the preferred terms', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }];
    const affinity = pinToNode(
      {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z'] }] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: preferred,
        },
      },
      'node-1',
    );
    assert.deepEqual(affinity.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }],
    });
    assert.deepEqual(affinity.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution, preferred);
    const pod = { spec: { containers: [], affinity } } as unknown as Pod;
    assert.equal(targetNodeName(pod), 'node-1');
    assert.equal(targetNodeName({ spec: { containers: [], nodeName: 'bound' } } as unknown as Pod), 'bound');
    assert.equal(targetNodeName({ spec: { containers: [] } } as unknown as Pod), undefined);
  });
});
