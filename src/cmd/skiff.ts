/** The `skiff` command: one subcommand per component. Each subcommand is a thin entry point in this folder. */
import { runSimCommand } from '../sim/sim-command.js';
import { runControllerManagerCommand } from './controller-manager.js';
import { runSchedulerCommand } from './scheduler.js';
import { runServer } from './server.js';
import { versionInfo } from '../apiserver/version.js';

const usage = `usage: skiff <command> [flags]

commands:
  server      start a cluster: the API server over its store, the scheduler (see skiff server --help)
  scheduler   the scheduler alone, against an API server (see skiff scheduler --help)
  controller-manager   the controllers alone, against an API server (see skiff controller-manager --help)
  sim         simulated nodes: skiff sim --nodes N --kubeconfig FILE (see skiff sim --help)
  version   print the version
  help      print this help
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'server':
      return runServer(rest);
    case 'scheduler':
      return runSchedulerCommand(rest);
    case 'controller-manager':
      return runControllerManagerCommand(rest);
    case 'sim':
      return runSimCommand(rest);
    case 'version':
      process.stdout.write(`skiff ${versionInfo().gitVersion}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(`skiff: unknown command "${command}"\n\n${usage}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
