/**
 * The API server, assembled: PKI and kubeconfig, the catalog of kinds with their registries, the request
 * pipeline over HTTPS, and the namespaces every cluster starts with.
 */
import { join } from 'node:path';
import type { KindDefinition } from '../api/schema/kind.js';
import { StatusError } from '../machinery/status.js';
import type { Store } from '../storage/store.js';
import { UnionAuthenticator, X509Authenticator } from './authn/index.js';
import type { Authenticator } from './authn/index.js';
import { ALLOW_AUTHENTICATED } from './authz/authorizer.js';
import { AdmissionChain } from './admission/admission.js';
import { KUBERNETES_SERVICE_IP, ServiceAllocation } from './admission/service-allocation.js';
import { DefaultTolerationSeconds } from './admission/default-toleration-seconds.js';
import { bootstrapSystemPriorityClasses, Priority, registryPriorityClasses } from './admission/priority.js';
import { Catalog } from './catalog.js';
import { Metrics } from './metrics.js';
import { OpenApiDocuments } from './openapi/documents.js';
import { ensurePki, writeKubeconfig } from './pki/index.js';
import { Registry, type NamespaceState } from './registry/generic/registry.js';
import { makeResource } from './registry/generic/resource.js';
import type { Conversion } from './registry/generic/codec.js';
import { hpaToV1, hpaToV2 } from './registry/autoscaling/hpa-conversion.js';
import { eventToCore, eventToEventsV1 } from './registry/events/event-conversion.js';
import { type ApiObject, DEFAULT_STRATEGY, type Strategy } from './registry/strategy.js';
import { strategyKey } from './registry/strategies.js';
import { createRouter, registryKey } from './router.js';
import { authenticationRequestOf, startHttpsServer, type HttpsServer } from './transport/index.js';

export interface ApiServerOptions {
  readonly store: Store;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly kinds: readonly KindDefinition[];
  readonly strategies: Readonly<Record<string, Strategy>>;
  /** Extra names/IPs for the serving certificate. */
  readonly hosts?: readonly string[];
  readonly now?: () => Date;
  /** tolerationSeconds of the not-ready / unreachable tolerations every pod gets (default 300 each). */
  readonly defaultNotReadyTolerationSeconds?: number;
  readonly defaultUnreachableTolerationSeconds?: number;
}

/** Namespaces that exist from the start, as in every Kubernetes cluster. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** How long events live in storage (upstream's --event-ttl default). */
const EVENT_TTL_SECONDS = 3600;

/** Conversions from the storage version, for kinds served in more than one version. */
const CONVERSIONS: Readonly<Record<string, Conversion & { storageGroup?: string }>> = {
  'autoscaling/horizontalpodautoscalers/v1': { fromStorage: hpaToV1, toStorage: hpaToV2 },
  'events.k8s.io/events/v1': { fromStorage: eventToEventsV1, toStorage: eventToCore, storageGroup: '' },
};

/** How a kind's objects are stored: its preferred version's storage, converted, or apart when no conversion exists. */
function storageOf(
  k: KindDefinition,
  preferredVersion: string,
): { versionedStorage?: boolean; conversion?: Conversion; storageGroup?: string } {
  const conversion = CONVERSIONS[`${k.group}/${k.plural}/${k.version}`];
  if (conversion !== undefined) {
    const { storageGroup, ...convert } = conversion;
    return { conversion: convert, ...(storageGroup === undefined ? {} : { storageGroup }) };
  }
  return k.version === preferredVersion ? {} : { versionedStorage: true };
}

export class ApiServer {
  private constructor(
    private readonly https: HttpsServer,
    readonly kubeconfigPath: string,
    readonly registries: ReadonlyMap<string, Registry>,
    /** The /metrics registry: other components in this process add their metrics with `addSource`. */
    readonly metrics: Metrics,
  ) {}

  get url(): string {
    return this.https.url;
  }

