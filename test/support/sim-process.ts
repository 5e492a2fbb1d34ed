import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { skiffCommand } from './skiff-process.js';

/** A started `skiff sim` child process. */
export interface SimProcess {
  readonly process: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything it printed so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code (at once if it has already exited). */
  stop(): Promise<number | null>;
}

/**
 * Starts `bin/skiff sim --kubeconfig KUBECONFIG --nodes NODES ARGS` and resolves once it prints its ready line
 * `skiff sim: NODES nodes ready`.
 * @throws Error with its output if it exits, or is not ready within timeoutMs (then it is killed).
 */
export async function startSim(
  kubeconfig: string,
  nodes: number,
  args: readonly string[] = [],
  timeoutMs = 30_000,
): Promise<SimProcess> {
  // As a user runs it: bin/skiff (with its own Node flags), unless SKIFF_SIM_NODE_ARGS asks for more.
  const { command, args: argv } = skiffCommand('SKIFF_SIM_NODE_ARGS', [
    'sim',
    '--kubeconfig',
    kubeconfig,
    '--nodes',
    String(nodes),
    ...args,
  ]);
  const proc = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let exitCode: number | null | undefined;
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const ready = `skiff sim: ${nodes} nodes ready`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`skiff sim not ready after ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = (): void => {
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`skiff sim exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    process: proc,
    output: () => out,
    stop: async () => {
      if (exitCode !== undefined) return exitCode;
      proc.kill('SIGTERM');
      return exited;
    },
  };
}
