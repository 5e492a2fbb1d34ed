/**
 * Endpoints and EndpointSlices, driven by the real kubectl against `skiff server` with simulated nodes: a
 * Service's addresses follow its pods — listed once they run and are Ready, listed as not ready while a
 * readiness gate holds them back, gone when the deployment is scaled to 0 — and its named targetPort is
 * resolved to the container's port number.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../support/cluster.js';
import { getJson, listPods, runningReady } from '../support/pod-views.js';
import { waitFor } from '../support/poll.js';
import { startSim, type SimProcess } from '../support/sim-process.js';

const GATE = 'example.com/load-balancer-ready';

/** A Deployment whose containers name their port `http` (8080), and a Service targeting that name. */
const app = (namespace: string, replicas: number, podSpec = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      terminationGracePeriodSeconds: 0
      containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
${podSpec}---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${namespace}}
spec:
  selector: {app: web}
  ports: [{name: web, port: 80, targetPort: http}]
`;

interface RawEndpoints {
  subsets?: {
    addresses?: { ip?: string; targetRef?: { kind?: string; name?: string } }[];
    notReadyAddresses?: { ip?: string }[];
    ports?: { name?: string; port?: number; protocol?: string }[];
  }[];
}

interface RawSlices {
  items?: {
    addressType?: string;
    metadata?: { labels?: Record<string, string>; ownerReferences?: { kind?: string; name?: string }[] };
    endpoints?: { addresses?: string[]; conditions?: { ready?: boolean }; targetRef?: { name?: string } }[] | null;
    ports?: { name?: string; port?: number; protocol?: string }[] | null;
  }[];
}

/** What the Endpoints object lists: ready and not-ready IPs (sorted) and `name:port/protocol` ports. */
async function endpointsOf(
  c: TestCluster,
  namespace: string,
): Promise<{ ready: string[]; notReady: string[]; ports: string[] }> {
  const ep = await getJson<RawEndpoints>(c, ['endpoints', 'web', '-n', namespace]);
  const subsets = ep.subsets ?? [];
  return {
    ready: subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip ?? '')).sort(),
    notReady: subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip ?? '')).sort(),
    ports: [...new Set(subsets.flatMap((s) => (s.ports ?? []).map((p) => `${p.name}:${p.port}/${p.protocol}`)))],
  };
}

/** What the Service's EndpointSlices list: ready and not-ready IPs (sorted) and `name:port/protocol` ports. */
async function slicesOf(
  c: TestCluster,
  namespace: string,
): Promise<{ ready: string[]; notReady: string[]; ports: string[]; count: number }> {
  const slices = await getJson<RawSlices>(c, [
    'endpointslices',
    '-n',
    namespace,
    '-l',
    'kubernetes.io/service-name=web',
  ]);
  const items = slices.items ?? [];
  const endpoints = items.flatMap((s) => s.endpoints ?? []);
  const ips = (ready: boolean): string[] =>
    endpoints
      .filter((e) => (e.conditions?.ready ?? false) === ready)
      .flatMap((e) => e.addresses ?? [])
      .sort();
  return {
    ready: ips(true),
    notReady: ips(false),
    ports: [...new Set(items.flatMap((s) => (s.ports ?? []).map((p) => `${p.name}:${p.port}/${p.protocol}`)))],
    count: items.length,
  };
}

const podIPs = async (c: TestCluster, namespace: string): Promise<string[]> =>
  runningReady(await listPods(c, namespace, 'app=web'))
    .map((p) => p.podIP)
    .sort();

describe('Services with kubectl', () => {
  let c: TestCluster;
  let sim: SimProcess;
  before(async () => {
    c = await startTestCluster();
    sim = await startSim(c.kubeconfig, 3, ['--name-prefix', 's-']);
  });
  after(async () => {
    await sim?.stop();
    await c?.stop();
  });

  test('the Endpoints and EndpointSlices list the running pods, on the port the targetPort names', async () => {
    await c.ok(['create', 'namespace', 'svc']);
    await c.ok(['apply', '-f', '-'], { input: app('svc', 3) });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'svc', '--timeout=30s']);
    const ips = await waitFor(
      '3 pod IPs',
      () => podIPs(c, 'svc'),
      (list) => list.length === 3,
    );
    const endpoints = await waitFor(
      'the Endpoints to list the 3 pods',
      () => endpointsOf(c, 'svc'),
      (ep) => ep.ready.join() === ips.join(),
    );
    assert.deepEqual(endpoints, { ready: ips, notReady: [], ports: ['web:8080/TCP'] });
    const slices = await waitFor(
      'the EndpointSlices to list the 3 pods',
      () => slicesOf(c, 'svc'),
      (s) => s.ready.join() === ips.join(),
    );
    assert.deepEqual(slices, { ready: ips, notReady: [], ports: ['web:8080/TCP'], count: 1 });
    const raw = await getJson<RawSlices>(c, ['endpointslices', '-n', 'svc', '-l', 'kubernetes.io/service-name=web']);
    const slice = raw.items?.[0];
    assert.equal(slice?.addressType, 'IPv4');
    assert.equal(
      slice?.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'],
      'endpointslice-controller.k8s.io',
    );
    assert.deepEqual(
      slice?.metadata?.ownerReferences?.map((o) => [o.kind, o.name]),
      [['Service', 'web']],
    );
    const listed = await c.ok(['get', 'endpoints', 'web', '-n', 'svc']);
    assert.match(listed, /^web\s+\S+:8080,\S+:8080,\S+:8080\s+/m);
    const described = await c.ok(['describe', 'service', 'web', '-n', 'svc']);
    assert.match(described, /TargetPort:\s+http\/TCP/);
    assert.match(described, /Endpoints:\s+\S+:8080,\S+:8080,\S+:8080/);
  });

  test('scaling the deployment follows: 1 more pod is added, and at 0 no address is left', async () => {
    await c.ok(['create', 'namespace', 'svc-scale']);
    await c.ok(['apply', '-f', '-'], { input: app('svc-scale', 2) });
    await c.ok(['rollout', 'status', 'deployment/web', '-n', 'svc-scale', '--timeout=30s']);
    await waitFor(
      '2 addresses',
      () => endpointsOf(c, 'svc-scale'),
      (ep) => ep.ready.length === 2,
    );
    await c.ok(['scale', 'deployment/web', '-n', 'svc-scale', '--replicas=3']);
    const ips = await waitFor(
      '3 pod IPs',
      () => podIPs(c, 'svc-scale'),
      (list) => list.length === 3,
    );
    await waitFor(
      '3 addresses',
      () => endpointsOf(c, 'svc-scale'),
      (ep) => ep.ready.join() === ips.join(),
    );
    await waitFor(
      '3 slice endpoints',
      () => slicesOf(c, 'svc-scale'),
      (s) => s.ready.join() === ips.join(),
    );

    await c.ok(['scale', 'deployment/web', '-n', 'svc-scale', '--replicas=0']);
    const empty = await waitFor(
      'no addresses in the Endpoints',
      () => endpointsOf(c, 'svc-scale'),
      (ep) => ep.ready.length === 0 && ep.notReady.length === 0,
    );
    assert.deepEqual(empty, { ready: [], notReady: [], ports: [] });
    const slices = await waitFor(
      'no endpoints in the slices',
      () => slicesOf(c, 'svc-scale'),
      (s) => s.ready.length === 0 && s.notReady.length === 0,
    );
    assert.deepEqual([slices.ready, slices.notReady], [[], []]);
    assert.match(await c.ok(['get', 'endpoints', 'web', '-n', 'svc-scale']), /^web\s+<none>\s+/m);
  });

  test('a pod held back by a readiness gate is listed as not ready until the gate opens', async () => {
    await c.ok(['create', 'namespace', 'svc-gate']);
    await c.ok(['apply', '-f', '-'], {
      input: app('svc-gate', 1, `      readinessGates: [{conditionType: ${GATE}}]\n`),
    });
    const pod = await waitFor(
      'a running pod with an IP',
      async () => (await listPods(c, 'svc-gate', 'app=web')).filter((p) => p.phase === 'Running' && p.podIP !== ''),
      (pods) => pods.length === 1,
    );
    const { name, podIP, ready } = pod[0] ?? { name: '', podIP: '', ready: true };
    assert.equal(ready, false, 'the readiness gate keeps the pod unready');
    const unready = await waitFor(
      'the pod among the not-ready addresses',
      () => endpointsOf(c, 'svc-gate'),
      (ep) => ep.notReady.join() === podIP,
    );
    assert.deepEqual(unready, { ready: [], notReady: [podIP], ports: ['web:8080/TCP'] });
    await waitFor(
      'the not-ready slice endpoint',
      () => slicesOf(c, 'svc-gate'),
      (s) => s.notReady.join() === podIP,
    );

    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const patch = JSON.stringify({
      status: { conditions: [{ type: GATE, status: 'True', lastTransitionTime: now }] },
    });
    await c.ok(['patch', 'pod', name, '-n', 'svc-gate', '--subresource=status', '--type=strategic', '-p', patch]);
    await waitFor(
      'the pod to turn Ready',
      async () => runningReady(await listPods(c, 'svc-gate', 'app=web')),
      (pods) => pods.length === 1,
    );
    const readyNow = await waitFor(
      'the pod among the ready addresses',
      () => endpointsOf(c, 'svc-gate'),
      (ep) => ep.ready.join() === podIP,
    );
    assert.deepEqual(readyNow, { ready: [podIP], notReady: [], ports: ['web:8080/TCP'] });
    const slices = await waitFor(
      'the ready slice endpoint',
      () => slicesOf(c, 'svc-gate'),
      (s) => s.ready.join() === podIP,
    );
    assert.deepEqual([slices.ready, slices.notReady], [[podIP], []]);
  });
});
