/**
 * `npm run bench -- scheduler [WORKLOAD…]`: a scheduler_perf-style harness. For each workload, a fresh
 * `skiff server` (SQLite, no scheduler of its own) runs as a child process; this process creates the nodes, runs
 * the Skiff scheduler on its main thread and, from a worker thread (pod-creator.ts), creates the initial pods
 * and then the measured ones as fast as the API server takes them; it samples, every second, how many pods the
 * scheduler has bound. A workload with churn also creates, in the background, one pod of its own every few
 * hundred milliseconds (upstream's churn op); those are not counted as measured. Reported per workload: the
 * average pods/s over the measured pods and the 50th/90th/99th percentiles of the one-second samples; plus,
 * in the same run, raw SQLite single-row insert transactions per second (every binding is at least one write),
 * and the CPU time the server, this process and its scheduler thread spent per measured pod (steadier than pods/s
 * on a busy machine).
 * The scheduler records its events through the API as it would in a cluster (Scheduled: one more write per
 * pod). `SKIFF_BENCH_SCALE=0.2` scales every count down for a quick look.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../../src/api/core/v1/pod.js';
import { listWatchFromClient } from '../../src/client/informers/list-watch.js';
import { SharedInformer } from '../../src/client/informers/shared-informer.js';
import { RestClient } from '../../src/client/rest/rest-client.js';
import { defaultConfiguration } from '../../src/scheduler/config/types.js';
import { inTreeRegistry } from '../../src/scheduler/registry.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { startSkiffServer } from '../../test/support/skiff-process.js';
import { cpuMsOf, mainThreadCpuMsOf, nowMs, percentile, type Figure } from '../report.js';
import { createAll, PODS, startPodCreator } from './pod-creator.js';
import { rawSqliteInserts } from '../store.js';
import {
  CHURN_NAMESPACE,
  type Churn,
  HIGH_PRIORITY,
  LOW_PRIORITY,
  NAMESPACE,
  type Workload,
  WORKLOADS,
} from './workloads.js';

const SCALE = Number(process.env['SKIFF_BENCH_SCALE'] ?? 1);
const TIMEOUT_MS = Number(process.env['SKIFF_BENCH_TIMEOUT_MS'] ?? 180_000);

const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;

export async function schedulerBench(args: string[]): Promise<Figure[]> {
  const chosen = args.length > 0 ? WORKLOADS.filter((w) => args.includes(w.name)) : WORKLOADS;
  if (chosen.length === 0) throw new Error(`unknown workload; choose from ${WORKLOADS.map((w) => w.name).join(', ')}`);
  const figures: Figure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-sched-'));
  const fig = (c: string, metric: string, value: number): void => {
    figures.push({ bench: 'scheduler', case: c, metric, value: Math.round(value * 100) / 100 });
  };
  try {
    fig('sqlite-raw/insert', 'ops_per_s', rawSqliteInserts(join(dir, 'raw.db'), 10_000));
    for (const workload of chosen) {
      process.stderr.write(`scheduler bench: ${workload.name}\n`);
      const result = await runWorkload(scaled(workload), join(dir, workload.name));
      fig(workload.name, 'pods', result.pods);
      fig(workload.name, 'average_pods_per_s', result.average);
      fig(workload.name, 'p50_pods_per_s', percentile(result.samples, 50));
      fig(workload.name, 'p90_pods_per_s', percentile(result.samples, 90));
      fig(workload.name, 'p99_pods_per_s', percentile(result.samples, 99));
      if (result.serverCpuUsPerPod !== undefined) fig(workload.name, 'server_cpu_us_per_pod', result.serverCpuUsPerPod);
      fig(workload.name, 'scheduler_process_cpu_us_per_pod', result.benchCpuUsPerPod);
      if (result.schedulerThreadCpuUsPerPod !== undefined) {
        fig(workload.name, 'scheduler_thread_cpu_us_per_pod', result.schedulerThreadCpuUsPerPod);
      }
      if (result.churn !== undefined) {
        fig(workload.name, 'churn_pods_created', result.churn.created);
        fig(workload.name, 'churn_pods_scheduled', result.churn.scheduled);
      }
      fig(workload.name, 'preemption_attempts', result.preemptionAttempts);
      if (workload.upstreamGate !== undefined) fig(workload.name, 'upstream_gate_pods_per_s', workload.upstreamGate);
      if (workload.target !== undefined) fig(workload.name, 'target_pods_per_s', workload.target);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

function scaled(w: Workload): Workload {
  if (SCALE === 1) return w;
  const n = (v: number): number => Math.max(1, Math.round(v * SCALE));
  return { ...w, nodes: n(w.nodes), initPods: n(w.initPods), measuredPods: n(w.measuredPods) };
}

interface WorkloadResult {
  readonly pods: number;
  readonly average: number;
  readonly samples: number[];
  /** CPU time (user + system) the API server spent per measured pod: steadier than pods/s on a busy box. */
  readonly serverCpuUsPerPod: number | undefined;
  /** The same for this process (the scheduler, and the pod creator's worker thread). */
  readonly benchCpuUsPerPod: number;
  /** The same for the scheduler's thread alone. */
  readonly schedulerThreadCpuUsPerPod: number | undefined;
  /** Churn pods created while measuring, and how many of them were scheduled by the end. */
  readonly churn: { readonly created: number; readonly scheduled: number } | undefined;
  /** Preemption attempts while measuring. */
  readonly preemptionAttempts: number;
}

