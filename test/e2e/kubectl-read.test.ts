/** The real kubectl reading from a started skiff server: discovery, get in every output form, watch, explain. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_ONLY, startTestCluster, type TestCluster } from '../support/cluster.js';

const POD = (name: string, labels: Record<string, string>, image = 'busybox:1.36') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'c', image, command: ['sleep', '3600'] }] },
});

describe('kubectl reads', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster([...API_ONLY]);
    const items = [
      POD('alpha', { app: 'web', tier: 'fe' }),
      POD('beta', { app: 'web' }, 'nginx:1.25'),
      POD('gamma', { app: 'db' }),
    ];
    await c.ok(['create', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) });
  });
  after(async () => c.stop());

  test('api-resources lists the kinds of every group with short names', async () => {
    const out = await c.ok(['api-resources']);
    for (const line of [
      /^pods\s+po\s+v1\s+true\s+Pod$/m,
      /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m,
      /^cronjobs\s+cj\s+batch\/v1\s+true\s+CronJob$/m,
      /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m,
    ]) {
      assert.match(out, line);
    }
  });

  test('api-versions lists every group version', async () => {
    const out = (await c.ok(['api-versions'])).trim().split('\n');
    for (const gv of [
      'v1',
      'apps/v1',
      'batch/v1',
      'autoscaling/v2',
      'autoscaling/v1',
      'rbac.authorization.k8s.io/v1',
      'networking.k8s.io/v1',
    ]) {
      assert.ok(out.includes(gv), `${gv} in ${out.join(',')}`);
    }
  });

  test('the cluster starts with its four namespaces', async () => {
    const out = await c.ok(['get', 'namespaces', '-o', 'name']);
    assert.deepEqual(out.trim().split('\n').sort(), [
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
  });

  test('get prints upstream columns, and wide ones with -o wide', async () => {
    const out = await c.ok(['get', 'pods']);
    assert.match(out, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    assert.match(out, /^alpha\s+0\/1\s+Pending\s+0\s+\d+s$/m);
    const wide = await c.ok(['get', 'pods', '-o', 'wide']);
    assert.match(wide, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
  });

  test('get renders json, yaml, name, jsonpath and custom columns', async () => {
    const json = JSON.parse(await c.ok(['get', 'pod', 'alpha', '-o', 'json'])) as {
      kind: string;
      metadata: { name: string; uid: string };
    };
    assert.equal(json.kind, 'Pod');
    assert.equal(json.metadata.name, 'alpha');
    assert.match(json.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.match(await c.ok(['get', 'pod', 'alpha', '-o', 'yaml']), /^kind: Pod$/m);
    assert.equal((await c.ok(['get', 'pods', '-o', 'name'])).trim(), 'pod/alpha\npod/beta\npod/gamma');
    assert.equal(await c.ok(['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']), 'alpha beta gamma');
    const custom = await c.ok([
      'get',
      'pods',
      '-o',
      'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image',
    ]);
    assert.match(custom, /^beta\s+nginx:1\.25$/m);
  });

  test('label selectors, equality and set-based, pick the right pods', async () => {
    assert.equal((await c.ok(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim(), 'pod/alpha\npod/beta');
    assert.equal((await c.ok(['get', 'pods', '-l', 'app in (db)', '-o', 'name'])).trim(), 'pod/gamma');
    assert.equal((await c.ok(['get', 'pods', '-l', 'app=web,!tier', '-o', 'name'])).trim(), 'pod/beta');
  });

  test('field selectors work on supported fields and refuse others', async () => {
    assert.equal(
      (await c.ok(['get', 'pods', '--field-selector', 'metadata.name=beta', '-o', 'name'])).trim(),
      'pod/beta',
    );
    assert.equal(
      (await c.ok(['get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name'])).trim().split('\n').length,
      3,
    );
    const bad = await c.kubectl(['get', 'pods', '--field-selector', 'spec.bogus=x']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /field label not supported: spec\.bogus/);
  });

  test('-A lists across namespaces with a NAMESPACE column, --show-labels adds labels', async () => {
    assert.match(await c.ok(['get', 'pods', '-A']), /^NAMESPACE\s+NAME\s+READY/m);
    assert.match(await c.ok(['get', 'pods', '--show-labels']), /^alpha\s.*app=web,tier=fe$/m);
  });

  test('--sort-by orders rows by a field', async () => {
    const out = await c.ok(['get', 'pods', '--sort-by=.spec.containers[0].image', '-o', 'name']);
    assert.equal(out.trim(), 'pod/alpha\npod/gamma\npod/beta');
  });

  test('get -w prints changes as they happen, and its watch ends on the server when kubectl gives up', async () => {
    // The server's gauge of watches on configmaps in this namespace (upstream's apiserver_longrunning_requests).
    const watches = async (): Promise<number> => {
      const metrics = await c.ok(['get', '--raw', '/metrics']);
      const line = metrics
        .split('\n')
        .find(
          (l) => l.startsWith('apiserver_longrunning_requests{') && /resource="configmaps",scope="namespace"/.test(l),
        );
      return line === undefined ? 0 : Number(line.split(' ').pop());
    };
    const before = await watches();
    const watching = c.kubectl(['get', 'configmaps', '-w', '--request-timeout=4s']);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await watches(), before + 1);
    await c.ok(['create', 'configmap', 'watched', '--from-literal=a=b']);
    const r = await watching;
    assert.match(r.stdout, /^watched\s+1\s+\d+s$/m);
    // kubectl reset its stream at its timeout: the server's watch must end with it, not run on unread.
    const deadline = Date.now() + 5_000;
    while ((await watches()) !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await watches(), before);
  });

  test('a missing object is a NotFound error in upstream words', async () => {
    const r = await c.kubectl(['get', 'pod', 'nope']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error from server \(NotFound\): pods "nope" not found/);
  });

  test('explain describes nested fields from the OpenAPI document', async () => {
    const out = await c.ok(['explain', 'pod.spec.containers']);
    assert.match(out, /^KIND:\s+Pod$/m);
    assert.match(out, /^FIELD: containers <\[\]Container>$/m);
    assert.match(
      await c.ok(['explain', 'deployment.spec.strategy.rollingUpdate']),
      /^FIELD: rollingUpdate <RollingUpdateDeployment>$/m,
    );
  });

  test('describe shows the object', async () => {
    const out = await c.ok(['describe', 'pod', 'beta']);
    assert.match(out, /^Name:\s+beta$/m);
    assert.match(out, /^\s+Image:\s+nginx:1\.25$/m);
  });

  test('kubectl 1.27 and 1.33 work too', async () => {
    for (const v of ['1.27', '1.33']) {
      const binary = `/usr/lib/google-cloud-sdk/bin/kubectl.${v}`;
      assert.equal((await c.ok(['get', 'pods', '-l', 'app=db', '-o', 'name'], { binary })).trim(), 'pod/gamma', v);
      assert.match(
        await c.ok(['create', 'configmap', `from-${v.replace('.', '-')}`, '--from-literal=k=v'], { binary }),
        /created/,
      );
    }
  });

  test('auth can-i and auth whoami get answers from the review kinds', async () => {
    assert.equal((await c.ok(['auth', 'can-i', 'create', 'deployments'])).trim(), 'yes');
    assert.match(await c.ok(['auth', 'can-i', '--list']), /^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m);
    const whoami = await c.ok(['auth', 'whoami', '-o', 'json']);
    const review = JSON.parse(whoami) as { status: { userInfo: { username: string; groups: string[] } } };
    assert.equal(review.status.userInfo.username, 'skiff-admin');
    assert.ok(review.status.userInfo.groups.includes('system:masters'));
  });
});
