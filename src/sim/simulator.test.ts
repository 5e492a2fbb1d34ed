/** The simulator against a real `skiff server` (memory store), with short periods. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startTestCluster, type TestCluster } from '../../test/support/cluster.js';
import type { Lease } from '../api/coordination/v1/lease.js';
import type { Node } from '../api/core/v1/node.js';
import type { Pod } from '../api/core/v1/pod.js';
import { isNotFound, type ResourceClient, RestClient } from '../client/index.js';
import { EXIT_CODE_ANNOTATION, RUN_SECONDS_ANNOTATION } from './pod-lifecycle.js';
import { Simulator } from './simulator.js';

const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true } as const;
const SHORT = { heartbeatSeconds: 0.3, statusUpdateSeconds: 1, leaseDurationSeconds: 5 };

/** Polls `read` until `ok` holds for what it answers; fails with the last answer after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`condition not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await delay(50);
  }
}

interface PodShape {
  readonly name: string;
  readonly node: string;
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  readonly annotations?: Record<string, string>;
}

const podObject = (p: PodShape): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, annotations: p.annotations ?? {} },
    spec: {
      nodeName: p.node,
      restartPolicy: p.restartPolicy ?? 'Always',
      containers: [{ name: 'app', image: 'example/app:1' }],
    },
  }) as Pod;

const readyStatus = (node: Node): string | undefined =>
  node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
const renewTime = (lease: Lease): string => lease.spec?.renewTime ?? '';

describe('Simulator against skiff server', () => {
  let c: TestCluster;
  let client: RestClient;
  let nodes: ResourceClient<Node>;
  let pods: ResourceClient<Pod>;
  let leases: ResourceClient<Lease>;
  let sim: Simulator;

  before(async () => {
    c = await startTestCluster(['--store', 'memory']);
    client = RestClient.fromKubeconfig(c.kubeconfig, { component: 'sim-test', qps: Infinity });
    nodes = client.resource<Node>(NODES);
    pods = client.resource<Pod>(PODS);
    leases = client.resource<Lease>(LEASES);
    sim = new Simulator(client, { nodes: 3, labels: { zone: 'z1' }, ...SHORT });
    await sim.start();
  });
  after(async () => {
    await sim.stop();
    client.close();
    await c.stop();
  });

  test('every node is registered Ready, with its own pod range and the labels asked for', async () => {
    const list = await nodes.list('');
    const ours = list.items.filter((n) => n.metadata?.labels?.['node.skiff.dev/sim'] === 'true');
    assert.deepEqual(ours.map((n) => n.metadata?.name).sort(), ['sim-0', 'sim-1', 'sim-2']);
    for (const n of ours) {
      const i = Number(n.metadata?.name?.slice('sim-'.length));
      assert.equal(readyStatus(n), 'True');
      assert.equal(n.spec?.podCIDR, `10.244.${i}.0/24`);
      assert.equal(n.metadata?.labels?.zone, 'z1');
      assert.equal(n.metadata?.labels?.['kubernetes.io/hostname'], n.metadata?.name);
      assert.equal(n.status?.capacity?.pods, '110');
    }
  });

  test("every node's Lease is held by the node, owned by it, and renewed", async () => {
    const node = await nodes.get('', 'sim-1');
    const first = await leases.get('kube-node-lease', 'sim-1');
    assert.equal(first.spec?.holderIdentity, 'sim-1');
    assert.equal(first.spec?.leaseDurationSeconds, 5);
    assert.deepEqual(first.metadata && 'ownerReferences' in first.metadata ? first.metadata.ownerReferences : [], [
      { apiVersion: 'v1', kind: 'Node', name: 'sim-1', uid: node.metadata?.uid },
    ]);
    await eventually(
      () => leases.get('kube-node-lease', 'sim-1'),
      (l) => renewTime(l) > renewTime(first),
    );
  });

  test('node status is posted again each status period', async () => {
    const heartbeat = (n: Node): string =>
      n.status?.conditions?.find((x) => x.type === 'Ready')?.lastHeartbeatTime ?? '';
    const first = heartbeat(await nodes.get('', 'sim-2'));
    await eventually(
      () => nodes.get('', 'sim-2'),
      (n) => heartbeat(n) > first,
      5000,
    );
  });

  test("a pod bound to a node runs, with an address from the node's range", async () => {
    await pods.create('default', podObject({ name: 'web', node: 'sim-1', annotations: { note: 'kept' } }));
    const pod = await eventually(
      () => pods.get('default', 'web'),
      (p) => p.status?.phase === 'Running',
    );
    assert.match(pod.status?.podIP ?? '', /^10\.244\.1\.\d+$/);
    assert.equal(pod.status?.hostIP, '10.244.1.1');
    assert.equal(pod.status?.containerStatuses?.[0]?.ready, true);
    assert.equal(pod.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'True');
    assert.equal(pod.status?.qosClass, 'BestEffort');
    // The status write leaves out spec and managedFields: the server keeps its own, and the metadata.
    assert.equal(pod.metadata?.annotations?.['note'], 'kept');
    assert.equal(pod.spec?.containers?.[0]?.image, 'example/app:1');
    assert.ok((pod.metadata?.managedFields ?? []).length > 0);
  });

  const endings: { name: string; shape: PodShape; check: (p: Pod) => boolean }[] = [
    {
      name: 'containers that exit 0 under restart policy Never leave the pod Succeeded',
      shape: { name: 'job-ok', node: 'sim-0', restartPolicy: 'Never', annotations: { [RUN_SECONDS_ANNOTATION]: '1' } },
      check: (p) => p.status?.phase === 'Succeeded',
    },
    {
      name: 'containers that exit 2 under restart policy Never leave the pod Failed',
      shape: {
        name: 'job-bad',
        node: 'sim-0',
        restartPolicy: 'Never',
        annotations: { [RUN_SECONDS_ANNOTATION]: '1', [EXIT_CODE_ANNOTATION]: '2' },
      },
      check: (p) => p.status?.phase === 'Failed' && p.status.containerStatuses?.[0]?.state?.terminated?.exitCode === 2,
    },
    {
      name: 'containers that fail under restart policy Always restart, counting restarts',
      shape: {
        name: 'crashy',
        node: 'sim-2',
        annotations: { [RUN_SECONDS_ANNOTATION]: '1', [EXIT_CODE_ANNOTATION]: '1' },
      },
      check: (p) =>
        p.status?.phase === 'Running' &&
        (p.status.containerStatuses?.[0]?.restartCount ?? 0) >= 1 &&
        p.status.containerStatuses?.[0]?.lastState?.terminated?.exitCode === 1,
    },
  ];
  for (const e of endings) {
    test(e.name, async () => {
      await pods.create('default', podObject(e.shape));
      await eventually(() => pods.get('default', e.shape.name), e.check);
    });
  }

  test('deleting a running pod gracefully removes it', async () => {
    await pods.create('default', podObject({ name: 'doomed', node: 'sim-0' }));
    await eventually(
      () => pods.get('default', 'doomed'),
      (p) => p.status?.phase === 'Running',
    );
    await pods.delete('default', 'doomed'); // the default grace period: 30 s, which the kubelet cuts short
    await eventually(
      () =>
        pods.get('default', 'doomed').then(
          () => false,
          (err: unknown) => isNotFound(err),
        ),
      (gone) => gone,
    );
  });

  test('after stop, Leases are no longer renewed and the nodes stay', async () => {
    await sim.stop();
    const before = await leases.get('kube-node-lease', 'sim-0');
    await delay(1000);
    const after = await leases.get('kube-node-lease', 'sim-0');
    assert.equal(renewTime(after), renewTime(before));
    assert.equal((await nodes.list('')).items.filter((n) => n.metadata?.name?.startsWith('sim-')).length, 3);
  });

  test('a new simulator takes the nodes over: NotReady turns Ready, running pods keep their addresses', async () => {
    const stale = await nodes.get('', 'sim-1');
    const conditions = (stale.status?.conditions ?? []).map((x) =>
      x.type === 'Ready' ? { ...x, status: 'Unknown', reason: 'NodeStatusUnknown' } : x,
    );
    await nodes.updateStatus('', { ...stale, status: { ...stale.status, conditions } } as Node);
    const ipBefore = (await pods.get('default', 'web')).status?.podIP;
    const lease = await leases.get('kube-node-lease', 'sim-1');
    sim = new Simulator(client, { nodes: 3, ...SHORT });
    await sim.start();
    assert.equal(readyStatus(await nodes.get('', 'sim-1')), 'True');
    assert.ok(renewTime(await leases.get('kube-node-lease', 'sim-1')) > renewTime(lease));
    assert.equal((await pods.get('default', 'web')).status?.podIP, ipBefore);
    await pods.create('default', podObject({ name: 'web-2', node: 'sim-1' }));
    const second = await eventually(
      () => pods.get('default', 'web-2'),
      (p) => p.status?.phase === 'Running',
    );
    assert.notEqual(second.status?.podIP, ipBefore, 'the address of the running pod is taken');
  });
  test('the command registers its nodes, prints its ready line, and stops cleanly on SIGTERM', async () => {
    const entry = new URL('./sim-command.js', import.meta.url).href;
    const script = `const m = await import(${JSON.stringify(entry)}); process.exitCode = await m.runSimCommand(process.argv.slice(1));`;
    const args = ['--nodes', '2', '--kubeconfig', c.kubeconfig, '--name-prefix', 'cli-', '--heartbeat-seconds', '1'];
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, '--', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await eventually(
        async () => out,
        (text) => text.includes('skiff sim: 2 nodes ready'),
      );
      assert.equal(readyStatus(await nodes.get('', 'cli-1')), 'True');
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, out);
    assert.match(out, /skiff sim stopped/);
  });
});
