/** Skiff's own client library (src/client) against a started skiff server: REST, informers, leader election. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isConflict, isNotFound, RestClient, SharedInformerFactory } from '../../src/client/index.js';
import { LeaderElector } from '../../src/client/leader-election/leader-elector.js';
import { LeaseLock } from '../../src/client/leader-election/lease-lock.js';
import { API_ONLY, startTestCluster, type TestCluster } from '../support/cluster.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string };
  data?: Record<string, string>;
}

describe('src/client against skiff server', () => {
  let c: TestCluster;
  let client: RestClient;
  before(async () => {
    c = await startTestCluster(['--store', 'memory', ...API_ONLY]);
    client = RestClient.fromKubeconfig(c.kubeconfig, { component: 'e2e' });
  });
  after(async () => {
    client.close();
    await c.stop();
  });

  test('create, get, update with a stale version (409), patch and delete', async () => {
    const cms = client.resource<ConfigMap>(CONFIGMAPS);
    const created = await cms.create('default', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'lib' },
      data: { a: '1' },
    });
    const updated = await cms.update('default', { ...created, data: { a: '2' } });
    await assert.rejects(cms.update('default', { ...created, data: { a: '3' } }), isConflict);
    const patched = await cms.patch('default', 'lib', 'merge', { data: { b: '4' } });
    assert.deepEqual(patched.data, { a: '2', b: '4' });
    assert.notEqual(updated.metadata.resourceVersion, patched.metadata.resourceVersion);
    await cms.delete('default', 'lib');
    await assert.rejects(cms.get('default', 'lib'), isNotFound);
  });

  test('an informer lists, then sees additions, updates and deletions', async () => {
    const factory = new SharedInformerFactory(client);
    const informer = factory.forResource<ConfigMap>(CONFIGMAPS);
    const seen: string[] = [];
    informer.addEventHandler({
      onAdd: (o) => seen.push(`add ${o.metadata.name}`),
      onUpdate: (_old, o) => seen.push(`update ${o.metadata.name}`),
      onDelete: (o) => seen.push(`delete ${'metadata' in o ? o.metadata.name : ''}`),
    });
    const cms = client.resource<ConfigMap>(CONFIGMAPS);
    await cms.create('default', { metadata: { name: 'early' } });
    const controller = new AbortController();
    factory.start(controller.signal);
    await factory.waitForCacheSync(controller.signal);
    await cms.create('default', { metadata: { name: 'late' } });
    await cms.patch('default', 'late', 'merge', { data: { x: 'y' } });
    await cms.delete('default', 'late');
    const deadline = Date.now() + 10_000;
    while (!seen.includes('delete late') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    factory.shutdown();
    assert.deepEqual(seen, ['add early', 'add late', 'update late', 'delete late']);
  });

  test('leader election takes a Lease on the server', async () => {
    const controller = new AbortController();
    let leading = false;
    const elector = new LeaderElector({
      lock: LeaseLock.of(client, 'kube-system', 'e2e-leader', 'candidate-1'),
      callbacks: {
        onStartedLeading: () => {
          leading = true;
        },
      },
      retryPeriodMs: 200,
      leaseDurationMs: 2_000,
      renewDeadlineMs: 1_500,
    });
    const running = elector.run(controller.signal);
    const deadline = Date.now() + 10_000;
    while (!leading && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(leading);
    const lease = (await client
      .resource<ConfigMap & { spec: { holderIdentity: string } }>({
        group: 'coordination.k8s.io',
        version: 'v1',
        resource: 'leases',
        namespaced: true,
      })
      .get('kube-system', 'e2e-leader')) as unknown as { spec: { holderIdentity: string } };
    assert.equal(lease.spec.holderIdentity, 'candidate-1');
    controller.abort();
    await running;
  });
});
