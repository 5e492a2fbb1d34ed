/** The EndpointSlice controller against a real skiff server, the kubelet played by the test. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { createTestPod, createTestService, setTestPodStatus } from '../endpoints/endpoints-test-support.js';
import { PODS } from '../endpoints/resources.js';
import {
  type ControllerCluster,
  runControllers,
  type RunningControllers,
  sleepMs,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { NAME, newEndpointSliceControllerWith } from './endpoint-slice-controller.js';
import { ENDPOINT_SLICES, NODES } from './resources.js';

const NS = 'default';

describe('EndpointSlice controller', () => {
  let c: ControllerCluster;
  let controllers: RunningControllers;
  let slices: ResourceClient<EndpointSlice>;

  const slicesOf = async (service: string): Promise<EndpointSlice[]> =>
    (await slices.list(NS, { labelSelector: `kubernetes.io/service-name=${service}` })).items;
  /** `name:ready/serving/terminating` of every endpoint of the Service, sorted. */
  const conditions = async (service: string): Promise<string[]> =>
    (await slicesOf(service))
      .flatMap((s) => s.endpoints ?? [])
      .map((e) => {
        const k = e.conditions ?? {};
        return `${e.targetRef?.name ?? ''}:${k.ready ? 'R' : '-'}${k.serving ? 'S' : '-'}${k.terminating ? 'T' : '-'}`;
      })
      .sort();

  before(async () => {
    c = await startControllerCluster();
    const nodes = c.client.resource<Node>(NODES);
    await nodes.create('', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-1' } },
    } as Node);
    controllers = await runControllers(c.client, [(ctx) => newEndpointSliceControllerWith(ctx, { batchPeriodMs: 20 })]);
    slices = c.client.resource<EndpointSlice>(ENDPOINT_SLICES);
  });
  after(async () => {
    await controllers?.stop();
    await c?.stop();
  });

  test('the controller is called endpointslice', () => {
    assert.equal(NAME, 'endpointslice');
  });

  test('a Service without ready pods has a placeholder slice, then one endpoint per pod that follows readiness', async () => {
    const svc = await createTestService(c.client, NS, 'web', { selector: { app: 'web' } });
    const [placeholder] = await waitFor('a placeholder', async () => {
      const list = await slicesOf('web');
      return list.length === 1 && list;
    });
    assert.deepEqual(placeholder?.endpoints ?? [], []);
    assert.match(placeholder?.metadata?.name ?? '', /^web-[a-z0-9]{5}$/);
    assert.deepEqual(placeholder?.metadata?.labels, {
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    assert.deepEqual(placeholder?.metadata?.ownerReferences, [
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'web',
        uid: svc.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);

    await createTestPod(c.client, NS, 'web-1', { labels: { app: 'web' }, ports: { http: 8080 } });
    await createTestPod(c.client, NS, 'web-2', { labels: { app: 'web' }, ports: { http: 8080 } });
    await setTestPodStatus(c.client, NS, 'web-1', { ip: '10.5.0.1', ready: false });
    await setTestPodStatus(c.client, NS, 'web-2', { ip: '10.5.0.2', ready: true });
    await waitFor('two endpoints', async () => (await conditions('web')).join() === 'web-1:---,web-2:RS-');
    const [slice] = await slicesOf('web');
    assert.equal(slice?.metadata?.name, placeholder?.metadata?.name, 'the placeholder is reused');
    assert.equal(slice?.addressType, 'IPv4');
    assert.deepEqual(slice?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const endpoint = slice?.endpoints?.find((e) => e.targetRef?.name === 'web-2');
    assert.deepEqual(endpoint?.addresses, ['10.5.0.2']);
    assert.equal(endpoint?.nodeName, 'node-a');
    assert.equal(endpoint?.zone, 'zone-1');
    assert.deepEqual(
      { kind: endpoint?.targetRef?.kind, namespace: endpoint?.targetRef?.namespace },
      { kind: 'Pod', namespace: NS },
    );
    assert.ok(slice?.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']);

    await setTestPodStatus(c.client, NS, 'web-1', { ip: '10.5.0.1', ready: true });
    await setTestPodStatus(c.client, NS, 'web-2', { ip: '10.5.0.2', ready: false });
    await waitFor('readiness swapped', async () => (await conditions('web')).join() === 'web-1:RS-,web-2:---');
    assert.equal((await slicesOf('web'))[0]?.metadata?.name, placeholder?.metadata?.name, 'updated in place');
  });

  test('a pod being deleted stays as terminating, serving while ready but no longer ready', async () => {
    await createTestService(c.client, NS, 'term', { selector: { app: 'term' } });
    await createTestPod(c.client, NS, 'term-1', { labels: { app: 'term' }, ports: { http: 8080 } });
    await setTestPodStatus(c.client, NS, 'term-1', { ip: '10.6.0.1', ready: true });
    await waitFor('ready', async () => (await conditions('term')).join() === 'term-1:RS-');
    await c.client.resource<Pod>(PODS).delete(NS, 'term-1', { gracePeriodSeconds: 60 });
    await waitFor('terminating', async () => (await conditions('term')).join() === 'term-1:-ST');
  });

  test('a named port resolving to different numbers gives a slice per port number', async () => {
    await createTestService(c.client, NS, 'named', { selector: { app: 'named' } });
    await createTestPod(c.client, NS, 'named-1', { labels: { app: 'named' }, ports: { http: 8080 } });
    await createTestPod(c.client, NS, 'named-2', { labels: { app: 'named' }, ports: { http: 9090 } });
    await setTestPodStatus(c.client, NS, 'named-1', { ip: '10.7.0.1', ready: true });
    await setTestPodStatus(c.client, NS, 'named-2', { ip: '10.7.0.2', ready: true });
    const list = await waitFor('two slices with one endpoint each', async () => {
      const current = await slicesOf('named');
      return current.length === 2 && current.every((s) => s.endpoints?.length === 1) && current;
    });
    assert.deepEqual(list.map((s) => [s.ports?.[0]?.port, s.endpoints?.[0]?.addresses?.[0]]).sort(), [
      [8080, '10.7.0.1'],
      [9090, '10.7.0.2'],
    ]);
  });

  test('nothing is written when nothing that shows changed', async () => {
    await createTestService(c.client, NS, 'quiet', { selector: { app: 'quiet' } });
    await createTestPod(c.client, NS, 'quiet-1', { labels: { app: 'quiet' }, ports: { http: 8080 } });
    await setTestPodStatus(c.client, NS, 'quiet-1', { ip: '10.8.0.1', ready: true });
    await waitFor('ready', async () => (await conditions('quiet')).join() === 'quiet-1:RS-');
    const before = (await slicesOf('quiet'))[0]?.metadata?.resourceVersion;
    await c.client.resource<Pod>(PODS).patch(NS, 'quiet-1', 'merge', { metadata: { annotations: { touched: 'yes' } } });
    await sleepMs(500);
    assert.equal((await slicesOf('quiet'))[0]?.metadata?.resourceVersion, before);
  });

  test('a Service without a selector gets no slices', async () => {
    await createTestService(c.client, NS, 'manual', {});
    await sleepMs(400);
    assert.deepEqual(await slicesOf('manual'), []);
  });
});
