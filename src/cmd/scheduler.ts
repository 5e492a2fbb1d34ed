/**
 * `skiff scheduler`: the scheduler alone, against any API server named by a kubeconfig. Serves its metrics
 * and health on plain HTTP at --metrics-bind-address (default 127.0.0.1:10251; empty: off).
 */
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { RestClient } from '../client/rest/rest-client.js';
import { ConfigError, loadConfigFile } from '../scheduler/config/load-config.js';
import { defaultConfiguration, type SchedulerConfiguration } from '../scheduler/config/types.js';
import { runScheduler, validateScheduler } from '../scheduler/run-scheduler.js';
import type { Scheduler } from '../scheduler/scheduler.js';

const help = `usage: skiff scheduler --kubeconfig FILE [flags]

  --kubeconfig FILE              how to reach the API server
  --config FILE                  a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1)
  --leader-elect true|false      run only while holding the kube-system/kube-scheduler Lease (default true)
  --metrics-bind-address ADDR    host:port for /metrics and /healthz (default 127.0.0.1:10251; '' disables)
`;

export async function runSchedulerCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kubeconfig: { type: 'string' },
        config: { type: 'string' },
        'leader-elect': { type: 'string' },
        'metrics-bind-address': { type: 'string', default: '127.0.0.1:10251' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`skiff scheduler: ${(err as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  if (values.kubeconfig === undefined) {
    process.stderr.write(`skiff scheduler: --kubeconfig is required\n\n${help}`);
    return 2;
  }
  let configuration: SchedulerConfiguration;
  try {
    configuration = values.config === undefined ? defaultConfiguration() : loadConfigFile(values.config);
    const leaderElect = values['leader-elect'];
    if (leaderElect !== undefined) {
      if (leaderElect !== 'true' && leaderElect !== 'false')
        throw new ConfigError(`--leader-elect ${leaderElect}: expected true or false`);
      configuration = {
        ...configuration,
        leaderElection: { ...configuration.leaderElection, leaderElect: leaderElect === 'true' },
      };
    }
    const client = RestClient.fromKubeconfig(values.kubeconfig, {
      component: 'skiff-scheduler',
      qps: 5000,
      burst: 10000,
    });
    validateScheduler({ client, configuration });
    let current: Scheduler | undefined;
    const metricsServer = await serveMetrics(values['metrics-bind-address'], () => current?.metrics.render() ?? '');
    const stop = new AbortController();
    process.once('SIGTERM', () => stop.abort());
    process.once('SIGINT', () => stop.abort());
    process.stdout.write(
      `skiff scheduler started (profiles: ${configuration.profiles.map((p) => p.schedulerName).join(', ')})\n`,
    );
    await runScheduler({ client, configuration, onStarted: (s) => (current = s) }, stop.signal);
    metricsServer?.close();
    process.stdout.write('skiff scheduler stopped\n');
    return 0;
  } catch (err) {
    if (err instanceof ConfigError || (err as Error).name === 'KubeconfigError') {
      process.stderr.write(`skiff scheduler: ${(err as Error).message}\n`);
      return 1;
    }
    throw err;
  }
}

async function serveMetrics(address: string, render: () => string): Promise<Server | undefined> {
  if (address === '') return undefined;
  const colon = address.lastIndexOf(':');
  const host = address.slice(0, colon) || '127.0.0.1';
  const port = Number(address.slice(colon + 1));
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end(render());
    } else if (req.url === '/healthz' || req.url === '/livez' || req.url === '/readyz') {
      res.end('ok');
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
