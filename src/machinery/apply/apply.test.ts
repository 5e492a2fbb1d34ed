import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { JsonObject } from '../patch/json-value.js';
import { StatusError } from '../status.js';
import { apply } from './apply.js';
import { applyAs, at, edited, entriesOf, ownedBy, T1, T2, updateAs } from './apply-test-support.js';
import { deployment, deploymentSchema, podSchema, serviceSchema } from './test-schemas.js';

const spec = (object: JsonObject): JsonObject => object['spec'] as JsonObject;
const podSpecOf = (object: JsonObject): JsonObject => at(object, 'spec.template.spec') as JsonObject;

/** The 409 an apply throws, or a failure when it does not throw one. */
function conflictOf(run: () => unknown): StatusError {
  try {
    run();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  assert.fail('expected the apply to conflict');
}

describe('server-side apply', () => {
  test('apply creates the object and records the applier’s fields', () => {
    const config = deployment({ replicas: 3 }, { labels: { app: 'web' } });
    const { object, managedFields } = apply(undefined, config, {
      manager: 'kubectl',
      force: false,
      schema: deploymentSchema,
      apiVersion: 'apps/v1',
      now: T1,
    });
    assert.deepEqual(
      JSON.stringify(managedFields),
      JSON.stringify([
        {
          manager: 'kubectl',
          operation: 'Apply',
          apiVersion: 'apps/v1',
          time: '2024-05-01T10:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': {
              'f:replicas': {},
              'f:selector': {},
              'f:template': {
                'f:metadata': { 'f:labels': { 'f:app': {} } },
                'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
              },
            },
          },
        },
      ]),
    );
    assert.deepEqual(object, { ...config, metadata: { ...(config['metadata'] as JsonObject), managedFields } });
  });

  test('neither the live object nor the configuration is changed', () => {
    const live = applyAs('a', undefined, deployment({ replicas: 3 }, { labels: { app: 'web', x: '1' } }));
    const config = deployment({ replicas: 4 }, { labels: { app: 'web' } });
    const [liveBefore, configBefore] = [structuredClone(live), structuredClone(config)];
    applyAs('a', live, config, { now: T2 });
    assert.deepEqual(live, liveBefore);
    assert.deepEqual(config, configBefore);
  });

  test('applying again with a change sets the new value and the new time', () => {
    const live = applyAs('kubectl', undefined, deployment({ replicas: 3 }));
    const next = applyAs('kubectl', live, deployment({ replicas: 5 }), { now: T2 });
    assert.equal(spec(next)['replicas'], 5);
    assert.equal(entriesOf(next).length, 1);
    assert.equal(entriesOf(next)[0]?.time, '2024-05-01T10:05:00Z');
  });

  test('applying the same configuration again changes nothing, not even the time', () => {
    const live = applyAs('kubectl', undefined, deployment({ replicas: 3 }));
    const again = applyAs('kubectl', live, deployment({ replicas: 3 }), { now: T2 });
    assert.deepEqual(again, live);
  });

  test('fields the applier applied before and no longer applies are removed', () => {
    const withPorts = deployment({ replicas: 3 }, { labels: { app: 'web', tier: 'front' } });
    const podSpec = at(withPorts, 'spec.template.spec') as JsonObject;
    podSpec['hostname'] = 'web-0';
    podSpec['containers'] = [{ name: 'app', image: 'nginx:1', ports: [{ containerPort: 80, protocol: 'TCP' }] }];
    const live = applyAs('kubectl', undefined, withPorts);
    const next = applyAs('kubectl', live, deployment({ replicas: 3 }, { labels: { app: 'web' } }), { now: T2 });
    assert.deepEqual(podSpecOf(next), { containers: [{ name: 'app', image: 'nginx:1' }] });
    assert.deepEqual(at(next, 'metadata.labels'), { app: 'web' });
    assert.ok(
      !ownedBy(next, 'kubectl').some((p) => p.includes('ports') || p.includes('hostname') || p.includes('tier')),
    );
  });

  test('a field two managers applied stays when one of them stops applying it', () => {
    const shared = edited(deployment({ replicas: 3 }), (c) => {
      podSpecOf(c)['hostname'] = 'web-0';
    });
    let live = applyAs('owner-1', undefined, shared);
    live = applyAs('owner-2', live, shared);
    assert.ok(ownedBy(live, 'owner-1').includes('.spec.replicas'));
    assert.ok(ownedBy(live, 'owner-2').includes('.spec.replicas'));
    live = applyAs('owner-1', live, deployment());
    assert.equal(spec(live)['replicas'], 3);
    assert.equal(podSpecOf(live)['hostname'], 'web-0');
    assert.ok(!ownedBy(live, 'owner-1').includes('.spec.replicas'));
    assert.ok(ownedBy(live, 'owner-2').includes('.spec.replicas'));
  });

  test('changing a field another manager updated is a conflict naming the manager and field', () => {
    const live = applyAs('web-applier', undefined, deployment({ replicas: 3 }));
    const scaled = updateAs(
      'kubectl-client-side-apply',
      live,
      edited(live, (c) => (spec(c)['replicas'] = 5)),
    );
    const err = conflictOf(() => applyAs('web-applier', scaled, deployment({ replicas: 3 }), { now: T2 }));
    assert.equal(err.code, 409);
    assert.equal(err.reason, 'Conflict');
    assert.equal(
      err.message,
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );
    assert.deepEqual(err.status.details, {
      causes: [
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "kubectl-client-side-apply" using apps/v1',
          field: '.spec.replicas',
        },
      ],
    });
  });

  test('several conflicts are listed per manager, managers in order', () => {
    let live = applyAs('web-applier', undefined, deployment({ replicas: 3 }));
    live = applyAs(
      'b-applier',
      live,
      edited(deployment(), (c) => (podSpecOf(c)['hostname'] = 'b')),
    );
    live = updateAs(
      'editor',
      live,
      edited(live, (c) => {
        spec(c)['replicas'] = 5;
        (podSpecOf(c)['containers'] as JsonObject[])[0]!['image'] = 'nginx:edited';
      }),
    );
    const config = edited(deployment({ replicas: 3 }), (c) => {
      podSpecOf(c)['hostname'] = 'a';
      (podSpecOf(c)['containers'] as JsonObject[])[0]!['image'] = 'nginx:2';
    });
    const err = conflictOf(() => applyAs('web-applier', live, config));
    assert.equal(
      err.message,
      'Apply failed with 3 conflicts: conflicts with "b-applier":\n- .spec.template.spec.hostname\n' +
        'conflicts with "editor" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="app"].image',
    );
    assert.deepEqual(
      err.status.details?.causes?.map((c) => [c.message, c.field]),
      [
        ['conflict with "b-applier"', '.spec.template.spec.hostname'],
        ['conflict with "editor" using apps/v1', '.spec.replicas'],
        ['conflict with "editor" using apps/v1', '.spec.template.spec.containers[name="app"].image'],
      ],
    );
  });

  test('a forced apply takes the field over, and a manager left with nothing disappears', () => {
    const live = applyAs('web-applier', undefined, deployment({ replicas: 3 }));
    const scaled = updateAs(
      'kubectl-scale',
      live,
      edited(live, (c) => (spec(c)['replicas'] = 5)),
    );
    assert.deepEqual(ownedBy(scaled, 'kubectl-scale', 'Update'), ['.spec.replicas']);
    const forced = applyAs('web-applier', scaled, deployment({ replicas: 3 }), { force: true, now: T2 });
    assert.equal(spec(forced)['replicas'], 3);
    assert.deepEqual(
      entriesOf(forced).map((e) => e.manager),
      ['web-applier'],
    );
    assert.ok(ownedBy(forced, 'web-applier').includes('.spec.replicas'));
  });

  test('an object nobody tracked yet belongs to before-first-apply, so changing it conflicts', () => {
    const untracked = deployment({ replicas: 1 });
    const err = conflictOf(() => applyAs('web-applier', untracked, deployment({ replicas: 3 })));
    assert.equal(
      err.message,
      'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
    );
    const same = applyAs('web-applier', untracked, deployment({ replicas: 1 }));
    assert.deepEqual(
      entriesOf(same).map((e) => [e.manager, e.operation]),
      [
        ['web-applier', 'Apply'],
        ['before-first-apply', 'Update'],
      ],
    );
  });

  test('reset fields are merged but owned by no one', () => {
    const config = edited(deployment({ replicas: 3 }), (c) => (c['status'] = { replicas: 9 }));
    const live = applyAs('web-applier', undefined, config, { resetFields: [['status']] });
    assert.ok(!ownedBy(live, 'web-applier').some((p) => p.startsWith('.status')));
  });

  test('on a subresource the entry records it, and conflicts say so', () => {
    const base = applyAs('web-applier', undefined, deployment());
    const status = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, status: { replicas: 2 } };
    const withStatus = applyAs('status-writer', base, status, {
      subresource: 'status',
      resetFields: [['spec'], ['metadata', 'labels']],
    });
    assert.equal(entriesOf(withStatus).find((e) => e.manager === 'status-writer')?.subresource, 'status');
    const err = conflictOf(() =>
      applyAs('other', withStatus, { ...status, status: { replicas: 3 } }, { subresource: 'status' }),
    );
    assert.equal(
      err.message,
      'Apply failed with 1 conflict: conflict with "status-writer" with subresource "status": .status.replicas',
    );
  });
});