  static async start(options: ApiServerOptions): Promise<ApiServer> {
    const now = options.now ?? (() => new Date());
    const pki = ensurePki(options.dataDir, {
      hosts: [...(options.hosts ?? []), ...(options.host === '0.0.0.0' ? [] : [options.host])],
    });
    const preferred = new Map<string, string>();
    for (const k of options.kinds)
      if (!preferred.has(`${k.group}/${k.plural}`)) preferred.set(`${k.group}/${k.plural}`, k.version);
    const resources = options.kinds.map((k) =>
      makeResource(k, options.strategies[strategyKey(k.group, k.plural)] ?? DEFAULT_STRATEGY, {
        ...(k.kind === 'Event' ? { ttlSeconds: EVENT_TTL_SECONDS } : {}),
        ...storageOf(k, preferred.get(`${k.group}/${k.plural}`) ?? k.version),
      }),
    );
    const catalog = new Catalog(resources);
    const registries = new Map<string, Registry>();
    // Answered from the namespaces' watch cache, as upstream's lifecycle admission answers from its informer;
    // a namespace the cache does not hold (yet) is looked up in the store.
    const namespaceState: NamespaceState = async (name) => {
      const namespaces = registries.get(registryKey('', 'v1', 'namespaces'));
      if (namespaces === undefined) return 'active';
      const cached = namespaces.watchCache().peek(namespaces.resource.keys.key(undefined, name));
      if (cached !== undefined) return lifecycleOf(cached);
      const kv = await namespaces.read(undefined, name);
      return kv === undefined ? 'missing' : lifecycleOf(JSON.parse(new TextDecoder().decode(kv.value)) as ApiObject);
    };
    const priorityClasses = () => registries.get(registryKey('scheduling.k8s.io', 'v1', 'priorityclasses'));
    const admission = new AdmissionChain([
      new ServiceAllocation(options.store),
      new DefaultTolerationSeconds({
        notReadySeconds: options.defaultNotReadyTolerationSeconds,
        unreachableSeconds: options.defaultUnreachableTolerationSeconds,
      }),
      new Priority(registryPriorityClasses(options.store, priorityClasses)),
    ]);
    for (const r of resources) {
      registries.set(
        registryKey(r.kind.group, r.kind.version, r.kind.plural),
        new Registry(r, { store: options.store, now, namespaceState, admission }),
      );
    }
    const authenticator: Authenticator = new UnionAuthenticator([new X509Authenticator({ caPem: pki.ca.certPem })]);
    let serverAddress = `${options.host}:${options.port}`;
    const metrics = new Metrics();
    const router = createRouter({
      catalog,
      registries,
      store: options.store,
      authenticator,
      authorizer: ALLOW_AUTHENTICATED,
      openapi: new OpenApiDocuments(catalog),
      metrics,
      serverAddress: () => serverAddress,
      now,
      authenticationRequest: (req) => authenticationRequestOf(req as never),
    });
    const https = await startHttpsServer({
      host: options.host,
      port: options.port,
      pki,
      handler: (req, res) => router(req, res as never),
    });
    serverAddress = https.url.replace(/^https:\/\//, '');
    const kubeconfigPath = join(options.dataDir, 'kubeconfig');
    const clientHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
    writeKubeconfig(kubeconfigPath, {
      server: `https://${clientHost.includes(':') ? `[${clientHost}]` : clientHost}:${https.port}`,
      caPem: pki.ca.certPem,
      clientCertPem: pki.admin.certPem,
      clientKeyPem: pki.admin.keyPem,
      clusterName: 'skiff',
      userName: 'skiff-admin',
      contextName: 'skiff',
    });
    const server = new ApiServer(https, kubeconfigPath, registries, metrics);
    await server.bootstrapNamespaces();
    await bootstrapSystemPriorityClasses(priorityClasses());
    await server.bootstrapKubernetesService(clientHost, https.port);
    return server;
  }

  async close(): Promise<void> {
    for (const registry of this.registries.values()) registry.close();
    await this.https.close();
  }

  /** The `kubernetes` Service in `default`, at the service range's first IP, pointing at this server. */
  private async bootstrapKubernetesService(host: string, port: number): Promise<void> {
    const services = this.registries.get(registryKey('', 'v1', 'services'));
    const endpoints = this.registries.get(registryKey('', 'v1', 'endpoints'));
    if (services === undefined || endpoints === undefined) return;
    const ports = [{ name: 'https', protocol: 'TCP', port: 443, targetPort: port }];
    const labels = { component: 'apiserver', provider: 'kubernetes' };
    const created = async (make: () => Promise<unknown>): Promise<void> => {
      try {
        await make();
      } catch (err) {
        if (!(err instanceof StatusError) || err.code !== 409) throw err;
      }
    };
    if ((await services.read('default', 'kubernetes')) === undefined) {
      await created(() =>
        services.create('default', {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'kubernetes', labels },
          spec: {
            type: 'ClusterIP',
            clusterIP: KUBERNETES_SERVICE_IP,
            clusterIPs: [KUBERNETES_SERVICE_IP],
            ports,
            sessionAffinity: 'None',
          },
        }),
      );
    }
    // Endpoints may not point at loopback (as upstream rules): a server on 127.0.0.1 gets none until it
    // listens on a routable address.
    if (host === 'localhost' || host.startsWith('127.') || host === '::1') return;
    const subsets = [{ addresses: [{ ip: host }], ports: [{ name: 'https', port, protocol: 'TCP' }] }];
    if ((await endpoints.read('default', 'kubernetes')) === undefined) {
      await created(() =>
        endpoints.create('default', {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
          subsets,
        }),
      );
    } else {
      await endpoints.update('default', 'kubernetes', (current) => ({ ...current, subsets }));
    }
  }

  private async bootstrapNamespaces(): Promise<void> {
    const namespaces = this.registries.get(registryKey('', 'v1', 'namespaces'));
    if (namespaces === undefined) return;
    for (const name of SYSTEM_NAMESPACES) {
      if ((await namespaces.read(undefined, name)) !== undefined) continue;
      try {
        await namespaces.create(undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      } catch (err) {
        if (!(err instanceof StatusError) || err.code !== 409) throw err;
      }
    }
  }
}

/** Whether a namespace takes new objects: not while it is being deleted. */
function lifecycleOf(ns: ApiObject): 'active' | 'terminating' {
  const status = ns.status as { phase?: string } | undefined;
  return status?.phase === 'Terminating' || ns.metadata?.deletionTimestamp ? 'terminating' : 'active';
}
