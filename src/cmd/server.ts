import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiServer } from '../apiserver/api-server.js';
import { ALL_KINDS } from '../api/kinds.js';
import { ALL_STRATEGIES } from '../apiserver/registry/strategies.js';
import { RestClient } from '../client/rest/rest-client.js';
import { runScheduler } from '../scheduler/run-scheduler.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import { StorageError } from '../storage/errors.js';
import { describeStore, openStore, parseStoreSpec } from '../storage/open-store.js';

const help = `usage: skiff server [flags]

  --data-dir DIR   where state lives (default ~/.skiff)
  --port N         the API server's port (default 6443; 0 picks a free one)
  --host ADDR      the address to listen on (default 127.0.0.1)
  --store S        sqlite (default: DIR/state.db), memory, or etcd://host:port[,host:port…]
  --disable-scheduler            do not run the scheduler in this process
  --disable-controller-manager   do not run the controllers in this process
`;

/** `skiff server`: opens the store, starts the API server, prints one line when ready, stops on SIGTERM/SIGINT. */
export async function runServer(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'data-dir': { type: 'string', default: join(homedir(), '.skiff') },
        port: { type: 'string', default: '6443' },
        host: { type: 'string', default: '127.0.0.1' },
        store: { type: 'string', default: 'sqlite' },
        'disable-scheduler': { type: 'boolean', default: false },
        'disable-controller-manager': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`skiff server: ${(err as Error).message}\n\n${help}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`skiff server: --port ${values.port}: expected a port number\n`);
    return 2;
  }
  const dataDir = resolve(values['data-dir']);
  // Listen for the stop signals first: one that arrives while the server starts stops it once started.
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((done) => (requestStop = done));
  process.once('SIGTERM', () => requestStop());
  process.once('SIGINT', () => requestStop());
  try {
    const spec = parseStoreSpec(values.store, dataDir);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const store = await openStore(spec);
    const server = await ApiServer.start({
      store,
      dataDir,
      host: values.host,
      port,
      kinds: ALL_KINDS,
      strategies: ALL_STRATEGIES,
    });
    const components = new AbortController();
    const running: Promise<void>[] = [];
    const client = (component: string): RestClient =>
      RestClient.fromKubeconfig(server.kubeconfigPath, { component, qps: 5000, burst: 10000 });
    if (!values['disable-scheduler']) {
      let scheduler: Scheduler | undefined;
      server.metrics.addSource(() => scheduler?.metrics.render() ?? '');
      running.push(
        runScheduler({ client: client('skiff-scheduler'), onStarted: (s) => (scheduler = s) }, components.signal),
      );
    }
    process.stdout.write(
      `skiff server ready at ${server.url} (store: ${describeStore(spec)}, kubeconfig: ${server.kubeconfigPath})\n`,
    );
    await stopRequested;
    components.abort();
    await Promise.allSettled(running);
    await server.close();
    await store.close();
    process.stdout.write('skiff server stopped\n');
    return 0;
  } catch (err) {
    if (err instanceof StorageError) {
      process.stderr.write(`skiff server: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
