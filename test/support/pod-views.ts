import type { TestCluster } from './cluster.js';

/** What the workload tests look at in a pod, read through `kubectl get pods -o json`. */
export interface PodView {
  readonly name: string;
  readonly phase: string;
  readonly nodeName: string;
  readonly podIP: string;
  /** The Ready condition is True. */
  readonly ready: boolean;
  readonly images: readonly string[];
  readonly creationTimestamp: string;
  readonly deleting: boolean;
  readonly owners: readonly { readonly kind: string; readonly name: string }[];
  readonly labels: Readonly<Record<string, string>>;
}

interface RawPod {
  metadata?: {
    name?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    ownerReferences?: { kind?: string; name?: string }[];
  };
  spec?: { nodeName?: string; containers?: { image?: string }[] };
  status?: { phase?: string; podIP?: string; conditions?: { type?: string; status?: string }[] };
}

/** `kubectl get ARGS -o json`, parsed. @throws Error when kubectl fails. */
export async function getJson<T>(c: TestCluster, args: readonly string[]): Promise<T> {
  return JSON.parse(await c.ok(['get', ...args, '-o', 'json'])) as T;
}

/** The pods of `namespace` (matching the label `selector` if given), oldest first. */
export async function listPods(c: TestCluster, namespace: string, selector?: string): Promise<PodView[]> {
  const args = ['pods', '-n', namespace, ...(selector === undefined ? [] : ['-l', selector])];
  const list = await getJson<{ items?: RawPod[] }>(c, args);
  return (list.items ?? [])
    .map((p) => ({
      name: p.metadata?.name ?? '',
      phase: p.status?.phase ?? '',
      nodeName: p.spec?.nodeName ?? '',
      podIP: p.status?.podIP ?? '',
      ready: (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
      images: (p.spec?.containers ?? []).map((c) => c.image ?? ''),
      creationTimestamp: p.metadata?.creationTimestamp ?? '',
      deleting: p.metadata?.deletionTimestamp !== undefined,
      owners: (p.metadata?.ownerReferences ?? []).map((o) => ({ kind: o.kind ?? '', name: o.name ?? '' })),
      labels: p.metadata?.labels ?? {},
    }))
    .sort((a, b) => a.creationTimestamp.localeCompare(b.creationTimestamp) || a.name.localeCompare(b.name));
}

/** Only the pods that are Running, Ready and not being deleted. */
export function runningReady(pods: readonly PodView[]): PodView[] {
  return pods.filter((p) => p.phase === 'Running' && p.ready && !p.deleting);
}
