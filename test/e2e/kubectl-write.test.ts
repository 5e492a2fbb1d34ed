/** The real kubectl changing objects on a started skiff server: create, apply, patch, edit, scale, delete, wait. */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_ONLY, startTestCluster, type TestCluster } from '../support/cluster.js';

const deployment = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: ${image}
`;

describe('kubectl writes', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster([...API_ONLY]);
  });
  after(async () => c.stop());

  test('every create generator makes its object', async () => {
    const commands: [string[], RegExp][] = [
      [['create', 'namespace', 'gen'], /^namespace\/gen created$/m],
      [['create', 'configmap', 'cm1', '--from-literal=a=b', '-n', 'gen'], /^configmap\/cm1 created$/m],
      [['create', 'secret', 'generic', 's1', '--from-literal=p=q', '-n', 'gen'], /^secret\/s1 created$/m],
      [
        ['create', 'deployment', 'd1', '--image=nginx:1.25', '--replicas=2', '-n', 'gen'],
        /^deployment\.apps\/d1 created$/m,
      ],
      [['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080', '-n', 'gen'], /^service\/svc1 created$/m],
      [['create', 'job', 'j1', '--image=busybox', '-n', 'gen', '--', 'echo', 'hi'], /^job\.batch\/j1 created$/m],
      [
        ['create', 'cronjob', 'cj1', '--image=busybox', '--schedule=*/5 * * * *', '-n', 'gen', '--', 'echo'],
        /^cronjob\.batch\/cj1 created$/m,
      ],
      [
        ['create', 'role', 'r1', '--verb=get', '--resource=pods', '-n', 'gen'],
        /^role\.rbac\.authorization\.k8s\.io\/r1 created$/m,
      ],
      [
        ['create', 'rolebinding', 'rb1', '--role=r1', '--user=bob', '-n', 'gen'],
        /^rolebinding\.rbac\.authorization\.k8s\.io\/rb1 created$/m,
      ],
      [['create', 'serviceaccount', 'sa1', '-n', 'gen'], /^serviceaccount\/sa1 created$/m],
      [['create', 'priorityclass', 'pc1', '--value=1000'], /^priorityclass\.scheduling\.k8s\.io\/pc1 created$/m],
      [['create', 'quota', 'q1', '--hard=pods=10', '-n', 'gen'], /^resourcequota\/q1 created$/m],
      [
        ['create', 'poddisruptionbudget', 'pdb1', '--selector=app=x', '--min-available=1', '-n', 'gen'],
        /^poddisruptionbudget\.policy\/pdb1 created$/m,
      ],
      [
        ['create', 'ingress', 'ing1', '--rule=foo.com/=svc1:80', '-n', 'gen'],
        /^ingress\.networking\.k8s\.io\/ing1 created$/m,
      ],
    ];
    for (const [args, expected] of commands) assert.match(await c.ok(args), expected, args.join(' '));
    const secret = JSON.parse(await c.ok(['get', 'secret', 's1', '-n', 'gen', '-o', 'json'])) as {
      data: { p: string };
      type: string;
    };
    assert.deepEqual([secret.data.p, secret.type], [Buffer.from('q').toString('base64'), 'Opaque']);
    const job = JSON.parse(await c.ok(['get', 'job', 'j1', '-n', 'gen', '-o', 'json'])) as {
      spec: { backoffLimit: number; template: { spec: { restartPolicy: string } } };
    };
    assert.equal(job.spec.backoffLimit, 6, 'Job defaults applied');
    assert.equal(job.spec.template.spec.restartPolicy, 'Never');
    assert.match(
      await c.ok(['get', 'deploy', 'd1', '-n', 'gen', '-o', 'wide']),
      /^d1\s+0\/2\s+0\s+0\s+\d+s\s+nginx\s+nginx:1\.25\s+app=d1$/m,
    );
  });

  test('creating what exists is AlreadyExists; bad names are Invalid with the field', async () => {
    await c.ok(['create', 'configmap', 'dup']);
    const again = await c.kubectl(['create', 'configmap', 'dup']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /configmaps "dup" already exists/);
    const bad = await c.kubectl(['create', 'configmap', 'Bad_Name']);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
  });

  test('apply creates, apply again with a change configures, diff shows the change first', async () => {
    const file = join(c.dir, 'deploy.yaml');
    writeFileSync(file, deployment(2, 'nginx:1.25'));
    assert.match(await c.ok(['apply', '-f', file]), /^deployment\.apps\/api created$/m);
    writeFileSync(file, deployment(3, 'nginx:1.26'));
    const diff = await c.kubectl(['diff', '-f', file]);
    assert.equal(diff.code, 1, diff.stderr);
    assert.match(diff.stdout, /^- {2}replicas: 2$/m);
    assert.match(diff.stdout, /^\+ {2}replicas: 3$/m);
    assert.match(await c.ok(['apply', '-f', file]), /^deployment\.apps\/api configured$/m);
    assert.equal(
      await c.ok([
        'get',
        'deploy',
        'api',
        '-o',
        'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}',
      ]),
      '3 nginx:1.26 2',
    );
    assert.match(await c.ok(['apply', '-f', file]), /^deployment\.apps\/api unchanged$/m);
    assert.equal((await c.kubectl(['diff', '-f', file])).code, 0);
  });

  test('apply -k applies a kustomization', async () => {
    const dir = join(c.dir, 'kustomize');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      'namePrefix: k-\nresources: [cm.yaml]\ncommonLabels: {team: blue}\n',
    );
    writeFileSync(
      join(dir, 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n',
    );
    assert.match(await c.ok(['apply', '-k', dir]), /^configmap\/k-settings created$/m);
    assert.equal(await c.ok(['get', 'cm', 'k-settings', '-o', 'jsonpath={.metadata.labels.team}']), 'blue');
  });

  test('apply --server-side creates and updates', async () => {
    const file = join(c.dir, 'ssa.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {a: "1"}\n');
    assert.match(await c.ok(['apply', '--server-side', '-f', file]), /^configmap\/ssa serverside-applied$/m);
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\ndata: {a: "2", b: "3"}\n');
    await c.ok(['apply', '--server-side', '-f', file]);
    assert.equal(await c.ok(['get', 'cm', 'ssa', '-o', 'jsonpath={.data.a}{.data.b}']), '23');
  });

  test('patch of each type, label, annotate and set image change the object', async () => {
    await c.ok(['create', 'deployment', 'p', '--image=nginx:1']);
    await c.ok(['patch', 'deploy', 'p', '--type', 'merge', '-p', '{"spec":{"replicas":4}}']);
    await c.ok([
      'patch',
      'deploy',
      'p',
      '--type',
      'json',
      '-p',
      '[{"op":"add","path":"/metadata/labels/x","value":"y"}]',
    ]);
    await c.ok([
      'patch',
      'deploy',
      'p',
      '--type',
      'strategic',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}}',
    ]);
    await c.ok(['label', 'deploy', 'p', 'tier=back']);
    await c.ok(['annotate', 'deploy', 'p', 'note=hello']);
    assert.equal(
      await c.ok([
        'get',
        'deploy',
        'p',
        '-o',
        'jsonpath={.spec.replicas} {.metadata.labels.x} {.spec.template.spec.containers[0].image} {.metadata.labels.tier} {.metadata.annotations.note}',
      ]),
      '4 y nginx:2 back hello',
    );
    await c.ok(['set', 'image', 'deploy/p', 'nginx=nginx:3']);
    assert.equal(
      await c.ok(['get', 'deploy', 'p', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']),
      'nginx:3',
    );
    const failing = await c.kubectl([
      'patch',
      'deploy',
      'p',
      '--type',
      'json',
      '-p',
      '[{"op":"test","path":"/spec/replicas","value":9}]',
    ]);
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /the server rejected our request due to an error in our request/);
  });

  test('scale, replace and edit change the object; a stale replace is a Conflict', async () => {
    await c.ok(['create', 'deployment', 's', '--image=nginx:1']);
    assert.match(await c.ok(['scale', 'deploy', 's', '--replicas=5']), /scaled/);
    assert.equal(await c.ok(['get', 'deploy', 's', '-o', 'jsonpath={.spec.replicas}']), '5');
    const current = await c.ok(['get', 'deploy', 's', '-o', 'yaml']);
    const file = join(c.dir, 's.yaml');
    writeFileSync(file, current.replace('replicas: 5', 'replicas: 6'));
    assert.match(await c.ok(['replace', '-f', file]), /replaced/);
    const stale = await c.kubectl(['replace', '-f', file]);
    assert.equal(stale.code, 1);
    assert.match(stale.stderr, /Operation cannot be fulfilled on deployments\.apps "s": the object has been modified/);
    const editor = join(c.dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/replicas: 6/replicas: 7/" "$1"\n');
    chmodSync(editor, 0o755);
    assert.match(await c.ok(['edit', 'deploy', 's'], { env: { EDITOR: editor } }), /edited/);
    assert.equal(await c.ok(['get', 'deploy', 's', '-o', 'jsonpath={.spec.replicas}']), '7');
  });

  test('dry runs change nothing', async () => {
    assert.match(await c.ok(['create', 'configmap', 'dry', '--dry-run=server']), /created \(server dry run\)/);
    assert.equal((await c.kubectl(['get', 'cm', 'dry'])).code, 1);
  });

  test('delete by file, by label and --all, with cascade and grace period', async () => {
    const file = join(c.dir, 'del.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: del-file, labels: {del: x}}\n');
    await c.ok(['create', '-f', file]);
    assert.match(await c.ok(['delete', '-f', file]), /configmap "del-file" deleted/);
    await c.ok(['create', 'namespace', 'del']);
    for (const n of ['a', 'b', 'c']) await c.ok(['create', 'configmap', n, '-n', 'del']);
    await c.ok(['label', 'cm', 'a', 'b', 'group=one', '-n', 'del']);
    assert.match(
      await c.ok(['delete', 'cm', '-l', 'group=one', '-n', 'del', '--cascade=background']),
      /configmap "a" deleted\nconfigmap "b" deleted/,
    );
    assert.match(await c.ok(['delete', 'cm', '--all', '-n', 'del', '--grace-period=0']), /configmap "c" deleted/);
    assert.equal((await c.ok(['get', 'cm', '-n', 'del', '-o', 'name'])).trim(), '');
  });

  test('wait for a condition, a jsonpath value and a deletion', async () => {
    await c.ok(['create', 'deployment', 'w', '--image=nginx:1']);
    const status = '{"status":{"conditions":[{"type":"Available","status":"True","reason":"Test","message":"ok"}]}}';
    await c.ok(['patch', 'deploy', 'w', '--subresource=status', '--type=merge', '-p', status]);
    assert.match(await c.ok(['wait', '--for=condition=Available', 'deploy/w', '--timeout=10s']), /condition met/);
    assert.match(
      await c.ok(['wait', '--for=jsonpath={.spec.replicas}=1', 'deploy/w', '--timeout=10s']),
      /condition met/,
    );
    const waiting = c.kubectl(['wait', '--for=delete', 'deploy/w', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 1000));
    await c.ok(['delete', 'deploy', 'w']);
    const r = await waiting;
    assert.equal(r.code, 0, r.stderr);
  });

  test('get events lists events with upstream columns', async () => {
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' },
      reason: 'Testing',
      message: 'hello from a test',
      type: 'Normal',
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      count: 1,
    };
    await c.ok(['create', '-f', '-'], { input: JSON.stringify(event) });
    const out = await c.ok(['get', 'events']);
    assert.match(out, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
    assert.match(out, /Normal\s+Testing\s+pod\/x\s+hello from a test/);
    assert.match(await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=x', '-o', 'name']), /event\/e1/);
  });
});

describe('server-side apply ownership', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster(['--store', 'memory', ...API_ONLY]);
  });
  after(async () => c.stop());

  test('a second manager changing an owned field conflicts until it forces', async () => {
    const file = join(c.dir, 'owned.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: owned}\ndata: {a: "1"}\n');
    await c.ok(['apply', '--server-side', '--field-manager=alice', '-f', file]);
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: owned}\ndata: {a: "2"}\n');
    const conflict = await c.kubectl(['apply', '--server-side', '--field-manager=bob', '-f', file]);
    assert.equal(conflict.code, 1);
    assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "alice": \.data\.a/);
    assert.match(
      await c.ok(['apply', '--server-side', '--field-manager=bob', '--force-conflicts', '-f', file]),
      /serverside-applied/,
    );
    const managed = JSON.parse(await c.ok(['get', 'cm', 'owned', '-o', 'json', '--show-managed-fields'])) as {
      data: { a: string };
      metadata: { managedFields: { manager: string; operation: string }[] };
    };
    assert.equal(managed.data.a, '2');
    assert.deepEqual(
      managed.metadata.managedFields.map((m) => `${m.manager}/${m.operation}`),
      ['bob/Apply'],
    );
  });

  test('updates record their manager in managedFields', async () => {
    await c.ok(['create', 'configmap', 'tracked', '--from-literal=k=v']);
    await c.ok(['label', 'cm', 'tracked', 'x=y']);
    const obj = JSON.parse(await c.ok(['get', 'cm', 'tracked', '-o', 'json', '--show-managed-fields'])) as {
      metadata: { managedFields: { manager: string; operation: string; fieldsV1: Record<string, unknown> }[] };
    };
    const managers = obj.metadata.managedFields.map((m) => `${m.manager}/${m.operation}`);
    assert.deepEqual(managers, ['kubectl-create/Update', 'kubectl-label/Update']);
    assert.deepEqual(obj.metadata.managedFields[0]!.fieldsV1, { 'f:data': { '.': {}, 'f:k': {} } });
  });
});

describe('service allocation', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster(['--store', 'memory', ...API_ONLY]);
  });
  after(async () => c.stop());

  test('the kubernetes service exists and new services get cluster IPs and node ports', async () => {
    assert.match(
      await c.ok(['get', 'svc', 'kubernetes']),
      /^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/m,
    );
    await c.ok(['create', 'service', 'nodeport', 'np', '--tcp=80:8080']);
    const svc = JSON.parse(await c.ok(['get', 'svc', 'np', '-o', 'json'])) as {
      spec: { clusterIP: string; clusterIPs: string[]; ports: { nodePort: number }[] };
    };
    assert.match(svc.spec.clusterIP, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    assert.deepEqual(svc.spec.clusterIPs, [svc.spec.clusterIP]);
    assert.ok(svc.spec.ports[0]!.nodePort >= 30000 && svc.spec.ports[0]!.nodePort <= 32767);
  });

  test('an IP in use is refused; deleting its service frees it', async () => {
    await c.ok(['create', 'service', 'clusterip', 'first', '--tcp=80:80', '--clusterip=10.96.7.7']);
    const taken = await c.kubectl(['create', 'service', 'clusterip', 'second', '--tcp=80:80', '--clusterip=10.96.7.7']);
    assert.equal(taken.code, 1);
    assert.match(
      taken.stderr,
      /spec\.clusterIPs: Invalid value: \[\]string\{"10\.96\.7\.7"\}: failed to allocate IP 10\.96\.7\.7: provided IP is already allocated/,
    );
    await c.ok(['delete', 'svc', 'first']);
    await c.ok(['create', 'service', 'clusterip', 'second', '--tcp=80:80', '--clusterip=10.96.7.7']);
  });
});

describe('objects served in two versions', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster(['--store', 'memory', ...API_ONLY]);
  });
  after(async () => c.stop());

  test('kubectl autoscale (autoscaling/v1) makes an HPA that v2 reads, and v1 edits keep v2 fields', async () => {
    await c.ok(['create', 'deployment', 'auto', '--image=nginx']);
    assert.match(await c.ok(['autoscale', 'deploy', 'auto', '--max=5', '--cpu-percent=70']), /autoscaled/);
    assert.match(await c.ok(['get', 'hpa']), /^auto\s+Deployment\/auto\s+cpu: <unknown>\/70%\s+1\s+5\s+0\s+/m);
    const v1 = JSON.parse(
      await c.ok(['get', '--raw', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/auto']),
    ) as {
      apiVersion: string;
      spec: { targetCPUUtilizationPercentage: number };
    };
    assert.deepEqual([v1.apiVersion, v1.spec.targetCPUUtilizationPercentage], ['autoscaling/v1', 70]);
    const memory =
      '{"spec":{"metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},{"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":80}}}]}}';
    await c.ok(['patch', 'hpa', 'auto', '--type=merge', '-p', memory]);
    const raw = JSON.stringify({ spec: { maxReplicas: 9 } });
    const { ApiClient } = await import('../support/api-client.js');
    const api = new ApiClient(c.kubeconfig);
    const res = await api.request(
      'PATCH',
      '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/auto',
      raw,
      { 'content-type': 'application/merge-patch+json' },
    );
    api.close();
    assert.equal(res.status, 200, res.body);
    assert.equal(
      await c.ok(['get', 'hpa', 'auto', '-o', 'jsonpath={.spec.maxReplicas} {.spec.metrics[1].resource.name}']),
      '9 memory',
    );
  });

  test('an events.k8s.io/v1 Event is the same object as a core/v1 Event', async () => {
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'modern' },
      eventTime: '2026-01-01T00:00:00.000000Z',
      reportingController: 'skiff/test',
      reportingInstance: 'test-1',
      action: 'Testing',
      reason: 'Converted',
      note: 'written in the new API',
      type: 'Normal',
      regarding: { kind: 'Pod', name: 'x', namespace: 'default' },
    };
    await c.ok(['create', '-f', '-'], { input: JSON.stringify(event) });
    const core = JSON.parse(await c.ok(['get', '--raw', '/api/v1/namespaces/default/events/modern'])) as {
      message: string;
      involvedObject: { name: string };
      reportingComponent: string;
    };
    assert.deepEqual(
      [core.message, core.involvedObject.name, core.reportingComponent],
      ['written in the new API', 'x', 'skiff/test'],
    );
    assert.match(
      await c.ok(['get', 'events', '--field-selector', 'involvedObject.name=x']),
      /Converted\s+pod\/x\s+written in the new API/,
    );
  });

  test('a deleted namespace is Terminating, refuses new content, and goes once finalized', async () => {
    await c.ok(['create', 'namespace', 'term']);
    await c.ok(['create', 'configmap', 'inside', '-n', 'term']);
    await c.ok(['delete', 'namespace', 'term', '--wait=false']);
    assert.match(await c.ok(['get', 'namespace', 'term']), /^term\s+Terminating\s+/m);
    const refused = await c.kubectl(['create', 'configmap', 'late', '-n', 'term']);
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /configmaps "late" is forbidden: unable to create new content in namespace term because it is being terminated/,
    );
    const missing = await c.kubectl(['create', 'configmap', 'x', '-n', 'nowhere']);
    assert.match(missing.stderr, /namespaces "nowhere" not found/);
    const ns = JSON.parse(await c.ok(['get', 'namespace', 'term', '-o', 'json'])) as Record<string, unknown> & {
      spec: { finalizers: string[] };
    };
    ns.spec.finalizers = [];
    await c.ok(['replace', '--raw', '/api/v1/namespaces/term/finalize', '-f', '-'], { input: JSON.stringify(ns) });
    assert.equal((await c.kubectl(['get', 'namespace', 'term'])).code, 1);
  });
});