async function runWorkload(w: Workload, dataDir: string): Promise<WorkloadResult> {
  const server = await startSkiffServer([
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--disable-scheduler',
    '--disable-controller-manager',
  ]);
  const stop = new AbortController();
  try {
    const kubeconfig = join(dataDir, 'kubeconfig');
    const client = RestClient.fromKubeconfig(kubeconfig, { qps: 1e6, burst: 1e6 });
    await setUp(client);
    await createAll(w.nodes, (i) => client.resource(NODES).create('', w.node(i)));
    const scheduler = new Scheduler({
      client,
      registry: inTreeRegistry(),
      configuration: {
        ...defaultConfiguration(),
        leaderElection: { ...defaultConfiguration().leaderElection, leaderElect: false },
      },
    });
    const running = scheduler.run(stop.signal);
    await until(() => scheduler.cache.nodeCount() === w.nodes, 'nodes in the scheduler cache');
    await (await startPodCreator({ kubeconfig, workload: w.name, which: 'initPod', count: w.initPods })).create();
    await until(() => scheduler.metrics.attemptCount('scheduled') >= w.initPods, 'initial pods scheduled');
    const churn = w.churn === undefined ? undefined : await startChurn(client, w.churn, stop.signal);
    const creator = await startPodCreator({
      kubeconfig,
      workload: w.name,
      which: 'measuredPod',
      count: w.measuredPods,
    });
    // Measured pods scheduled: every scheduled pod but the initial ones and the churn's.
    const base = scheduler.metrics.attemptCount('scheduled');
    const scheduled = (): number => scheduler.metrics.attemptCount('scheduled') - base - (churn?.scheduled() ?? 0);
    const preemptionsBefore = scheduler.metrics.preemptionAttemptCount();
    const samples: number[] = [];
    let last = 0;
    const sampler = setInterval(() => {
      const now = scheduled();
      samples.push(now - last);
      last = now;
    }, 1000);
    const start = nowMs();
    const serverCpu = cpuMsOf(server.process.pid);
    const benchCpu = process.cpuUsage();
    const schedulerThreadCpu = mainThreadCpuMsOf(process.pid);
    churn?.start();
    const creating = creator.create();
    await until(
      () => scheduled() >= w.measuredPods,
      () =>
        `measured pods scheduled (${scheduled()}/${w.measuredPods}; queue ${JSON.stringify(scheduler.queue.counts())}; ` +
        `unschedulable ${scheduler.metrics.attemptCount('unschedulable')}, errors ${scheduler.metrics.attemptCount('error')})`,
    );
    const elapsed = nowMs() - start;
    const serverCpuAfter = cpuMsOf(server.process.pid);
    const { user, system } = process.cpuUsage(benchCpu);
    const schedulerThreadCpuAfter = mainThreadCpuMsOf(process.pid);
    clearInterval(sampler);
    const churned = churn?.finish();
    await creating;
    stop.abort();
    await running;
    const count = scheduled();
    return {
      pods: count,
      average: (count * 1000) / elapsed,
      samples,
      serverCpuUsPerPod:
        serverCpu === undefined || serverCpuAfter === undefined
          ? undefined
          : ((serverCpuAfter - serverCpu) * 1000) / count,
      benchCpuUsPerPod: (user + system) / count,
      schedulerThreadCpuUsPerPod:
        schedulerThreadCpu === undefined || schedulerThreadCpuAfter === undefined
          ? undefined
          : ((schedulerThreadCpuAfter - schedulerThreadCpu) * 1000) / count,
      churn: churned,
      preemptionAttempts: scheduler.metrics.preemptionAttemptCount() - preemptionsBefore,
    };
  } finally {
    stop.abort();
    await server.stop();
  }
}

async function setUp(client: RestClient): Promise<void> {
  const namespaces = client.resource({ group: '', version: 'v1', resource: 'namespaces', namespaced: false });
  for (const name of [NAMESPACE, CHURN_NAMESPACE]) {
    await namespaces.create('', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  const classes = client.resource({
    group: 'scheduling.k8s.io',
    version: 'v1',
    resource: 'priorityclasses',
    namespaced: false,
  });
  for (const [name, value] of [
    [LOW_PRIORITY, 0],
    [HIGH_PRIORITY, 1000],
  ] as const) {
    await classes.create('', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      value,
    } as never);
  }
}

interface RunningChurn {
  /** Starts creating pods. */
  start(): void;
  /** How many churn pods are bound to a node now. */
  scheduled(): number;
  /** Stops creating pods; throws if a create failed. */
  finish(): { created: number; scheduled: number };
}

/**
 * Prepares the churn: a watch on its namespace's bound pods (to tell them from the measured ones), synced
 * before it returns; `start()` then creates one pod every `churn.everyMs`.
 */
async function startChurn(client: RestClient, churn: Churn, signal: AbortSignal): Promise<RunningChurn> {
  const bound = new SharedInformer<Pod>(
    listWatchFromClient(client.resource<Pod>(PODS), CHURN_NAMESPACE, { fieldSelector: 'spec.nodeName!=' }),
  );
  void bound.run(signal);
  await bound.waitForSync(signal);
  const pods = client.resource<Pod>(PODS);
  let created = 0;
  let failure: unknown;
  let timer: NodeJS.Timeout | undefined;
  const scheduled = (): number => bound.indexer.list().length;
  return {
    start: () => {
      timer = setInterval(() => {
        pods.create(CHURN_NAMESPACE, churn.pod(created++)).catch((err: unknown) => (failure ??= err));
      }, churn.everyMs);
    },
    scheduled,
    finish: () => {
      clearInterval(timer);
      if (failure !== undefined) throw failure;
      return { created, scheduled: scheduled() };
    },
  };
}

async function until(check: () => boolean, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`scheduler bench: timed out waiting for ${typeof what === 'string' ? what : what()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
