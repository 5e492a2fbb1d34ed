/**
 * `skiff controller-manager`: the controllers alone, against any API server named by a kubeconfig.
 */
import { parseArgs } from 'node:util';
import { RestClient } from '../client/rest/rest-client.js';
import { type ControllerOptions, DEFAULT_CONTROLLER_OPTIONS } from '../controllers/framework/controller-options.js';
import { runControllerManager } from '../controllers/framework/controller-manager.js';
import { controllerRegistry } from '../controllers/registry.js';

const help = `usage: skiff controller-manager --kubeconfig FILE [flags]

  --kubeconfig FILE                    how to reach the API server
  --controllers LIST                   upstream's syntax: * (all), name, -name (default *)
  --leader-elect true|false            run only while holding kube-system/kube-controller-manager (default true)
  --concurrent-syncs N                 workers of the busy controllers (default ${DEFAULT_CONTROLLER_OPTIONS.concurrentSyncs})
  --node-monitor-period S              seconds between node health checks (default 5)
  --node-monitor-grace-period S        seconds without a heartbeat before a node is Unknown (default 40)
  --node-startup-grace-period S        the same for a node that never reported (default 60)
  --terminated-pod-gc-threshold N      terminated pods kept before pod GC deletes (default 12500)
`;

/** Controller timing flags shared by `skiff server` and `skiff controller-manager`. */
export const CONTROLLER_FLAGS = {
  controllers: { type: 'string', default: '*' },
  'concurrent-syncs': { type: 'string' },
  'node-monitor-period': { type: 'string' },
  'node-monitor-grace-period': { type: 'string' },
  'node-startup-grace-period': { type: 'string' },
  'terminated-pod-gc-threshold': { type: 'string' },
} as const;

/** Reads the controller flags; throws an Error naming a bad value. */
export function controllerOptionsFrom(values: Record<string, unknown>): Partial<ControllerOptions> {
  const out: Record<string, number> = {};
  const num = (flag: string, key: keyof ControllerOptions, scale: number, positive: boolean): void => {
    const v = values[flag];
    if (v === undefined) return;
    const n = Number(v);
    const ok = typeof v === 'string' && v !== '' && Number.isFinite(n) && (positive ? n > 0 : n >= 0);
    if (!ok) throw new Error(`--${flag} ${String(v)}: expected a ${positive ? 'positive' : 'non-negative'} number`);
    out[key] = n * scale;
  };
  num('concurrent-syncs', 'concurrentSyncs', 1, true);
  num('node-monitor-period', 'nodeMonitorPeriodMs', 1000, true);
  num('node-monitor-grace-period', 'nodeMonitorGracePeriodMs', 1000, true);
  num('node-startup-grace-period', 'nodeStartupGracePeriodMs', 1000, true);
  num('terminated-pod-gc-threshold', 'terminatedPodGcThreshold', 1, false);
  return out as Partial<ControllerOptions>;
}

export async function runControllerManagerCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kubeconfig: { type: 'string' },
        'leader-elect': { type: 'string', default: 'true' },
        help: { type: 'boolean', short: 'h', default: false },
        ...CONTROLLER_FLAGS,
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`skiff controller-manager: ${(err as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  let options: Partial<ControllerOptions>;
  try {
    if (values.kubeconfig === undefined) throw new Error('--kubeconfig is required');
    if (values['leader-elect'] !== 'true' && values['leader-elect'] !== 'false') {
      throw new Error(`--leader-elect ${values['leader-elect']}: expected true or false`);
    }
    options = controllerOptionsFrom(values);
  } catch (err) {
    process.stderr.write(`skiff controller-manager: ${(err as Error).message}\n\n${help}`);
    return 2;
  }
  const client = RestClient.fromKubeconfig(values.kubeconfig as string, {
    component: 'skiff-controller-manager',
    qps: 5000,
    burst: 10000,
  });
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  await runControllerManager(
    {
      client,
      registry: controllerRegistry(),
      enabled: values.controllers.split(','),
      options,
      leaderElect: values['leader-elect'] === 'true',
      onReady: (names) => process.stdout.write(`skiff controller-manager running: ${names.join(', ')}\n`),
    },
    stop.signal,
  );
  process.stdout.write('skiff controller-manager stopped\n');
  return 0;
}
