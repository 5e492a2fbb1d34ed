import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The repository's `bin/skiff`, as a user runs it. */
export const SKIFF_BIN = fileURLToPath(new URL('../../../bin/skiff', import.meta.url));

export interface SkiffServer {
  /** The URL from the ready line. */
  readonly url: string;
  readonly process: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything it printed so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `bin/skiff server ARGS` and resolves once it prints its ready line (or rejects if it exits first). */
export async function startSkiffServer(args: string[], timeoutMs = 30_000): Promise<SkiffServer> {
  // Run as a user runs it (bin/skiff, whose first line sets its Node flags); extra flags go in NODE_OPTIONS.
  const proc = spawn(SKIFF_BIN, ['server', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: envWithNodeFlagsFrom('SKIFF_SERVER_NODE_ARGS'),
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`skiff server not ready after ${timeoutMs} ms:\n${out}`)),
      timeoutMs,
    );
    const check = (): void => {
      const match = /skiff server ready at (\S+)/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`skiff server exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    url,
    process: proc,
    output: () => out,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * The environment for a `bin/skiff` child with the extra Node.js flags of the environment variable `name`
 * (space-separated, e.g. `SKIFF_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile the server
 * under a benchmark) added to NODE_OPTIONS; unchanged when there are none.
 */
export function envWithNodeFlagsFrom(name: string): NodeJS.ProcessEnv {
  const flags = (process.env[name] ?? '').split(' ').filter((a) => a !== '');
  if (flags.length === 0) return process.env;
  return { ...process.env, NODE_OPTIONS: [process.env['NODE_OPTIONS'] ?? '', ...flags].join(' ').trim() };
}

/** Runs `bin/skiff server ARGS` expecting it to fail at start; resolves with its exit code and output. */
export async function runSkiffServerToFailure(args: string[]): Promise<{ code: number | null; output: string }> {
  const proc = spawn(SKIFF_BIN, ['server', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}
