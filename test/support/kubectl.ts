import { execFile } from 'node:child_process';

export const KUBECTL = '/usr/bin/kubectl';

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real kubectl with `--kubeconfig`, never throwing: the exit code is part of the result. */
export function kubectl(
  kubeconfig: string,
  args: readonly string[],
  options: { input?: string; binary?: string; env?: Record<string, string> } = {},
): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      options.binary ?? KUBECTL,
      ['--kubeconfig', kubeconfig, ...args],
      { env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code =
          err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
