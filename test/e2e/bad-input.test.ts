/** Bad input always gets a clear Status error in Kubernetes' form: never a crash, a hang, a 500 or lost data. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ApiClient } from '../support/api-client.js';
import { API_ONLY, startTestCluster, type TestCluster } from '../support/cluster.js';

interface Status {
  kind: string;
  status: string;
  reason: string;
  code: number;
  message: string;
  details?: { causes?: { reason: string; field: string; message: string }[] };
}

const CM = '/api/v1/namespaces/default/configmaps';

describe('bad input', () => {
  let c: TestCluster;
  let api: ApiClient;
  before(async () => {
    c = await startTestCluster(['--store', 'memory', ...API_ONLY]);
    api = new ApiClient(c.kubeconfig);
  });
  after(async () => {
    api.close();
    await c.stop();
  });

  const expectStatus = async (
    method: string,
    path: string,
    body: string | Buffer | undefined,
    headers: Record<string, string>,
    code: number,
    reason: string,
    message?: RegExp,
  ): Promise<Status> => {
    const res = await api.request(method, path, body, headers);
    assert.equal(res.status, code, `${method} ${path}: ${res.body}`);
    const status = JSON.parse(res.body) as Status;
    assert.equal(status.kind, 'Status');
    assert.equal(status.status, 'Failure');
    assert.equal(status.reason, reason);
    assert.equal(status.code, code);
    if (message) assert.match(status.message, message);
    return status;
  };

  test('malformed JSON, YAML and protobuf bodies are 400 BadRequest', async () => {
    await expectStatus('POST', CM, '{"kind": "ConfigMap", ', {}, 400, 'BadRequest', /error decoding JSON/);
    await expectStatus(
      'POST',
      CM,
      'kind: [unclosed',
      { 'content-type': 'application/yaml' },
      400,
      'BadRequest',
      /YAML/,
    );
    await expectStatus(
      'POST',
      CM,
      Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xff]),
      { 'content-type': 'application/vnd.kubernetes.protobuf' },
      400,
      'BadRequest',
      /protobuf/,
    );
    await expectStatus(
      'POST',
      CM,
      Buffer.from('not protobuf at all'),
      { 'content-type': 'application/vnd.kubernetes.protobuf' },
      400,
      'BadRequest',
    );
  });

  test('a body over 3 MiB is 413', async () => {
    const big = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'big' },
      data: { x: 'a'.repeat(3 * 1024 * 1024) },
    });
    await expectStatus('POST', CM, big, {}, 413, 'RequestEntityTooLarge');
  });

  test('an unsupported media type is 415', async () => {
    await expectStatus('POST', CM, 'x', { 'content-type': 'text/plain' }, 415, 'UnsupportedMediaType');
    await expectStatus('PATCH', `${CM}/x`, '{}', { 'content-type': 'application/xml' }, 415, 'UnsupportedMediaType');
  });

  test('kind or apiVersion not matching the URL is 400', async () => {
    await expectStatus(
      'POST',
      CM,
      JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }),
      {},
      400,
      'BadRequest',
      /kind/,
    );
    await expectStatus(
      'POST',
      CM,
      JSON.stringify({ apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'x' } }),
      {},
      400,
      'BadRequest',
      /the API version in the data \(apps\/v1\) does not match the expected API version \(v1\)/,
    );
  });

  test('invalid names and values are 422 Invalid with one cause per field', async () => {
    const status = await expectStatus(
      'POST',
      '/apis/apps/v1/namespaces/default/deployments',
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'Bad.Name_' },
        spec: {
          replicas: -1,
          selector: { matchLabels: { a: 'b' } },
          template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
        },
      }),
      {},
      422,
      'Invalid',
      /^Deployment\.apps "Bad\.Name_" is invalid: \[/,
    );
    const fields = (status.details?.causes ?? []).map((cause) => cause.field);
    assert.ok(fields.includes('metadata.name'), fields.join(','));
    assert.ok(fields.includes('spec.replicas'), fields.join(','));
    assert.ok(status.details?.causes?.every((cause) => cause.reason.startsWith('FieldValue')));
  });

  test('unknown fields follow fieldValidation: Strict refuses, Warn warns, Ignore drops', async () => {
    const body = (name: string) =>
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, bogus: 1 });
    await expectStatus(
      'POST',
      `${CM}?fieldValidation=Strict`,
      body('strict'),
      {},
      400,
      'BadRequest',
      /strict decoding error: unknown field "bogus"/,
    );
    const warn = await api.request('POST', `${CM}?fieldValidation=Warn`, body('warn'));
    assert.equal(warn.status, 201);
    assert.match(String(warn.headers.warning), /299 - "unknown field \\"bogus\\""/);
    const ignore = await api.request('POST', `${CM}?fieldValidation=Ignore`, body('ignore'));
    assert.equal(ignore.status, 201);
    assert.equal(ignore.headers.warning, undefined);
  });

  test('a stale resourceVersion is 409 Conflict', async () => {
    const created = JSON.parse(
      (
        await api.request(
          'POST',
          CM,
          JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cas' } }),
        )
      ).body,
    ) as {
      metadata: { resourceVersion: string };
    };
    await api.request(
      'PUT',
      `${CM}/cas`,
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cas' }, data: { a: '1' } }),
    );
    await expectStatus(
      'PUT',
      `${CM}/cas`,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cas', resourceVersion: created.metadata.resourceVersion },
      }),
      {},
      409,
      'Conflict',
      /Operation cannot be fulfilled on configmaps "cas": the object has been modified/,
    );
  });

  test('thousands of malformed and random bodies never get a 500 or crash the server', async () => {
    const paths = [
      CM,
      `${CM}/fuzz`,
      '/apis/apps/v1/namespaces/default/deployments',
      '/api/v1/namespaces/default/pods',
      '/api/v1/namespaces',
    ];
    const types = [
      'application/json',
      'application/yaml',
      'application/vnd.kubernetes.protobuf',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/json-patch+json',
      'application/apply-patch+yaml',
    ];
    const seeds = [
      '{}',
      '[]',
      'null',
      '"x"',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fuzz"},"data":{"a":1}}',
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"fuzz"},"spec":{"containers":"nope"}}',
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"fuzz"},"spec":{"replicas":"many"}}',
      '{"metadata":{"name":{"deep":[1,2,{"x":null}]}}}',
      '[{"op":"remove","path":"/nope"}]',
      '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"-bad-"}}',
    ];
    const mutate = (s: string, i: number): string | Buffer => {
      switch (i % 5) {
        case 0:
          return s;
        case 1:
          return s.slice(0, Math.floor(s.length * Math.random()));
        case 2:
          return randomBytes(1 + (i % 200));
        case 3: {
          const at = Math.floor(Math.random() * s.length);
          return s.slice(0, at) + String.fromCharCode(32 + Math.floor(Math.random() * 90)) + s.slice(at + 1);
        }
        default:
          return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), randomBytes(i % 64)]);
      }
    };
    const methods = ['POST', 'PUT', 'PATCH'];
    let count = 0;
    for (let batch = 0; batch < 50; batch++) {
      await Promise.all(
        Array.from({ length: 40 }, async (_, j) => {
          const i = batch * 40 + j;
          const res = await api.request(
            methods[i % 3]!,
            paths[i % paths.length]!,
            mutate(seeds[i % seeds.length]!, i),
            { 'content-type': types[i % types.length]! },
          );
          assert.ok(res.status < 500, `request ${i} got ${res.status}: ${res.body}`);
          if (res.status >= 400) assert.equal((JSON.parse(res.body) as Status).kind, 'Status');
          count++;
        }),
      );
    }
    assert.equal(count, 2000);
    const health = await api.request('GET', '/readyz');
    assert.equal(health.status, 200);
  });
});

describe('pods/binding', () => {
  let c: TestCluster;
  let api: ApiClient;
  before(async () => {
    c = await startTestCluster(['--store', 'memory', ...API_ONLY]);
    api = new ApiClient(c.kubeconfig);
  });
  after(async () => {
    api.close();
    await c.stop();
  });

  test('a binding sets the pod node once; a second binding conflicts', async () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bind-me' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    assert.equal((await api.request('POST', '/api/v1/namespaces/default/pods', JSON.stringify(pod))).status, 201);
    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'bind-me' },
      target: { kind: 'Node', name: 'node-1' },
    };
    const bound = await api.request('POST', '/api/v1/namespaces/default/pods/bind-me/binding', JSON.stringify(binding));
    assert.equal(bound.status, 201, bound.body);
    const read = JSON.parse((await api.request('GET', '/api/v1/namespaces/default/pods/bind-me')).body) as {
      spec: { nodeName: string };
      metadata: { managedFields?: { manager: string; subresource?: string }[] };
    };
    assert.equal(read.spec.nodeName, 'node-1');
    // As upstream, the binding is written outside the field manager: only the creator owns fields.
    assert.deepEqual(
      (read.metadata.managedFields ?? []).map((m) => m.subresource ?? ''),
      [''],
    );
    const again = await api.request(
      'POST',
      '/api/v1/namespaces/default/bindings',
      JSON.stringify({ ...binding, target: { kind: 'Node', name: 'node-2' } }),
    );
    assert.equal(again.status, 409, again.body);
    const changed = JSON.parse((await api.request('GET', '/api/v1/namespaces/default/pods/bind-me')).body) as {
      spec: { nodeName: string };
    };
    assert.equal(changed.spec.nodeName, 'node-1');
  });

  test('an eviction deletes a pod without a budget and is refused (429) when the budget allows no disruption', async () => {
    const pod = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { app: 'guarded' } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    });
    const evict = (name: string) => JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } });
    await api.request(
      'POST',
      '/api/v1/namespaces/default/pods',
      JSON.stringify({ ...pod('free'), metadata: { name: 'free' } }),
    );
    const freed = await api.request('POST', '/api/v1/namespaces/default/pods/free/eviction', evict('free'));
    assert.equal(freed.status, 201, freed.body);
    assert.equal((await api.request('GET', '/api/v1/namespaces/default/pods/free')).status, 404);
    await api.request('POST', '/api/v1/namespaces/default/pods', JSON.stringify(pod('guarded')));
    const pdb = {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'guard' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } },
    };
    assert.equal(
      (await api.request('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', JSON.stringify(pdb)))
        .status,
      201,
    );
    const status = {
      status: { observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 },
    };
    const patched = await api.request(
      'PATCH',
      '/apis/policy/v1/namespaces/default/poddisruptionbudgets/guard/status',
      JSON.stringify(status),
      { 'content-type': 'application/merge-patch+json' },
    );
    assert.equal(patched.status, 200, patched.body);
    const refused = await api.request('POST', '/api/v1/namespaces/default/pods/guarded/eviction', evict('guarded'));
    assert.equal(refused.status, 429, refused.body);
    const body = JSON.parse(refused.body) as Status;
    assert.equal(body.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.equal(
      body.details?.causes?.[0]?.message,
      'The disruption budget guard needs 1 healthy pods and has 1 currently',
    );
    assert.equal((await api.request('GET', '/api/v1/namespaces/default/pods/guarded')).status, 200);
  });
});
