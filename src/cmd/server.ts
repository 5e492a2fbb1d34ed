import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiServer } from '../apiserver/api-server.js';
import { ALL_KINDS } from '../api/kinds.js';
import { ALL_STRATEGIES } from '../apiserver/registry/strategies.js';
import { CONTROLLER_FLAGS, controllerOptionsFrom } from './controller-manager.js';
import { limitHeapGrowth } from './heap-growth.js';
import { startComponents } from './server-components.js';
import { StorageError } from '../storage/errors.js';
import { describeStore, openStore, parseStoreSpec } from '../storage/open-store.js';

const help = `usage: skiff server [flags]

  --data-dir DIR   where state lives (default ~/.skiff)
  --port N         the API server's port (default 6443; 0 picks a free one)
  --host ADDR      the address to listen on (default 127.0.0.1)
  --store S        sqlite (default: DIR/state.db), memory, or etcd://host:port[,host:port…]
  --disable-scheduler            do not run the scheduler in this process
  --disable-controller-manager   do not run the controllers in this process
  --controllers LIST             which controllers: * (all), name, -name (default *)
  --node-monitor-grace-period S  seconds without a node heartbeat before the node is Unknown (default 40)
  --node-monitor-period S, --node-startup-grace-period S, --concurrent-syncs N,
  --terminated-pod-gc-threshold N   as skiff controller-manager
  --default-not-ready-toleration-seconds N     tolerationSeconds of the not-ready:NoExecute toleration
                                               added to every pod without one (default 300)
  --default-unreachable-toleration-seconds N   the same for unreachable:NoExecute (default 300)
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
        'default-not-ready-toleration-seconds': { type: 'string', default: '300' },
        'default-unreachable-toleration-seconds': { type: 'string', default: '300' },
        help: { type: 'boolean', short: 'h', default: false },
        ...CONTROLLER_FLAGS,
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
  limitHeapGrowth();
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`skiff server: --port ${values.port}: expected a port number\n`);
    return 2;
  }
  for (const flag of ['default-not-ready-toleration-seconds', 'default-unreachable-toleration-seconds'] as const) {
    if (!/^-?\d{1,15}$/.test(values[flag])) {
      process.stderr.write(`skiff server: --${flag} ${values[flag]}: expected a whole number of seconds\n`);
      return 2;
    }
  }
  let controllerOptions;
  try {
    controllerOptions = controllerOptionsFrom(values);
  } catch (err) {
    process.stderr.write(`skiff server: ${(err as Error).message}\n`);
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
      defaultNotReadyTolerationSeconds: Number(values['default-not-ready-toleration-seconds']),
      defaultUnreachableTolerationSeconds: Number(values['default-unreachable-toleration-seconds']),
    });
    const components = startComponents(server, {
      scheduler: !values['disable-scheduler'],
      controllerManager: !values['disable-controller-manager'],
      controllers: values.controllers.split(','),
      controllerOptions,
    });
    process.stdout.write(
      `skiff server ready at ${server.url} (store: ${describeStore(spec)}, kubeconfig: ${server.kubeconfigPath})\n`,
    );
    await stopRequested;
    await components.stop();
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
