/**
 * Deleting the content of one resource in a namespace (upstream deleteAllContentForGroupVersionResource):
 * estimate how long graceful deletion may take (pods), delete the collection (or each item, where the
 * resource has no `deletecollection`), then list what remains and by which finalizers it is held.
 */
import type { Clock } from '../../client/clock/clock.js';
import type { KubeObject } from '../../client/kube-object.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { type ResourceDescriptor, resourcePath } from '../../client/rest/resource-path.js';
import { StatusError } from '../../machinery/status.js';
import type { ApiResource } from './api-discovery.js';

/** Upstream's default estimate for finalizers to complete, when items remain only because of finalizers. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

/** Deletion must not make the garbage collector orphan anything: every write asks for background propagation. */
const BACKGROUND = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } as const;

export interface ResourceDeletion {
  /** Seconds to wait before looking again; 0 means no estimate (not necessarily that nothing remains). */
  readonly estimateSeconds: number;
  /** Instances that remain. */
  readonly remaining: number;
  /** finalizer → instances held by it. */
  readonly finalizers: ReadonlyMap<string, number>;
}

interface ItemMeta {
  readonly name?: string;
  readonly finalizers?: readonly string[];
}

interface PodLike extends KubeObject {
  readonly spec?: { readonly terminationGracePeriodSeconds?: number };
  readonly status?: { readonly phase?: string };
}

/** `/v1, Resource=pods`: how upstream prints a GroupVersionResource in error messages. */
export const gvrString = (r: ApiResource): string => `${r.group}/${r.version}, Resource=${r.resource}`;

/** `pods.`, `deployments.apps`: the resource key of the NamespaceContentRemaining message. */
export const groupResourceKey = (r: ApiResource): string => `${r.resource}.${r.group}`;

const descriptorOf = (r: ApiResource): ResourceDescriptor => ({
  group: r.group,
  version: r.version,
  resource: r.resource,
  namespaced: true,
});

/** 405, or 404 for a resource that answers no top-level verbs: the operation is not supported. */
const unsupported = (err: unknown): boolean =>
  isNotFound(err) ||
  (err instanceof StatusError && (err.status.code === 405 || err.status.reason === 'MethodNotAllowed'));

/**
 * Deletes everything of `resource` in `namespace` and reports what remains. `deletedAtMs` is the namespace's
 * deletionTimestamp: a graceful-deletion estimate already served since then counts as 0.
 * @throws when a delete or the final list fails, or when items remain that nothing explains (no estimate,
 *   no finalizers), as upstream does.
 */
export async function deleteResourceContent(
  client: RestClient,
  clock: Clock,
  resource: ApiResource,
  namespace: string,
  deletedAtMs: number,
): Promise<ResourceDeletion> {
  const estimate = await estimateGracefulTermination(client, clock, resource, namespace, deletedAtMs);
  const none: ResourceDeletion = { estimateSeconds: estimate, remaining: 0, finalizers: new Map() };
  if (!(await deleteCollection(client, resource, namespace))) await deleteEachItem(client, resource, namespace);
  const items = await listItems(client, resource, namespace);
  if (items === undefined) return none;
  if (items.length === 0) return { estimateSeconds: 0, remaining: 0, finalizers: new Map() };
  const finalizers = new Map<string, number>();
  for (const item of items) for (const f of item.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
  if (estimate !== 0) return { estimateSeconds: estimate, remaining: items.length, finalizers };
  if (finalizers.size > 0) return { estimateSeconds: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers };
  throw new RemainingContentError(
    `unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(resource)}`,
    items.length,
  );
}

/** Items remain although nothing should hold them; `remaining` still counts for the conditions. */
export class RemainingContentError extends Error {
  constructor(
    message: string,
    readonly remaining: number,
  ) {
    super(message);
    this.name = 'RemainingContentError';
  }
}

/** Deletes the collection; false when the resource does not support it. */
async function deleteCollection(client: RestClient, resource: ApiResource, namespace: string): Promise<boolean> {
  if (!resource.verbs.includes('deletecollection')) return false;
  try {
    await client.request({ method: 'DELETE', path: resourcePath(descriptorOf(resource), namespace), body: BACKGROUND });
    return true;
  } catch (err) {
    if (unsupported(err)) return false;
    throw err;
  }
}

async function deleteEachItem(client: RestClient, resource: ApiResource, namespace: string): Promise<void> {
  const items = await listItems(client, resource, namespace);
  const objects = client.resource(descriptorOf(resource));
  for (const item of items ?? []) {
    if (item.name === undefined) continue;
    try {
      await objects.delete(namespace, item.name, { propagationPolicy: 'Background' });
    } catch (err) {
      if (!unsupported(err)) throw err;
    }
  }
}

/** The metadata of every item; undefined when the resource cannot be listed. */
async function listItems(
  client: RestClient,
  resource: ApiResource,
  namespace: string,
): Promise<ItemMeta[] | undefined> {
  if (!resource.verbs.includes('list')) return undefined;
  try {
    const list = await client.resource(descriptorOf(resource)).list(namespace);
    return list.items.map((i) => (i.metadata ?? {}) as ItemMeta);
  } catch (err) {
    if (unsupported(err)) return undefined;
    throw err;
  }
}

/**
 * How long graceful deletion of the resource's items may still take: for pods, the longest
 * terminationGracePeriodSeconds of those not yet terminal — or 0 once that long has passed since the
 * namespace's deletion.
 */
async function estimateGracefulTermination(
  client: RestClient,
  clock: Clock,
  resource: ApiResource,
  namespace: string,
  deletedAtMs: number,
): Promise<number> {
  if (resource.group !== '' || resource.resource !== 'pods') return 0;
  const pods = await client.resource<PodLike>(descriptorOf(resource)).list(namespace);
  let estimate = 0;
  for (const pod of pods.items) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const grace = pod.spec?.terminationGracePeriodSeconds;
    if (grace !== undefined && grace > estimate) estimate = grace;
  }
  return clock.now() - deletedAtMs >= estimate * 1000 ? 0 : estimate;
}
