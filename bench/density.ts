/**
 * `npm run bench -- density`: the whole control plane at scale (after KWOK's and upstream's density tests).
 * A `skiff server` (API server + scheduler + controllers, SQLite) and a `skiff sim` with 1,000 simulated nodes
 * run as child processes; this process creates Deployments totalling 10,000 replicas and watches until every
 * pod is Running. Reported: seconds until all are Running (from the first Deployment create), pods/s, and the
 * resident memory of the control plane and of the simulator at the end, and the API requests per pod by verb and
 * resource (from the API server's `apiserver_request_total`, between the first create and the last pod Running).
 * `SKIFF_BENCH_SCALE` scales the counts.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../src/api/core/v1/pod.js';
import { DeletedFinalStateUnknown } from '../src/client/index.js';
import { SharedInformerFactory } from '../src/client/informers/shared-informer-factory.js';
import { RestClient } from '../src/client/rest/rest-client.js';
import { startSim } from '../test/support/sim-process.js';
import { startSkiffServer } from '../test/support/skiff-process.js';
import {
  cpuMsOf,
  machineCpuTicks,
  mainThreadCpuMsOf,
  nowMs,
  stealPercent,
  threadCpuMsOf,
  type Figure,
} from './report.js';

const SCALE = Number(process.env['SKIFF_BENCH_SCALE'] ?? 1);
const NODES = Math.max(1, Math.round(1000 * SCALE));
const DEPLOYMENTS = 10;
const REPLICAS = Math.max(1, Math.round(1000 * SCALE));
const TIMEOUT_MS = Number(process.env['SKIFF_BENCH_TIMEOUT_MS'] ?? 300_000);

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const DEPLOYMENTS_RESOURCE = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true } as const;

export async function densityBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const fig = (metric: string, value: number): void => {
    figures.push({
      bench: 'density',
      case: `${NODES}-nodes/${DEPLOYMENTS * REPLICAS}-pods`,
      metric,
      value: Math.round(value * 100) / 100,
    });
  };
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-density-'));
  const server = await startSkiffServer(['--data-dir', dir, '--port', '0']);
  const stop = new AbortController();
  try {
    const kubeconfig = join(dir, 'kubeconfig');
    process.stderr.write(`density bench: registering ${NODES} simulated nodes\n`);
    const sim = await startSim(kubeconfig, NODES, [], 300_000);
    try {
      const client = RestClient.fromKubeconfig(kubeconfig, { qps: 1e6, burst: 1e6 });
      const total = DEPLOYMENTS * REPLICAS;
      const running = new Set<string>();
      // Only Running pods are watched (a field selector): watching every pod would cost this process, which
      // shares the machine's cores with the cluster, a decode of every pod event. Progress lines count
      // creations and bindings from the API server's request counters instead.
      const informers = new SharedInformerFactory(client, { fieldSelector: 'status.phase=Running' });
      const track = (pod: Pod): void => {
        const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
        if (pod.metadata?.deletionTimestamp) running.delete(key);
        else running.add(key);
      };
      const untrack = (pod: Pod): void => {
        running.delete(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
      };
      informers.forResource<Pod>(PODS).addEventHandler({
        onAdd: track,
        onUpdate: (_o, p) => track(p),
        onDelete: (p) => {
          if (!(p instanceof DeletedFinalStateUnknown)) untrack(p);
        },
      });
      informers.start(stop.signal);
      await informers.waitForCacheSync(stop.signal);
      process.stderr.write(`density bench: creating ${DEPLOYMENTS} Deployments of ${REPLICAS} replicas\n`);
      const before = requestCounts(await metricsText(client));
      const start = nowMs();
      const cpuBefore = {
        server: cpuMsOf(server.process.pid),
        serverMain: mainThreadCpuMsOf(server.process.pid),
        serverThreads: threadCpuMsOf(server.process.pid),
        sim: cpuMsOf(sim.process.pid),
        bench: ownCpuMs(),
        machine: machineCpuTicks(),
      };
      const deployments = client.resource(DEPLOYMENTS_RESOURCE);
      await Promise.all(
        Array.from({ length: DEPLOYMENTS }, (_, i) =>
          deployments.create('default', deployment(`density-${i}`, REPLICAS)),
        ),
      );
      const deadline = Date.now() + TIMEOUT_MS;
      let lastReport = 0;
      while (running.size < total) {
        if (Date.now() > deadline)
          throw new Error(`density bench: only ${running.size}/${total} pods Running after ${TIMEOUT_MS} ms`);
        if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          const counts = requestCounts(await metricsText(client));
          const delta = (key: string): number => (counts.get(key) ?? 0) - (before.get(key) ?? 0);
          process.stderr.write(
            `density bench: after ${((nowMs() - start) / 1000).toFixed(1)} s: ${delta('CREATE pods')} created, ` +
              `${delta('CREATE pods/binding')} bound, ${delta('UPDATE pods/status')} status written, ${running.size}/${total} Running\n`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (nowMs() - start) / 1000;
      fig('seconds_to_all_running', seconds);
      fig('pods_per_s', total / seconds);
      // On a shared virtual machine the hypervisor may take a share of the cores: the time to Running grows
      // with it, so it is reported beside the time.
      fig('machine_cpu_stolen_percent', stealPercent(cpuBefore.machine, machineCpuTicks()));
      // CPU per pod of each process while the pods came up: the machine's cores are the budget all share.
      const cpuPerPod = (after: number | undefined, before: number | undefined): number =>
        after === undefined || before === undefined ? Number.NaN : ((after - before) * 1000) / total;
      fig('server_cpu_us_per_pod', cpuPerPod(cpuMsOf(server.process.pid), cpuBefore.server));
      fig('server_main_thread_cpu_us_per_pod', cpuPerPod(mainThreadCpuMsOf(server.process.pid), cpuBefore.serverMain));
      // Which threads of the server used the rest (the component workers are the last ones started).
      const threads = [...threadCpuMsOf(server.process.pid)]
        .map(([tid, ms]) => ({ tid, us: ((ms - (cpuBefore.serverThreads.get(tid) ?? 0)) * 1000) / total }))
        .filter((t) => t.us >= 50);
      process.stderr.write(
        `density bench: server CPU per pod by thread id: ${threads.map((t) => `${t.tid}: ${Math.round(t.us)} µs`).join(', ')}\n`,
      );
      fig('simulator_cpu_us_per_pod', cpuPerPod(cpuMsOf(sim.process.pid), cpuBefore.sim));
      fig('bench_cpu_us_per_pod', cpuPerPod(ownCpuMs(), cpuBefore.bench));
      const afterText = await metricsText(client);
      const after = requestCounts(afterText);
      let writes = 0;
      for (const [key, count] of [...after].sort(([a], [b]) => a.localeCompare(b))) {
        const delta = count - (before.get(key) ?? 0);
        if (delta <= 0) continue;
        fig(`requests_per_pod ${key}`, delta / total);
        if (!/^(GET|LIST|WATCH) /.test(key)) writes += delta;
      }
      fig('writes_per_pod', writes / total);
      fig('control_plane_rss_mib', rssMiB(server.process.pid));
      // How much of it the JavaScript heap holds (live objects and garbage not yet collected).
      fig('control_plane_heap_used_mib', gaugeOf(afterText, 'nodejs_heap_size_used_bytes') / 2 ** 20);
      fig('simulator_rss_mib', rssMiB(sim.process.pid));
      fig('target_seconds', 30);
      fig('target_control_plane_rss_mib', 1024);
    } finally {
      stop.abort();
      await sim.stop();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

function deployment(name: string, replicas: number): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}

/**
 * The API server's request counters (`apiserver_request_total`) by `VERB resource[/subresource]` (`VERB
 * group/resource` outside the core group), successes summed, failures apart with their code
 * (`UPDATE pods/status (409)`).
 */
function requestCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(
    /^apiserver_request_total\{verb="([^"]*)",group="([^"]*)",resource="([^"]*)",subresource="([^"]*)",code="([^"]*)"\} (\d+)$/gm,
  )) {
    const [, verb, group, resource, subresource, code, value] = m;
    if (!resource) continue;
    const failed = code !== undefined && !code.startsWith('2') ? ` (${code})` : '';
    const key = `${verb} ${group ? `${group}/` : ''}${resource}${subresource ? `/${subresource}` : ''}${failed}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(value));
  }
  return counts;
}

/** The API server's /metrics text. */
async function metricsText(client: RestClient): Promise<string> {
  const stream = await client.stream({ method: 'GET', path: '/metrics' });
  let text = '';
  for await (const chunk of stream.body) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  return text;
}

/** A gauge without labels from Prometheus text; NaN when absent. */
function gaugeOf(text: string, name: string): number {
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
}

/** This process's CPU time so far (user + system, ms). */
function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Resident set size of a process, from /proc (Linux). */
function rssMiB(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}
