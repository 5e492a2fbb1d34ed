/** The Endpoints controller against a real skiff server, the kubelet played by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Endpoints } from '../../api/core/v1/endpoints.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import {
  type ControllerCluster,
  runControllers,
  type RunningControllers,
  sleepMs,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { NAME, newEndpointsControllerWith } from './endpoints-controller.js';
import { createTestPod, createTestService, setTestPodStatus } from './endpoints-test-support.js';
import { ENDPOINTS, PODS, SERVICES } from './resources.js';

const NS = 'default';

describe('Endpoints controller', () => {
  let c: ControllerCluster;
  let controllers: RunningControllers;
  let endpoints: ResourceClient<Endpoints>;

  const endpointsOf = async (name: string): Promise<Endpoints | undefined> => {
    try {
      return await endpoints.get(NS, name);
    } catch {
      return undefined;
    }
  };
  /** "ip:port" of the ready and the not-ready addresses, each sorted. */
  const summary = (ep: Endpoints | undefined): { ready: string[]; notReady: string[] } => {
    const ready: string[] = [];
    const notReady: string[] = [];
    for (const s of ep?.subsets ?? []) {
      for (const p of s.ports ?? []) {
        for (const a of s.addresses ?? []) ready.push(`${a.ip}:${p.port}`);
        for (const a of s.notReadyAddresses ?? []) notReady.push(`${a.ip}:${p.port}`);
      }
    }
    return { ready: ready.sort(), notReady: notReady.sort() };
  };

  before(async () => {
    c = await startControllerCluster();
    controllers = await runControllers(c.client, [(ctx) => newEndpointsControllerWith(ctx, { batchPeriodMs: 20 })]);
    endpoints = c.client.resource<Endpoints>(ENDPOINTS);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  test('the controller is called endpoint', () => {
    assert.equal(NAME, 'endpoint');
  });

  test('addresses follow pod readiness: not ready, then ready, then not ready again', async () => {
    await createTestService(c.client, NS, 'web', { selector: { app: 'web' } }, { tier: 'front' });
    await createTestPod(c.client, NS, 'web-1', { labels: { app: 'web' }, ports: { http: 8080 } });
    await createTestPod(c.client, NS, 'web-2', { labels: { app: 'web' }, ports: { http: 8080 } });
    const empty = await waitFor('an empty Endpoints', () => endpointsOf('web'));
    assert.deepEqual(summary(empty), { ready: [], notReady: [] });
    assert.deepEqual(empty.metadata?.labels, { tier: 'front' });
    assert.ok(empty.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']);

    await setTestPodStatus(c.client, NS, 'web-1', { ip: '10.1.0.1', ready: false });
    await setTestPodStatus(c.client, NS, 'web-2', { ip: '10.1.0.2', ready: true });
    const mixed = await waitFor('one ready, one not', async () => {
      const ep = await endpointsOf('web');
      const s = summary(ep);
      return s.ready.length === 1 && s.notReady.length === 1 && ep;
    });
    assert.deepEqual(summary(mixed), { ready: ['10.1.0.2:8080'], notReady: ['10.1.0.1:8080'] });
    const [subset] = mixed.subsets ?? [];
    assert.deepEqual(subset?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const ready = subset?.addresses?.[0];
    assert.equal(ready?.nodeName, 'node-a');
    assert.deepEqual(
      { kind: ready?.targetRef?.kind, name: ready?.targetRef?.name, namespace: ready?.targetRef?.namespace },
      { kind: 'Pod', name: 'web-2', namespace: NS },
    );

    await setTestPodStatus(c.client, NS, 'web-1', { ip: '10.1.0.1', ready: true });
    await waitFor('both ready', async () => summary(await endpointsOf('web')).ready.length === 2);
    await setTestPodStatus(c.client, NS, 'web-2', { ip: '10.1.0.2', ready: false });
    const back = await waitFor('web-2 not ready again', async () => {
      const s = summary(await endpointsOf('web'));
      return s.notReady.length === 1 && s;
    });
    assert.deepEqual(back, { ready: ['10.1.0.1:8080'], notReady: ['10.1.0.2:8080'] });
  });

  test('a named port that resolves to different numbers splits the addresses into subsets', async () => {
    await createTestService(c.client, NS, 'named', { selector: { app: 'named' } });
    await createTestPod(c.client, NS, 'named-1', { labels: { app: 'named' }, ports: { http: 8080 } });
    await createTestPod(c.client, NS, 'named-2', { labels: { app: 'named' }, ports: { http: 9090 } });
    await setTestPodStatus(c.client, NS, 'named-1', { ip: '10.2.0.1', ready: true });
    await setTestPodStatus(c.client, NS, 'named-2', { ip: '10.2.0.2', ready: true });
    const ep = await waitFor('two subsets', async () => {
      const current = await endpointsOf('named');
      return current?.subsets?.length === 2 && current;
    });
    assert.deepEqual(
      (ep.subsets ?? []).map((s) => [s.addresses?.map((a) => a.ip), s.ports?.map((p) => p.port)]).sort(),
      [
        [['10.2.0.1'], [8080]],
        [['10.2.0.2'], [9090]],
      ],
    );
  });

  test('nothing is written when nothing that shows changed', async () => {
    await createTestService(c.client, NS, 'quiet', { selector: { app: 'quiet' } });
    await createTestPod(c.client, NS, 'quiet-1', { labels: { app: 'quiet' }, ports: { http: 8080 } });
    await setTestPodStatus(c.client, NS, 'quiet-1', { ip: '10.3.0.1', ready: true });
    const before = await waitFor('ready', async () => {
      const ep = await endpointsOf('quiet');
      return summary(ep).ready.length === 1 && ep;
    });
    await c.client.resource<Pod>(PODS).patch(NS, 'quiet-1', 'merge', { metadata: { annotations: { touched: 'yes' } } });
    const svc = await c.client.resource<Service>(SERVICES).get(NS, 'quiet');
    await c.client
      .resource<Service>(SERVICES)
      .update(NS, { ...svc, metadata: { ...svc.metadata, annotations: { a: 'b' } } });
    await sleepMs(500);
    assert.equal((await endpointsOf('quiet'))?.metadata?.resourceVersion, before.metadata?.resourceVersion);
  });

  test('a headless Service gets the headless label and hostnames of pods in its subdomain', async () => {
    await createTestService(c.client, NS, 'headless', { selector: { app: 'hl' }, clusterIP: 'None' });
    await createTestPod(c.client, NS, 'hl-1', {
      labels: { app: 'hl' },
      ports: { http: 8080 },
      hostname: 'first',
      subdomain: 'headless',
    });
    await setTestPodStatus(c.client, NS, 'hl-1', { ip: '10.4.0.1', ready: true });
    const ep = await waitFor('ready', async () => {
      const current = await endpointsOf('headless');
      return summary(current).ready.length === 1 && current;
    });
    assert.deepEqual(ep.metadata?.labels, { 'service.kubernetes.io/headless': '' });
    assert.equal(ep.subsets?.[0]?.addresses?.[0]?.hostname, 'first');
  });

  test('a Service without a selector is left alone, and a deleted Service takes its Endpoints along', async () => {
    await createTestService(c.client, NS, 'manual', {});
    await endpoints.create(NS, {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'manual' },
      subsets: [{ addresses: [{ ip: '192.168.7.7' }], ports: [{ port: 80 }] }],
    } as Endpoints);
    await sleepMs(300);
    assert.equal((await endpointsOf('manual'))?.subsets?.[0]?.addresses?.[0]?.ip, '192.168.7.7');

    await createTestService(c.client, NS, 'gone', { selector: { app: 'gone' } });
    await waitFor('Endpoints of gone', () => endpointsOf('gone'));
    await c.client.resource<Service>(SERVICES).delete(NS, 'gone');
    await waitFor('Endpoints of gone deleted', async () => (await endpointsOf('gone')) === undefined);
  });
});
