/**
 * The scheduler bench's pod creator: a worker thread that creates a workload's pods through its own client, so
 * that the scheduler's thread only schedules. Upstream's scheduler_perf likewise creates pods from other
 * goroutines of its process, which Go runs on other cores.
 */
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Pod } from '../../src/api/core/v1/pod.js';
import { RestClient } from '../../src/client/rest/rest-client.js';
import { WORKLOADS } from './workloads.js';

/** Objects created at a time, at most. */
const CONCURRENCY = 64;

export const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

/** Runs `create(0…n-1)`, CONCURRENCY in flight at most. */
export async function createAll(n: number, create: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const creator = async (): Promise<void> => {
    while (next < n) await create(next++);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, creator));
}

interface Job {
  readonly kubeconfig: string;
  readonly workload: string;
  readonly which: 'initPod' | 'measuredPod';
  readonly count: number;
}

/**
 * Starts a worker thread that will create pods 0…count-1 of `workload` (its initial or measured ones); resolves
 * once the worker has loaded and connected to the API server, with `create()`, which sets it going and resolves
 * when every pod is created (a thread's start-up is not part of what a benchmark measures).
 */
export async function startPodCreator(job: Job): Promise<{ create(): Promise<void> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: job });
  let failure: Error | undefined;
  let onReady: (() => void) | undefined;
  worker.on('message', (message: { ready?: boolean; error?: string }) => {
    if (message.error !== undefined) failure ??= new Error(`pod creator: ${message.error}`);
    if (message.ready === true) onReady?.();
  });
  worker.on('error', (err) => (failure ??= err));
  const exited = new Promise<void>((resolve, reject) =>
    worker.on('exit', (code) => {
      if (failure !== undefined) reject(failure);
      else if (code !== 0) reject(new Error(`pod creator exited with ${code}`));
      else resolve();
    }),
  );
  await Promise.race([new Promise<void>((resolve) => (onReady = resolve)), exited]);
  return {
    create: () => {
      worker.postMessage('go');
      return exited;
    },
  };
}

async function run(job: Job, port: MessagePort): Promise<void> {
  const workload = WORKLOADS.find((w) => w.name === job.workload);
  if (workload === undefined) throw new Error(`unknown workload ${job.workload}`);
  const client = RestClient.fromKubeconfig(job.kubeconfig, { qps: 1e6, burst: 1e6 });
  try {
    const pods = client.resource<Pod>(PODS);
    await pods.list('', { limit: 1 }); // connected
    await new Promise<void>((resolve) => {
      port.once('message', () => resolve());
      port.postMessage({ ready: true });
    });
    await createAll(job.count, (i) => {
      const pod = workload[job.which](i);
      // The answers are not read, so not decoded: the bench measures the scheduler, not this thread.
      return pods.create(pod.metadata?.namespace ?? '', pod, { discardResult: true });
    });
  } finally {
    client.close();
  }
}

if (!isMainThread && parentPort !== null) {
  const port = parentPort;
  run(workerData as Job, port).catch((err: unknown) => {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) });
  });
}
