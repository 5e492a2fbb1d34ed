/** The official JavaScript client (@kubernetes/client-node 1.4) against a started skiff server: list, watch, informer. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { API_ONLY, startTestCluster, type TestCluster } from '../support/cluster.js';

describe('@kubernetes/client-node', () => {
  let c: TestCluster;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  before(async () => {
    c = await startTestCluster(['--store', 'memory', ...API_ONLY]);
    kc = new k8s.KubeConfig();
    kc.loadFromFile(c.kubeconfig);
    core = kc.makeApiClient(k8s.CoreV1Api);
  });
  after(async () => c.stop());

  test('creates, reads and lists objects', async () => {
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'from-js', labels: { via: 'js' } }, data: { a: '1' } },
    });
    const read = await core.readNamespacedConfigMap({ namespace: 'default', name: 'from-js' });
    assert.equal(read.data?.a, '1');
    const list = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'via=js' });
    assert.deepEqual(
      list.items.map((i) => i.metadata?.name),
      ['from-js'],
    );
    assert.match(list.metadata?.resourceVersion ?? '', /^\d+$/);
    const namespaces = await core.listNamespace();
    assert.ok(namespaces.items.some((n) => n.metadata?.name === 'kube-system'));
  });

  test('a missing object rejects with a 404', async () => {
    await assert.rejects(
      core.readNamespacedConfigMap({ namespace: 'default', name: 'absent' }),
      (err: { code?: number }) => err.code === 404,
    );
  });

  test('watch delivers added, modified and deleted events', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const seen: string[] = [];
    const watch = new k8s.Watch(kc);
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    const request = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: list.metadata?.resourceVersion },
      (type: string, obj: k8s.V1ConfigMap) => {
        seen.push(`${type} ${obj.metadata?.name}`);
        if (seen.length === 3) finish();
      },
      () => finish(),
    );
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'watched' } } });
    await core.patchNamespacedConfigMap(
      { namespace: 'default', name: 'watched', body: { data: { b: '2' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'watched' });
    await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
    request.abort();
    assert.deepEqual(seen, ['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
  });

  test('an informer lists, then follows changes', async () => {
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'before-informer' } } });
    const path = '/api/v1/namespaces/default/configmaps';
    const informer = k8s.makeInformer(kc, path, () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const added: string[] = [];
    informer.on('add', (obj: k8s.V1ConfigMap) => added.push(obj.metadata?.name ?? ''));
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after-informer' } } });
    const deadline = Date.now() + 10_000;
    while (!added.includes('after-informer') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await informer.stop();
    assert.ok(added.includes('before-informer'), added.join(','));
    assert.ok(added.includes('after-informer'), added.join(','));
    assert.ok(informer.list('default').some((o) => o.metadata?.name === 'after-informer'));
  });
});