describe('server-side apply against upstream’s conformance expectations', () => {
  // From upstream's e2e test "should create an applied object if it does not already exist": the
  // FieldsV1 kube-apiserver records, for the first applier and for a second one applying the same.
  const cases: { name: string; config: JsonObject; schema: typeof podSchema; fieldsV1: string }[] = [
    {
      name: 'a pod’s container is owned by name',
      config: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'test-pod' },
        spec: { containers: [{ name: 'test-container', image: 'test-image' }] },
      },
      schema: podSchema,
      fieldsV1: '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"test-container\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
    },
    {
      name: 'a service’s port is owned by port and protocol',
      config: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'test-svc' },
        spec: { ports: [{ port: 8080, protocol: 'UDP' }] },
      },
      schema: serviceSchema,
      fieldsV1:
        '{"f:spec":{"f:ports":{"k:{\\"port\\":8080,\\"protocol\\":\\"UDP\\"}":{".":{},"f:port":{},"f:protocol":{}}}}}',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const options = { force: false, schema: c.schema, apiVersion: 'v1', now: T1 };
      const first = apply(undefined, c.config, { ...options, manager: 'apply_test' }).object;
      const second = apply(first, c.config, { ...options, manager: 'apply_test_2' }).object;
      // The second apply changes nothing, so its entry has no time and sorts first, as upstream's does.
      assert.deepEqual(
        entriesOf(second)
          .map((e) => [e.manager, JSON.stringify(e.fieldsV1)])
          .sort(),
        [
          ['apply_test', c.fieldsV1],
          ['apply_test_2', c.fieldsV1],
        ],
      );
    });
  }
});
