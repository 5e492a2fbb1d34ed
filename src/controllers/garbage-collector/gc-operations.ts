/**
 * The collector's writes and live reads (upstream operations.go and patch.go): every one addresses an object
 * by identity through the RestMapper, and carries the object's UID (and where it matters its
 * resourceVersion) as a precondition, so that a recreated object of the same name is never touched.
 */
import type { KubeObject } from '../../client/kube-object.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { PatchType } from '../../client/rest/request-options.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import { StatusError } from '../../machinery/status.js';
import type { GraphNode } from './graph-node.js';
import { metadataOf, type ObjectIdentity, type OwnerReference, sameReference } from './object-identity.js';
import { descriptorOf, type RestMapper } from './rest-mapper.js';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

/** Attempts of a read-modify-write before giving up until the next retry (upstream retry.DefaultBackoff). */
const UPDATE_MAX_RETRIES = 4;

export class GcOperations {
  constructor(
    private readonly client: RestClient,
    private readonly mapper: RestMapper,
  ) {}

  /** Whether the kind of `apiVersion`/`kind` is namespaced. @throws RestMappingError. */
  namespaced(apiVersion: string, kind: string): boolean {
    return this.mapper.resourceFor(apiVersion, kind).namespaced;
  }

  /** The live object. @throws ApiError NotFound when it is gone, RestMappingError for an unknown kind. */
  getObject(id: ObjectIdentity): Promise<KubeObject> {
    const { objects, namespace } = this.target(id);
    return objects.get(namespace, id.name);
  }

  /**
   * Deletes the object if it still has its UID and `resourceVersion`; when only the version moved and the
   * owner references did not change, deletes it anyway (upstream's check against racing adoptions).
   * @throws ApiError (NotFound when it is gone, Conflict when it changed).
   */
  async deleteObject(
    id: ObjectIdentity,
    resourceVersion: string | undefined,
    ownersAtResourceVersion: readonly OwnerReference[],
    policy: PropagationPolicy,
  ): Promise<void> {
    const { objects, namespace } = this.target(id);
    const withVersion = resourceVersion ? { uid: id.uid, resourceVersion } : { uid: id.uid };
    try {
      await objects.delete(namespace, id.name, { preconditions: withVersion, propagationPolicy: policy });
      return;
    } catch (err) {
      if (!isConflict(err) || !resourceVersion) throw err;
    }
    let live: KubeObject;
    try {
      live = await objects.get(namespace, id.name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const meta = metadataOf(live);
    const unchangedOwners = sameReferences(meta.ownerReferences ?? [], ownersAtResourceVersion);
    if (meta.uid !== id.uid || meta.resourceVersion === resourceVersion || !unchangedOwners) {
      throw new StatusError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        reason: 'Conflict',
        code: 409,
        message: `the owner references of ${id.name} changed since it was read`,
      });
    }
    await objects.delete(namespace, id.name, { preconditions: { uid: id.uid }, propagationPolicy: policy });
  }

  /** Removes the references to `ownerUids` from the dependent `node`. @throws ApiError (not NotFound). */
  async removeOwnerReferences(node: GraphNode, ownerUids: readonly string[]): Promise<void> {
    const drop = new Set(ownerUids);
    const strategic = {
      metadata: { ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })), uid: node.uid },
    };
    await this.patchWithFallback(node, strategic, (refs) => refs.filter((r) => !drop.has(r.uid)));
  }

  /** Makes every blocking reference of `node` non-blocking (breaking a Foreground deletion cycle). */
  async unblockOwnerReferences(node: GraphNode): Promise<void> {
    const unblocked = node.owners
      .filter((r) => r.blockOwnerDeletion === true)
      .map((r) => ({ ...r, blockOwnerDeletion: false }));
    const strategic = { metadata: { ownerReferences: unblocked, uid: node.uid } };
    await this.patchWithFallback(node, strategic, (refs) => refs.map((r) => ({ ...r, blockOwnerDeletion: false })));
  }

  /**
   * Removes `finalizer` from the object of `node` (a merge patch guarded by resourceVersion, retried on
   * conflicts). Nothing to do when the object is gone or lacks the finalizer.
   * @throws Error when conflicts persist, ApiError for other failures.
   */
  async removeFinalizer(node: GraphNode, finalizer: string): Promise<void> {
    for (let attempt = 0; attempt < UPDATE_MAX_RETRIES; attempt++) {
      let live: KubeObject;
      try {
        live = await this.getObject(node.identity);
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      const meta = metadataOf(live);
      if (meta.uid !== node.uid) return;
      const finalizers = meta.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return;
      const rest = finalizers.filter((f) => f !== finalizer);
      const patch = {
        metadata: { resourceVersion: meta.resourceVersion, finalizers: rest.length === 0 ? null : rest },
      };
      try {
        await this.patch(node.identity, 'merge', patch);
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err)) throw err;
      }
    }
    throw new Error(
      `updateMaxRetries(${UPDATE_MAX_RETRIES}) has reached. The garbage collector will retry later for owner ${node.identity.name}`,
    );
  }

  /** Patches the object of `id`. @throws ApiError. */
  patch(id: ObjectIdentity, type: PatchType, body: unknown): Promise<KubeObject> {
    const { objects, namespace } = this.target(id);
    return objects.patch(namespace, id.name, type, body);
  }

  /**
   * A strategic merge patch; for resources that do not take one (415), a JSON merge patch of the owner
   * references `edit` computes from the live object, guarded by its resourceVersion. A vanished object is
   * fine. @throws ApiError otherwise.
   */
  private async patchWithFallback(
    node: GraphNode,
    strategic: unknown,
    edit: (refs: readonly OwnerReference[]) => OwnerReference[],
  ): Promise<void> {
    try {
      await this.patch(node.identity, 'strategic', strategic);
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!(err instanceof StatusError) || err.status.code !== 415) throw err;
    }
    let live: KubeObject;
    try {
      live = await this.getObject(node.identity);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const meta = metadataOf(live);
    if (meta.uid !== node.uid) return;
    const refs = edit(meta.ownerReferences ?? []);
    const patch = {
      metadata: { resourceVersion: meta.resourceVersion, ownerReferences: refs.length === 0 ? null : refs },
    };
    try {
      await this.patch(node.identity, 'merge', patch);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  private target(id: ObjectIdentity): { objects: ResourceClient<KubeObject>; namespace: string } {
    const resource = this.mapper.resourceFor(id.apiVersion, id.kind);
    return {
      objects: this.client.resource<KubeObject>(descriptorOf(resource)),
      namespace: resource.namespaced ? id.namespace : '',
    };
  }
}

function sameReferences(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const other = b[i];
      return other !== undefined && sameReference(r, other);
    })
  );
}
