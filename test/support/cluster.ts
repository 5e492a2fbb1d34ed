import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl, type KubectlResult } from './kubectl.js';
import { startSkiffServer, type SkiffServer } from './skiff-process.js';

/** Flags for tests of the API server alone: no scheduler and no controllers act on what the test writes. */
export const API_ONLY = ['--disable-scheduler', '--disable-controller-manager'] as const;

/** A started `skiff server` in a temporary data dir, with kubectl bound to its kubeconfig. */
export interface TestCluster {
  readonly dir: string;
  readonly server: SkiffServer;
  readonly kubeconfig: string;
  kubectl(
    args: readonly string[],
    options?: { input?: string; binary?: string; env?: Record<string, string> },
  ): Promise<KubectlResult>;
  /** kubectl that must succeed: returns stdout, throws with stderr otherwise. */
  ok(
    args: readonly string[],
    options?: { input?: string; binary?: string; env?: Record<string, string> },
  ): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestCluster(extraArgs: readonly string[] = []): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
  const server = await startSkiffServer(['--data-dir', dir, '--port', '0', ...extraArgs]);
  const kubeconfig = join(dir, 'kubeconfig');
  const run = (args: readonly string[], options = {}): Promise<KubectlResult> => kubectl(kubeconfig, args, options);
  return {
    dir,
    server,
    kubeconfig,
    kubectl: run,
    ok: async (args, options = {}) => {
      const r = await run(args, options);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return r.stdout;
    },
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
