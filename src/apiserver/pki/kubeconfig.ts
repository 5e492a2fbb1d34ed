import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { writePrivateFile } from './private-files.js';

export interface KubeconfigOptions {
  /** The API server URL, e.g. `https://127.0.0.1:6443`. */
  readonly server: string;
  /** The CA that signed the server's certificate (PEM). */
  readonly caPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly clusterName: string;
  readonly userName: string;
  readonly contextName: string;
}

/** The kubeconfig (client-go's `Config`, apiVersion v1) for one cluster, one user and one context. */
export function kubeconfigDocument(options: KubeconfigOptions): Record<string, unknown> {
  const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: options.clusterName,
        cluster: { server: options.server, 'certificate-authority-data': base64(options.caPem) },
      },
    ],
    users: [
      {
        name: options.userName,
        user: {
          'client-certificate-data': base64(options.clientCertPem),
          'client-key-data': base64(options.clientKeyPem),
        },
      },
    ],
    contexts: [{ name: options.contextName, context: { cluster: options.clusterName, user: options.userName } }],
    'current-context': options.contextName,
    preferences: {},
  };
}

/**
 * Writes a kubeconfig with embedded credentials (the `*-data` fields) to `path`, mode 0600, replacing any
 * file there atomically. Creates the parent folder if needed.
 */
export function writeKubeconfig(path: string, options: KubeconfigOptions): void {
  mkdirSync(dirname(path), { recursive: true });
  writePrivateFile(path, stringify(kubeconfigDocument(options), { lineWidth: 0 }));
}
