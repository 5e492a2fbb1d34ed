/** The namespace controller against a real skiff server: deleting a namespace empties it, then removes it. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { KubeObject } from '../../client/kube-object.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { type ControllerHarness, eventually, startControllerHarness } from './controller-test-harness.js';
import { newNamespaceControllerWith } from './namespace-controller.js';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true } as const;
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const SERVICES = { group: '', version: 'v1', resource: 'services', namespaced: true } as const;

const pod = (name: string): KubeObject =>
  ({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }) as KubeObject;
const service = (name: string): KubeObject =>
  ({ metadata: { name }, spec: { ports: [{ port: 80 }], selector: { app: name } } }) as KubeObject;

describe('namespace controller', () => {
  let h: ControllerHarness;
  let stop: () => Promise<void>;
  before(async () => {
    h = await startControllerHarness();
    const context = h.context();
    const running = await h.run(context, newNamespaceControllerWith(context, { deletionGracePeriodMs: 0 }));
    stop = running.stop;
  });
  after(async () => {
    await stop();
    await h.stop();
  });

  const namespaces = (): ReturnType<typeof h.client.resource<Namespace>> => h.client.resource<Namespace>(NAMESPACES);
  const gone = async (name: string): Promise<true | undefined> => {
    try {
      await namespaces().get('', name);
      return undefined;
    } catch (err) {
      if (isNotFound(err)) return true;
      throw err;
    }
  };

  test('deleting a namespace deletes its configmaps, pods and services, then the namespace', async () => {
    await namespaces().create('', { metadata: { name: 'doomed' } });
    for (const name of ['a', 'b']) {
      await h.client.resource(CONFIGMAPS).create('doomed', { metadata: { name }, data: { k: name } } as KubeObject);
      await h.client.resource(PODS).create('doomed', pod(name));
    }
    await h.client.resource(SERVICES).create('doomed', service('web'));
    await namespaces().delete('', 'doomed');
    await eventually('the namespace to be gone', () => gone('doomed'));
    for (const d of [CONFIGMAPS, PODS, SERVICES]) {
      const left = await h.client.resource(d).list('doomed');
      assert.deepEqual(
        left.items.map((i) => i.metadata?.name),
        [],
        `${d.resource} remain`,
      );
    }
  });

  test('kubectl delete namespace returns once the namespace is gone', async () => {
    await h.cluster.ok(['create', 'namespace', 'via-kubectl']);
    await h.cluster.ok(['-n', 'via-kubectl', 'create', 'configmap', 'c1', '--from-literal=a=b']);
    await h.cluster.ok(['delete', 'namespace', 'via-kubectl', '--timeout=30s']);
    assert.equal(await gone('via-kubectl'), true);
  });

  test('while a finalizer holds content, the namespace stays Terminating with conditions saying why', async () => {
    await namespaces().create('', { metadata: { name: 'held' } });
    await h.client
      .resource(CONFIGMAPS)
      .create('held', { metadata: { name: 'pinned', finalizers: ['example.com/hold'] } } as KubeObject);
    await namespaces().delete('', 'held');
    const conditions = await eventually('the content conditions', async () => {
      const ns = await namespaces().get('', 'held');
      const list = ns.status?.conditions ?? [];
      return list.some((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True') ? list : undefined;
    });
    const byType = Object.fromEntries(conditions.map((c) => [c.type, [c.status, c.reason, c.message]]));
    assert.deepEqual(byType, {
      NamespaceDeletionDiscoveryFailure: ['False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      NamespaceDeletionGroupVersionParsingFailure: [
        'False',
        'ParsedGroupVersions',
        'All legacy kube types successfully parsed',
      ],
      NamespaceDeletionContentFailure: [
        'False',
        'ContentDeleted',
        'All content successfully deleted, may be waiting on finalization',
      ],
      NamespaceContentRemaining: [
        'True',
        'SomeResourcesRemain',
        'Some resources are remaining: configmaps. has 1 resource instances',
      ],
      NamespaceFinalizersRemaining: [
        'True',
        'SomeFinalizerRemain',
        'Some finalizers are remaining: example.com/hold in 1 resource instances',
      ],
    });
    const ns = await namespaces().get('', 'held');
    assert.equal(ns.status?.phase, 'Terminating');
    assert.deepEqual(ns.spec?.finalizers, ['kubernetes']);

    await h.client.resource(CONFIGMAPS).patch('held', 'pinned', 'merge', { metadata: { finalizers: null } });
    // Upstream looks again after half the finalizer estimate (15 s / 2 + 1).
    await eventually('the namespace to be gone', () => gone('held'), 30_000);
  });

  test('a namespace that is not being deleted is left alone', async () => {
    await namespaces().create('', { metadata: { name: 'kept' } });
    await h.client.resource(CONFIGMAPS).create('kept', { metadata: { name: 'stays' } } as KubeObject);
    await new Promise((r) => setTimeout(r, 300));
    const ns = await namespaces().get('', 'kept');
    assert.equal(ns.status?.phase, 'Active');
    assert.deepEqual(ns.status?.conditions, undefined);
    assert.equal((await h.client.resource(CONFIGMAPS).get('kept', 'stays')).metadata?.name, 'stays');
  });
});
