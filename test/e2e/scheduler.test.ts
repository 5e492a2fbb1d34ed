/**
 * The scheduler in `skiff server`, driven by the real kubectl: plain Node objects (capacity, labels, taints)
 * and pods with requests, nodeSelector, affinity and anti-affinity, topology spread, tolerations and
 * priorities — where they land, why the unschedulable ones wait, and which victim preemption evicts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../support/cluster.js';

const node = (name: string, zone: string, cpu: string, extra = '') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: {kubernetes.io/hostname: ${name}, topology.kubernetes.io/zone: ${zone}, disk: ${name === 'n3' ? 'ssd' : 'hdd'}}
spec: {${extra}}
status:
  capacity: {cpu: "${cpu}", memory: 8Gi, pods: "20"}
  allocatable: {cpu: "${cpu}", memory: 8Gi, pods: "20"}
`;

const pod = (name: string, spec: string, labels = '{app: web}') => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: sched, labels: ${labels}}
spec:
  terminationGracePeriodSeconds: 0
  containers: [{name: c, image: pause, resources: {requests: {cpu: 100m, memory: 64Mi}}}]
${spec}`;

describe('scheduler with kubectl', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster(['--disable-controller-manager']);
    await c.ok(['create', 'namespace', 'sched']);
    const nodes = [
      node('n1', 'z1', '2', 'taints: [{key: dedicated, value: infra, effect: NoSchedule}]'),
      node('n2', 'z1', '2'),
      node('n3', 'z2', '4'),
    ];
    await c.ok(['apply', '-f', '-'], { input: nodes.join('---\n') });
  });
  after(async () => c.stop());

  const nodeOf = async (name: string): Promise<string> => {
    for (let i = 0; i < 100; i++) {
      const out = await c.ok(['get', 'pod', name, '-n', 'sched', '-o', 'jsonpath={.spec.nodeName}']);
      if (out !== '') return out;
      await new Promise((r) => setTimeout(r, 100));
    }
    return '';
  };
  const waitFor = async (check: () => Promise<boolean>, what: string, detail = (): string => ''): Promise<void> => {
    for (let i = 0; i < 150; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what} ${detail()}`);
  };

  test('a pod with a nodeSelector lands on the only matching node', async () => {
    await c.ok(['apply', '-f', '-'], { input: pod('selector', '  nodeSelector: {disk: ssd}') });
    assert.equal(await nodeOf('selector'), 'n3');
    const events = await c.ok(['get', 'events', '-n', 'sched', '--field-selector', 'involvedObject.name=selector']);
    assert.match(events, /Scheduled.*Successfully assigned sched\/selector to n3/);
  });

  test('only a pod that tolerates the taint can land on the tainted node', async () => {
    const spec = `  nodeSelector: {kubernetes.io/hostname: n1}
  tolerations: [{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]`;
    await c.ok(['apply', '-f', '-'], { input: pod('tolerates', spec) });
    assert.equal(await nodeOf('tolerates'), 'n1');
  });

  test('required node affinity picks the zone', async () => {
    const spec = `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [z2]}]}]`;
    await c.ok(['apply', '-f', '-'], { input: pod('affine', spec) });
    assert.equal(await nodeOf('affine'), 'n3');
  });

  test('pod affinity follows a pod and anti-affinity avoids it', async () => {
    await c.ok(['apply', '-f', '-'], {
      input: pod('leader', '  nodeSelector: {kubernetes.io/hostname: n2}', '{role: leader}'),
    });
    assert.equal(await nodeOf('leader'), 'n2');
    const follow = `  affinity:
    podAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - {labelSelector: {matchLabels: {role: leader}}, topologyKey: kubernetes.io/hostname}`;
    await c.ok(['apply', '-f', '-'], { input: pod('follower', follow, '{role: follower}') });
    assert.equal(await nodeOf('follower'), 'n2');
    const avoid = `  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - {labelSelector: {matchLabels: {role: leader}}, topologyKey: topology.kubernetes.io/zone}`;
    await c.ok(['apply', '-f', '-'], { input: pod('avoider', avoid, '{role: avoider}') });
    assert.equal(await nodeOf('avoider'), 'n3');
  });

  test('hard topology spread puts pods in both zones', async () => {
    const spread = `  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: spread}}}`;
    const zones: string[] = [];
    for (const name of ['s1', 's2', 's3', 's4']) {
      await c.ok(['apply', '-f', '-'], { input: pod(name, spread, '{app: spread}') });
      const n = await nodeOf(name);
      zones.push(n === 'n3' ? 'z2' : 'z1');
    }
    assert.equal(zones.filter((z) => z === 'z1').length, 2, `zones: ${zones.join(',')}`);
    assert.equal(zones.filter((z) => z === 'z2').length, 2, `zones: ${zones.join(',')}`);
  });

  // A request larger than every node is unresolvable on each (upstream since 1.34): preemption cannot help.
  test('an unschedulable pod reports why in its condition and events', async () => {
    const huge = `apiVersion: v1
kind: Pod
metadata: {name: huge, namespace: sched}
spec:
  containers: [{name: c, image: pause, resources: {requests: {cpu: "64"}}}]
`;
    await c.ok(['apply', '-f', '-'], { input: huge });
    const expected =
      /0\/3 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: infra\}, 2 Insufficient cpu\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\.\./;
    let last = '';
    await waitFor(
      async () => {
        last = await c.ok(['get', 'pod', 'huge', '-n', 'sched', '-o', 'jsonpath={.status.conditions[0].message}']);
        return expected.test(last);
      },
      'the PodScheduled condition',
      () => last,
    );
    assert.match(last, expected);
    const reason = await c.ok(['get', 'pod', 'huge', '-n', 'sched', '-o', 'jsonpath={.status.conditions[0].reason}']);
    assert.equal(reason, 'Unschedulable');
    const described = await c.ok(['describe', 'pod', 'huge', '-n', 'sched']);
    assert.match(described, /Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/3 nodes are available/);
    await c.ok(['delete', 'pod', 'huge', '-n', 'sched']);
  });

  test('a pod for another scheduler is left alone', async () => {
    await c.ok(['apply', '-f', '-'], { input: pod('other', '  schedulerName: not-skiff') });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await c.ok(['get', 'pod', 'other', '-n', 'sched', '-o', 'jsonpath={.spec.nodeName}']), '');
  });

  test('preemption evicts the lower-priority victim and the preemptor runs in its place', async () => {
    await c.ok(['create', 'namespace', 'preempt']);
    const classes = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 10
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
`;
    await c.ok(['apply', '-f', '-'], { input: classes });
    const big = (name: string, cls: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: preempt}
spec:
  priorityClassName: ${cls}
  terminationGracePeriodSeconds: 0
  nodeSelector: {kubernetes.io/hostname: n2}
  containers: [{name: c, image: pause, resources: {requests: {cpu: "${cpu}"}}}]
`;
    await c.ok(['apply', '-f', '-'], { input: big('victim', 'low', '1500m') });
    assert.equal(await c.ok(['get', 'pod', 'victim', '-n', 'preempt', '-o', 'jsonpath={.spec.priority}']), '10');
    await waitFor(
      async () => (await c.ok(['get', 'pod', 'victim', '-n', 'preempt', '-o', 'jsonpath={.spec.nodeName}'])) === 'n2',
      'victim bound',
    );
    await c.ok(['apply', '-f', '-'], { input: big('preemptor', 'high', '1500m') });
    await waitFor(
      async () => (await c.kubectl(['get', 'pod', 'victim', '-n', 'preempt'])).code !== 0,
      'the victim to go',
    );
    await waitFor(
      async () =>
        (await c.ok(['get', 'pod', 'preemptor', '-n', 'preempt', '-o', 'jsonpath={.spec.nodeName}'])) === 'n2',
      'the preemptor to be bound',
    );
    const events = await c.ok(['get', 'events', '-n', 'preempt']);
    assert.match(events, /Preempted/);
  });

  test('the scheduler reports its metrics on /metrics', async () => {
    const metrics = await c.ok(['get', '--raw', '/metrics']);
    assert.match(metrics, /scheduler_schedule_attempts_total\{result="scheduled",profile="default-scheduler"\} \d+/);
    assert.match(metrics, /scheduler_pending_pods\{queue="active"\} \d+/);
  });
});
