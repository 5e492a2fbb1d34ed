/**
 * `skiff sim`: simulated nodes against the cluster of a kubeconfig. Prints `skiff sim: N nodes ready` once
 * they are registered and runs until SIGTERM/SIGINT; the nodes stay, and go NotReady when their Leases run out.
 */
import { parseArgs } from 'node:util';
import type { Taint } from '../api/core/v1/node.js';
import { KubeconfigError, RestClient } from '../client/index.js';
import { DEFAULT_CAPACITY, type SimOptions } from './sim-options.js';
import { Simulator } from './simulator.js';

const help = `usage: skiff sim --nodes N --kubeconfig FILE [flags]

  --nodes N                    how many nodes to simulate
  --kubeconfig FILE            the cluster to join
  --name-prefix P              node names are P0, P1, … (default sim-)
  --cpu C --memory M --pods P  each node's capacity (default 32, 256Gi, 110)
  --labels k=v,…               labels for every node
  --taints k=v:Effect,…        taints for every node (k:Effect without a value)
  --pod-cidr CIDR              node i gets the i-th /24 from here (default 10.244.0.0/16)
  --heartbeat-seconds S        how often Leases are renewed (default 10)
  --lease-duration-seconds S   the Leases' duration (default 40)
  --status-update-seconds S    how often node status is posted (default 300)

Pods bound to the nodes run; the annotations sim.skiff.dev/run-seconds and sim.skiff.dev/exit-code make their
containers exit after that many seconds with that code.
`;

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** What the command line asks for, or why it cannot be read. */
export type SimArgs =
  | { readonly kind: 'run'; readonly kubeconfig: string; readonly options: SimOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** `k=v,k2=v2` as a map. @throws Error naming the bad item. */
export function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const item of text.split(',').filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`--labels: "${item}" is not key=value`);
    labels[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return labels;
}

/** `k=v:Effect,k:Effect` (kubectl taint's syntax) as taints. @throws Error naming the bad item. */
export function parseTaints(text: string): Taint[] {
  return text
    .split(',')
    .filter((s) => s !== '')
    .map((item) => {
      const colon = item.lastIndexOf(':');
      const effect = colon < 0 ? '' : item.slice(colon + 1);
      if (colon <= 0 || !EFFECTS.includes(effect)) {
        throw new Error(`--taints: "${item}" is not key[=value]:Effect with Effect one of ${EFFECTS.join(', ')}`);
      }
      const [key = '', ...value] = item.slice(0, colon).split('=');
      if (key === '') throw new Error(`--taints: "${item}" has no key`);
      return value.length === 0 ? { key, effect } : { key, value: value.join('='), effect };
    }) as Taint[];
}

function seconds(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} ${text}: expected a positive number of seconds`);
  return value;
}

/** Reads the command line (without the `sim` word). */
export function parseSimArgs(argv: string[]): SimArgs {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        nodes: { type: 'string' },
        kubeconfig: { type: 'string' },
        'name-prefix': { type: 'string' },
        cpu: { type: 'string' },
        memory: { type: 'string' },
        pods: { type: 'string' },
        labels: { type: 'string' },
        taints: { type: 'string' },
        'pod-cidr': { type: 'string' },
        'heartbeat-seconds': { type: 'string' },
        'lease-duration-seconds': { type: 'string' },
        'status-update-seconds': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) return { kind: 'help' };
    const nodes = Number(values.nodes);
    if (values.nodes === undefined || !Number.isInteger(nodes) || nodes < 0) {
      return { kind: 'error', message: `--nodes: expected a whole number of nodes, got ${values.nodes ?? 'nothing'}` };
    }
    if (values.kubeconfig === undefined) return { kind: 'error', message: '--kubeconfig FILE is required' };
    const capacity = {
      ...DEFAULT_CAPACITY,
      ...(values.cpu === undefined ? {} : { cpu: values.cpu }),
      ...(values.memory === undefined ? {} : { memory: values.memory }),
      ...(values.pods === undefined ? {} : { pods: values.pods }),
    };
    const options: SimOptions = {
      nodes,
      capacity,
      ...(values['name-prefix'] === undefined ? {} : { namePrefix: values['name-prefix'] }),
      ...(values.labels === undefined ? {} : { labels: parseLabels(values.labels) }),
      ...(values.taints === undefined ? {} : { taints: parseTaints(values.taints) }),
      ...(values['pod-cidr'] === undefined ? {} : { podCidrBase: values['pod-cidr'] }),
      heartbeatSeconds: seconds('heartbeat-seconds', values['heartbeat-seconds']),
      leaseDurationSeconds: seconds('lease-duration-seconds', values['lease-duration-seconds']),
      statusUpdateSeconds: seconds('status-update-seconds', values['status-update-seconds']),
    };
    return { kind: 'run', kubeconfig: values.kubeconfig, options };
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
}

/** `skiff sim ARGS`: resolves with the exit code (0 after a clean stop, 1 when it cannot start, 2 for bad flags). */
export async function runSimCommand(argv: string[]): Promise<number> {
  const args = parseSimArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(help);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`skiff sim: ${args.message}\n\n${help}`);
    return 2;
  }
  // Listen for the stop signals first: one that arrives while the nodes register stops the simulator.
  const stop = new AbortController();
  const onSignal = (): void => stop.abort(new Error('stopped by a signal'));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  let client: RestClient | undefined;
  try {
    // No client-side rate limit: the simulator's worker pools bound how many writes are in flight.
    client = RestClient.fromKubeconfig(args.kubeconfig, { component: 'sim', qps: Infinity });
    const sim = new Simulator(client, args.options);
    await sim.start(stop.signal);
    process.stdout.write(`skiff sim: ${args.options.nodes} nodes ready\n`);
    if (!stop.signal.aborted) {
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    }
    await sim.stop();
    process.stdout.write('skiff sim stopped\n');
    return 0;
  } catch (err) {
    if (stop.signal.aborted) return 0;
    const message = err instanceof KubeconfigError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`skiff sim: ${message}\n`);
    return 1;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    client?.close();
  }
}
