/**
 * Reads a kubeconfig (client-go's clientcmd `Config`, apiVersion v1) into a ClientConfig: the current context
 * (or a named one), its cluster's server, CA and TLS options, its user's client certificate or token. File
 * paths in the kubeconfig are relative to the kubeconfig's own folder, as kubectl reads them.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { isRecord } from '../kube-object.js';
import type { ClientConfig } from './client-config.js';

/** A kubeconfig that cannot be used: missing context, cluster, server, or an unreadable file it names. */
export class KubeconfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeconfigError';
  }
}

export interface KubeconfigOptions {
  /** Use this context instead of `current-context`. */
  readonly context?: string;
}

/**
 * Loads the kubeconfig at `path`.
 * @throws KubeconfigError when the file or a file it names cannot be read, or it lacks what a client needs.
 */
export function loadKubeconfig(path: string, options: KubeconfigOptions = {}): ClientConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KubeconfigError(`unable to read kubeconfig ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parseKubeconfig(text, dirname(resolve(path)), options);
}

/**
 * Parses kubeconfig text; relative file paths in it resolve against `baseDir`.
 * @throws KubeconfigError as loadKubeconfig.
 */
export function parseKubeconfig(text: string, baseDir: string, options: KubeconfigOptions = {}): ClientConfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new KubeconfigError(`unable to parse kubeconfig: ${(err as Error).message}`, { cause: err });
  }
  if (!isRecord(doc)) throw new KubeconfigError('invalid configuration: no configuration has been provided');
  const contextName = options.context ?? str(doc['current-context']);
  if (!contextName) throw new KubeconfigError('invalid configuration: no current context is set');
  const context = named(doc['contexts'], contextName, 'context');
  if (context === undefined) {
    throw new KubeconfigError(`context was not found for specified context: ${contextName}`);
  }
  const clusterName = str(context['cluster']);
  const cluster = clusterName ? named(doc['clusters'], clusterName, 'cluster') : undefined;
  if (cluster === undefined) {
    throw new KubeconfigError(`cluster ${JSON.stringify(clusterName ?? '')} was not found for context ${contextName}`);
  }
  const server = str(cluster['server']);
  if (!server) throw new KubeconfigError('invalid configuration: cluster has no server defined');
  const userName = str(context['user']);
  const user = (userName ? named(doc['users'], userName, 'user') : undefined) ?? {};
  const read = (dataField: unknown, fileField: unknown, what: string): string | undefined =>
    inlineOrFile(dataField, fileField, baseDir, what);

  const config: {
    -readonly [K in keyof ClientConfig]: ClientConfig[K];
  } = { server };
  const ca = read(cluster['certificate-authority-data'], cluster['certificate-authority'], 'certificate-authority');
  if (ca !== undefined) config.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) config.insecureSkipTLSVerify = true;
  const serverName = str(cluster['tls-server-name']);
  if (serverName) config.tlsServerName = serverName;
  const cert = read(user['client-certificate-data'], user['client-certificate'], 'client-certificate');
  const key = read(user['client-key-data'], user['client-key'], 'client-key');
  if ((cert === undefined) !== (key === undefined)) {
    throw new KubeconfigError(`user ${userName ?? ''} has a client certificate or key but not both`);
  }
  if (cert !== undefined && key !== undefined) Object.assign(config, { cert, key });
  const token = str(user['token']) ?? readToken(user['tokenFile'], baseDir);
  if (token) config.token = token;
  const namespace = str(context['namespace']);
  if (namespace) config.namespace = namespace;
  return config;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The inner object (`context`, `cluster`, `user`) of the list entry called `name`. */
function named(list: unknown, name: string, field: string): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  for (const entry of list) {
    if (isRecord(entry) && entry['name'] === name) {
      const inner = entry[field];
      return isRecord(inner) ? inner : {};
    }
  }
  return undefined;
}

function inlineOrFile(data: unknown, file: unknown, baseDir: string, what: string): string | undefined {
  const inline = str(data);
  if (inline !== undefined) return Buffer.from(inline, 'base64').toString('utf8');
  const path = str(file);
  if (path === undefined) return undefined;
  const full = isAbsolute(path) ? path : resolve(baseDir, path);
  try {
    return readFileSync(full, 'utf8');
  } catch (err) {
    throw new KubeconfigError(`unable to read ${what} ${full}: ${(err as Error).message}`, { cause: err });
  }
}

function readToken(file: unknown, baseDir: string): string | undefined {
  const text = inlineOrFile(undefined, file, baseDir, 'tokenFile');
  return text === undefined ? undefined : text.trim();
}
