import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  // Run as a user runs it (bin/skiff, whose first line sets its Node flags), unless extra flags are asked for.
  const { command, args: argv } = skiffCommand('SKIFF_SERVER_NODE_ARGS', ['server', ...args]);
  const proc = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
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
 * How to spawn `bin/skiff ARGS` with the extra Node.js flags of the environment variable `name` (space-separated,
 * e.g. `SKIFF_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile the server under a benchmark):
 * `bin/skiff` itself when there are none, as a user runs it; else `node`, with the flags of `bin/skiff`'s first
 * line and then the extra ones, running `bin/skiff` (NODE_OPTIONS refuses some flags, --cpu-prof among them).
 */
export function skiffCommand(name: string, args: readonly string[]): { command: string; args: string[] } {
  const extra = (process.env[name] ?? '').split(' ').filter((a) => a !== '');
  if (extra.length === 0) return { command: SKIFF_BIN, args: [...args] };
  return { command: process.execPath, args: [...shebangNodeFlags(), ...extra, SKIFF_BIN, ...args] };
}

/** The Node flags on `bin/skiff`'s first line (`#!/usr/bin/env -S node FLAGS`). */
function shebangNodeFlags(): string[] {
  const first = readFileSync(SKIFF_BIN, 'utf8').split('\n', 1)[0] ?? '';
  const words = first.split(' ').filter((w) => w !== '');
  const node = words.indexOf('node');
  if (!first.startsWith('#!') || node < 0) throw new Error(`${SKIFF_BIN}: first line is not a node shebang: ${first}`);
  return words.slice(node + 1);
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
