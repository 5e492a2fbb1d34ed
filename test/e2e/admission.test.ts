/** Admission plugins seen through the real kubectl: Priority, DefaultTolerationSeconds, the system PriorityClasses. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../support/cluster.js';

const pod = (name: string, spec: Record<string, unknown> = {}) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  });

describe('admission plugins', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster([
      '--disable-scheduler',
      '--disable-controller-manager',
      '--default-unreachable-toleration-seconds',
      '120',
    ]);
  });
  after(async () => c.stop());

  test('the system PriorityClasses exist from the start', async () => {
    const out = await c.ok(['get', 'priorityclasses', '--no-headers']);
    assert.match(out, /^system-cluster-critical\s+2000000000\s+false\s/m);
    assert.match(out, /^system-node-critical\s+2000001000\s+false\s/m);
    const description = await c.ok(['get', 'priorityclass', 'system-node-critical', '-o', 'jsonpath={.description}']);
    assert.equal(description, 'Used for system critical pods that must not be moved from their current node.');
  });

  test('a pod naming a PriorityClass gets its priority and preemption policy', async () => {
    await c.ok(['create', 'priorityclass', 'batch-low', '--value=1000', '--preemption-policy=Never']);
    await c.ok(['create', '-f', '-'], { input: pod('prioritized', { priorityClassName: 'batch-low' }) });
    const out = await c.ok(['get', 'pod', 'prioritized', '-o', 'jsonpath={.spec.priority} {.spec.preemptionPolicy}']);
    assert.equal(out, '1000 Never');
    await c.ok(['create', '-f', '-'], { input: pod('critical', { priorityClassName: 'system-node-critical' }) });
    assert.equal(await c.ok(['get', 'pod', 'critical', '-o', 'jsonpath={.spec.priority}']), '2000001000');
  });

  test('a pod naming an unknown PriorityClass is refused', async () => {
    const r = await c.kubectl(['create', '-f', '-'], { input: pod('orphan', { priorityClassName: 'nope' }) });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /pods "orphan" is forbidden: no PriorityClass with name nope was found/);
  });

  test('a pod setting its own priority is refused when it differs from the computed one', async () => {
    const r = await c.kubectl(['create', '-f', '-'], { input: pod('self-made', { priority: 5 }) });
    assert.notEqual(r.code, 0);
    assert.match(
      r.stderr,
      /the integer value of priority \(5\) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name/,
    );
  });

  test('only one PriorityClass may be the global default', async () => {
    await c.ok(['create', 'priorityclass', 'everyone', '--value=7', '--global-default=true']);
    const r = await c.kubectl(['create', 'priorityclass', 'everyone-else', '--value=8', '--global-default=true']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /PriorityClass everyone is already marked as default\. Only one default can exist/);
  });

  test('pods get the not-ready and unreachable tolerations, with the configured seconds', async () => {
    await c.ok(['run', 'plain', '--image=nginx:1.27']);
    const tolerations = (key: string) =>
      c.ok([
        'get',
        'pod',
        'plain',
        '-o',
        `jsonpath={.spec.tolerations[?(@.key=="${key}")].operator} {.spec.tolerations[?(@.key=="${key}")].effect} {.spec.tolerations[?(@.key=="${key}")].tolerationSeconds}`,
      ]);
    assert.equal(await tolerations('node.kubernetes.io/not-ready'), 'Exists NoExecute 300');
    assert.equal(await tolerations('node.kubernetes.io/unreachable'), 'Exists NoExecute 120');
  });

  test('a pod that tolerates everything gets no extra tolerations', async () => {
    await c.ok(['create', '-f', '-'], { input: pod('tolerant', { tolerations: [{ operator: 'Exists' }] }) });
    const out = await c.ok(['get', 'pod', 'tolerant', '-o', 'jsonpath={.spec.tolerations}']);
    assert.deepEqual(JSON.parse(out), [{ operator: 'Exists' }]);
  });
});
