/**
 * The "attempt to delete" work (upstream attemptToDeleteItem and friends): given a node, read the live
 * object; if every owner is gone (checked live, UID included, remembered in the absent owner cache), delete
 * it — with the propagation its own finalizers ask for; if some owners are gone but one remains, drop the
 * dangling references; if an owner waits for its dependents (Foreground) and this node has dependents of its
 * own, delete it in the foreground too; and for an owner being deleted in the foreground, remove its
 * finalizer once no blocking dependent remains.
 */
import type { KubeObject } from '../../client/kube-object.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { AbsentOwnerCache } from './absent-owner-cache.js';
import type { GcOperations, PropagationPolicy } from './gc-operations.js';
import type { GraphBuilder, GraphQueues } from './graph-builder.js';
import type { GraphNode } from './graph-node.js';
import {
  beingDeleted,
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_ORPHAN_DEPENDENTS,
  hasFinalizer,
  identityOfReference,
  metadataOf,
  type OwnerReference,
} from './object-identity.js';

/** The node is virtual and its object exists: look again (with backoff) until an informer observes it. */
export class NotYetObservedError extends Error {
  constructor(uid: string) {
    super(`item ${uid} hasn't been observed via informer yet`);
    this.name = 'NotYetObservedError';
  }
}

/** What one attempt ended with, besides success. */
const Outcome = {
  Done: 'done',
  /** The object is gone: a virtual delete event updated the graph; nothing to retry. */
  VirtualDeleteEnqueued: 'virtual-delete-enqueued',
  /** A cluster-scoped object names a namespaced owner: retrying cannot help. */
  NamespacedOwnerOfClusterScopedObject: 'namespaced-owner-of-cluster-scoped-object',
} as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];

interface Classified {
  readonly solid: OwnerReference[];
  readonly dangling: OwnerReference[];
  readonly waitingForDependentsDeletion: OwnerReference[];
}

export class AttemptToDelete {
  constructor(
    private readonly graph: GraphBuilder,
    private readonly ops: GcOperations,
    private readonly absentOwners: AbsentOwnerCache,
    private readonly queues: Pick<GraphQueues, 'attemptToDelete'>,
  ) {}

  /**
   * Processes the node with `uid` (nothing when it left the graph).
   * @throws NotYetObservedError for a virtual node whose object exists (look again later); API and mapping
   *   errors (retry with backoff).
   */
  async process(uid: string): Promise<void> {
    const node = this.graph.nodes.get(uid);
    if (node === undefined) return;
    const outcome = await this.attempt(node);
    if (outcome !== Outcome.Done) return;
    if (this.graph.nodes.get(uid)?.observed === false) throw new NotYetObservedError(uid);
  }

  private async attempt(node: GraphNode): Promise<Outcome> {
    // Being deleted is a one-way trip: its dependents are processed once it is gone.
    if (node.beingDeleted && !node.deletingDependents) return Outcome.Done;
    let latest: KubeObject;
    try {
      latest = await this.ops.getObject(node.identity);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return this.virtualDelete(node);
    }
    const meta = metadataOf(latest);
    if (meta.uid !== node.uid) return this.virtualDelete(node);
    if (node.deletingDependents) {
      await this.processDeletingDependents(node);
      return Outcome.Done;
    }
    const refs = meta.ownerReferences ?? [];
    if (refs.length === 0) return Outcome.Done;
    const classified = await this.classify(node, refs);
    if (classified === Outcome.NamespacedOwnerOfClusterScopedObject) return classified;
    const { solid, dangling, waitingForDependentsDeletion: waiting } = classified;
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return Outcome.Done;
      // Waiting owners must be dropped too, or they would wait for this object forever.
      await this.ops.removeOwnerReferences(
        node,
        [...dangling, ...waiting].map((r) => r.uid),
      );
      return Outcome.Done;
    }
    if (waiting.length > 0 && node.dependents.size > 0) {
      for (const dep of node.dependents) {
        if (!dep.deletingDependents) continue;
        // An owner and a dependent both wait for dependents: unblock this node's references to avoid a cycle.
        await this.ops.unblockOwnerReferences(node);
        break;
      }
      return this.delete(node, meta.resourceVersion, refs, 'Foreground');
    }
    const policy: PropagationPolicy = hasFinalizer(meta, FINALIZER_ORPHAN_DEPENDENTS)
      ? 'Orphan'
      : hasFinalizer(meta, FINALIZER_DELETE_DEPENDENTS)
        ? 'Foreground'
        : 'Background';
    return this.delete(node, meta.resourceVersion, refs, policy);
  }

  private async delete(
    node: GraphNode,
    resourceVersion: string | undefined,
    refs: readonly OwnerReference[],
    policy: PropagationPolicy,
  ): Promise<Outcome> {
    try {
      await this.ops.deleteObject(node.identity, resourceVersion, refs, policy);
      return Outcome.Done;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return this.virtualDelete(node);
    }
  }

  private virtualDelete(node: GraphNode): Outcome {
    this.graph.enqueueVirtualDeleteEvent(node.identity);
    return Outcome.VirtualDeleteEnqueued;
  }

  /** An owner deleted in the foreground: finished once no blocking dependent remains; else push them. */
  private async processDeletingDependents(node: GraphNode): Promise<void> {
    const blocking = node.blockingDependents();
    if (blocking.length === 0) {
      await this.ops.removeFinalizer(node, FINALIZER_DELETE_DEPENDENTS);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.queues.attemptToDelete(dep);
  }

  /** Sorts the references into solid, dangling, and owners waiting for their dependents' deletion. */
  private async classify(
    node: GraphNode,
    refs: readonly OwnerReference[],
  ): Promise<Classified | typeof Outcome.NamespacedOwnerOfClusterScopedObject> {
    const result: Classified = { solid: [], dangling: [], waitingForDependentsDeletion: [] };
    for (const ref of refs) {
      const owner = await this.lookUpOwner(node, ref);
      if (owner === Outcome.NamespacedOwnerOfClusterScopedObject) return owner;
      if (owner === undefined) {
        result.dangling.push(ref);
        continue;
      }
      const meta = metadataOf(owner);
      if (beingDeleted(meta) && hasFinalizer(meta, FINALIZER_DELETE_DEPENDENTS)) {
        result.waitingForDependentsDeletion.push(ref);
      } else {
        result.solid.push(ref);
      }
    }
    return result;
  }

  /**
   * The live owner `ref` names, or undefined when it does not exist (absent, or another object with that
   * name). @throws RestMappingError for an unknown kind, ApiError for failed reads.
   */
  private async lookUpOwner(
    node: GraphNode,
    ref: OwnerReference,
  ): Promise<KubeObject | undefined | typeof Outcome.NamespacedOwnerOfClusterScopedObject> {
    const clusterKey = identityOfReference(ref, '');
    if (this.absentOwners.has(clusterKey)) return undefined;
    const namespacedKey = identityOfReference(ref, node.identity.namespace);
    if (this.absentOwners.has(namespacedKey)) return undefined;
    const namespaced = this.ops.namespaced(ref.apiVersion, ref.kind);
    // A cluster-scoped object cannot be owned by a namespaced one.
    if (namespaced && node.identity.namespace === '') return Outcome.NamespacedOwnerOfClusterScopedObject;
    const key = namespaced ? namespacedKey : clusterKey;
    try {
      const owner = await this.ops.getObject(key);
      if (metadataOf(owner).uid === ref.uid) return owner;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    this.absentOwners.add(key);
    return undefined;
  }
}
