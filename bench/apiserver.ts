/**
 * `npm run bench -- apiserver [N]`: write throughput of a started `skiff server` (SQLite, no scheduler, no
 * controllers) through the project's RestClient over HTTPS, with 64 requests in flight: pod creates, pod
 * bindings (POST pods/NAME/binding), pod status updates (PUT pods/NAME/status) and configmap creates, N of
 * each (default 2000) after a 500-write warm-up of each. Per case: writes per second, and the CPU time
 * (user + system, all threads) the server and this client spent per write: on a busy machine the CPU time
 * is the steadier figure (writes per second follow the machine's load). Set SKIFF_BENCH_IN_FLIGHT to change
 * the concurrency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../src/client/kube-object.js';
import { RestClient } from '../src/client/rest/rest-client.js';
import { startSkiffServer } from '../test/support/skiff-process.js';
import { cpuMsOf, nowMs, type Figure } from './report.js';

const IN_FLIGHT = Number(process.env.SKIFF_BENCH_IN_FLIGHT ?? 64);
const NAMESPACE = 'default';

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true } as const;

/** A pod as a workload controller would make it: one container with requests. */
function podOf(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'bench', tier: 'web' } },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'bench:1.0',
          ports: [{ containerPort: 8080 }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        },
      ],
    },
  } as KubeObject;
}

/** The status a kubelet reports for a started pod. */
function runningStatus(now: string): Record<string, unknown> {
  const condition = (type: string) => ({ type, status: 'True', lastTransitionTime: now });
  return {
    phase: 'Running',
    hostIP: '10.0.0.1',
    podIP: '10.244.0.10',
    podIPs: [{ ip: '10.244.0.10' }],
    startTime: now,
    conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    containerStatuses: [
      {
        name: 'app',
        ready: true,
        started: true,
        restartCount: 0,
        image: 'bench:1.0',
        imageID: 'sha256:0000',
        containerID: 'sim://0000',
        state: { running: { startedAt: now } },
      },
    ],
  };
}

export async function apiserverBench(args: string[]): Promise<Figure[]> {
  const count = args[0] === undefined ? 2000 : Number(args[0]);
  if (!Number.isInteger(count) || count <= 0) throw new Error(`apiserver bench: ${args[0]}: expected a count`);
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-apiserver-'));
  try {
    const server = await startSkiffServer([
      '--data-dir',
      dir,
      '--port',
      '0',
      '--disable-scheduler',
      '--disable-controller-manager',
    ]);
    try {
      return await measureWrites(join(dir, 'kubeconfig'), count, server.process.pid);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many writes of each case run first, unmeasured, so that the measured ones meet optimised code. */
const WARM_UP = 500;

/**
 * Measures the four write cases, `count` writes each (after a warm-up round), against the server of the
 * kubeconfig at `path` (its `default` namespace must hold no `bench-*` or `warm-*` pods or configmaps). With
 * the server's process id, also the CPU time it spent per write (a steadier figure than writes per second on
 * a busy machine), next to this process's.
 */
export async function measureWrites(kubeconfig: string, count: number, serverPid?: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const client = RestClient.fromKubeconfig(kubeconfig, { qps: 1e6, burst: 1e6 });
  try {
    // Open the connections first, so that every case measures requests and not handshakes.
    await inParallel(IN_FLIGHT * 2, () => client.resource(PODS).list(NAMESPACE, { limit: 1 }));
    await runCases(client, 'warm', Math.min(WARM_UP, count), serverPid, () => undefined);
    await runCases(client, 'bench', count, serverPid, (c, metric, value) =>
      figures.push({ bench: 'apiserver', case: c, metric, value: Math.round(value * 100) / 100 }),
    );
  } finally {
    client.close();
  }
  return figures;
}

/** Runs the four cases, `n` writes each, on objects named `PREFIX-NNNNNN`, and reports each case's figures. */
async function runCases(
  client: RestClient,
  prefix: string,
  n: number,
  serverPid: number | undefined,
  fig: (c: string, metric: string, value: number) => void,
): Promise<void> {
  const pods = client.resource(PODS);
  const configmaps = client.resource(CONFIGMAPS);
  const names = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(6, '0')}`);
  const created: KubeObject[] = [];
  const measure = async (c: string, fn: (i: number) => Promise<unknown>): Promise<void> => {
    process.stderr.write(`apiserver bench: ${prefix} ${c}\n`);
    const t = nowMs();
    const serverCpu = cpuMsOf(serverPid);
    const clientCpu = process.cpuUsage();
    await inParallel(n, fn);
    fig(c, 'ops_per_s', (n * 1000) / (nowMs() - t));
    const { user, system } = process.cpuUsage(clientCpu);
    fig(c, 'client_cpu_us_per_op', (user + system) / n);
    const serverCpuAfter = cpuMsOf(serverPid);
    if (serverCpu !== undefined && serverCpuAfter !== undefined)
      fig(c, 'server_cpu_us_per_op', ((serverCpuAfter - serverCpu) * 1000) / n);
  };
  await measure('pods/create', async (i) => (created[i] = await pods.create(NAMESPACE, podOf(names[i]!))));
  await measure('pods/binding', (i) =>
    pods.createSubresource(NAMESPACE, names[i]!, 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: names[i]! },
      target: { kind: 'Node', name: `node-${i % 100}` },
    }),
  );
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await measure('pods/status', (i) => {
    const { resourceVersion: _rv, ...metadata } = created[i]!.metadata ?? {};
    return pods.updateStatus(NAMESPACE, { ...created[i]!, metadata, status: runningStatus(now) } as KubeObject);
  });
  await measure('configmaps/create', (i) =>
    configmaps.create(NAMESPACE, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: names[i]! },
      data: { 'app.properties': `index=${i}\nmode=bench\n` },
    } as KubeObject),
  );
}

/** Runs fn(0) … fn(count - 1) with IN_FLIGHT calls at a time. */
async function inParallel(count: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await fn(next++);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
}
