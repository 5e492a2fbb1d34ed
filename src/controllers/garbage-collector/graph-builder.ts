/**
 * The dependency graph builder (upstream GraphBuilder): turns informer events (and "virtual" delete events the
 * collector makes up once the API server says an object is gone) into changes of a graph of nodes keyed by
 * UID, and queues the nodes that need a look: dependents of a vanished owner, owners whose deletion waits for
 * dependents (Foreground), owners to orphan from (Orphan), and owners nobody has observed yet.
 *
 * Every change is O(owner references of the object), so 10,000 pods cost 10,000 small map updates.
 */
import type { AbsentOwnerCache } from './absent-owner-cache.js';
import { GraphNode } from './graph-node.js';
import {
  alternateOwnerIdentity,
  partitionDependents,
  type ReferenceChange,
  referencesDiffs,
} from './owner-references-diff.js';
import {
  beingDeleted,
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_ORPHAN_DEPENDENTS,
  type GcMetadata,
  hasFinalizer,
  identityOfReference,
  type ObjectIdentity,
  type OwnerReference,
  referenceMatchesCoordinates,
  sameIdentity,
} from './object-identity.js';

/** Where the builder sends nodes that need work. */
export interface GraphQueues {
  attemptToDelete(node: GraphNode): void;
  /** As attemptToDelete, after the node's backoff. */
  attemptToDeleteRateLimited(node: GraphNode): void;
  attemptToOrphan(node: GraphNode): void;
}

export interface GraphEvent {
  readonly type: 'add' | 'update' | 'delete';
  /** The apiVersion and kind of the resource the object was observed through. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly meta: GcMetadata;
  /** For updates: the metadata before. */
  readonly oldMeta?: GcMetadata;
  /** Made up by the collector (the API server said the object is gone), not observed by an informer. */
  readonly virtual?: boolean;
}

/** Called when a dependent names an owner in another namespace (upstream records a Warning event). */
export type InvalidOwnerReporter = (dependent: GraphNode, ownerRef: OwnerReference) => void;

export class GraphBuilder {
  /** Every node by UID. Read it; change it only through `process`. */
  readonly nodes = new Map<string, GraphNode>();

  constructor(
    private readonly queues: GraphQueues,
    private readonly absentOwners: AbsentOwnerCache,
    private readonly reportInvalidNamespace: InvalidOwnerReporter = () => undefined,
  ) {}

  /** Applies one event to the graph and queues what it calls for. */
  process(event: GraphEvent): void {
    const uid = event.meta.uid;
    if (!uid) return;
    const existing = this.nodes.get(uid);
    if (existing !== undefined && event.virtual !== true && !existing.observed) this.observe(existing, event);
    if (event.type === 'delete') {
      if (existing !== undefined) this.processDelete(existing, event);
      return;
    }
    const owners = event.meta.ownerReferences ?? [];
    if (existing === undefined) {
      const node = new GraphNode(identityOf(event), owners, true);
      node.beingDeleted = beingDeleted(event.meta);
      node.deletingDependents = node.beingDeleted && hasFinalizer(event.meta, FINALIZER_DELETE_DEPENDENTS);
      this.nodes.set(uid, node);
      this.addDependentToOwners(node, owners);
      this.processTransitions(event.oldMeta, event.meta, node);
      return;
    }
    if (
      event.virtual !== true &&
      (existing.identity.apiVersion !== event.apiVersion || existing.identity.kind !== event.kind)
    ) {
      existing.identity = { ...existing.identity, apiVersion: event.apiVersion, kind: event.kind };
    }
    const { added, removed, changed } = referencesDiffs(existing.owners, owners);
    if (added.length > 0 || removed.length > 0 || changed.length > 0) {
      this.addUnblockedOwnersToDeleteQueue(removed, changed);
      existing.owners = owners;
      this.addDependentToOwners(existing, added);
      this.removeDependentFromOwners(existing, removed);
    }
    if (beingDeleted(event.meta)) existing.beingDeleted = true;
    this.processTransitions(event.oldMeta, event.meta, existing);
  }

  /** Queues a virtual delete of `identity`: the API server says it does not exist. */
  enqueueVirtualDeleteEvent(identity: ObjectIdentity): void {
    this.process({
      type: 'delete',
      virtual: true,
      apiVersion: identity.apiVersion,
      kind: identity.kind,
      meta: { uid: identity.uid, name: identity.name, namespace: identity.namespace },
    });
  }

  /** A virtual node is observed by an informer: fix its identity and check dependents that named it otherwise. */
  private observe(node: GraphNode, event: GraphEvent): void {
    const observed = identityOf(event);
    if (!sameIdentity(observed, node.identity)) {
      const { nonmatching } = partitionDependents([...node.dependents], observed);
      for (const dep of nonmatching) {
        if (observed.namespace !== '' && dep.identity.namespace !== observed.namespace) {
          this.reportInvalid(dep, observed.uid);
        }
        this.queues.attemptToDelete(dep);
      }
      node.identity = observed;
    }
    node.observed = true;
  }

  private processDelete(existing: GraphNode, event: GraphEvent): void {
    let remove = true;
    const deleted = identityOf(event);
    if (event.virtual === true) {
      if (!existing.observed) {
        const { matching, nonmatching } = partitionDependents([...existing.dependents], deleted);
        if (nonmatching.length > 0) {
          // Some dependents name this UID with other coordinates: keep the node, try those next.
          remove = false;
          if (matching.length > 0) {
            this.absentOwners.add(deleted);
            for (const dep of matching) this.queues.attemptToDelete(dep);
          }
          if (sameIdentity(existing.identity, deleted)) {
            const replacement = alternateOwnerIdentity(nonmatching, deleted);
            if (replacement !== undefined) {
              existing.identity = replacement;
              this.queues.attemptToDeleteRateLimited(existing);
            }
          }
        }
      } else if (!sameIdentity(existing.identity, deleted)) {
        // An observed object is not removed on a virtual event for other coordinates.
        remove = false;
        const { matching } = partitionDependents([...existing.dependents], deleted);
        if (matching.length > 0) {
          this.absentOwners.add(deleted);
          for (const dep of matching) this.queues.attemptToDelete(dep);
        }
      }
    }
    if (!remove) return;
    this.nodes.delete(existing.uid);
    this.removeDependentFromOwners(existing, existing.owners);
    if (existing.dependents.size > 0) this.absentOwners.add(deleted);
    for (const dep of existing.dependents) this.queues.attemptToDelete(dep);
    for (const ref of existing.owners) {
      const owner = this.nodes.get(ref.uid);
      // An owner waiting for its dependents may now have none left.
      if (owner?.deletingDependents === true) this.queues.attemptToDelete(owner);
    }
  }

  /**
   * Adds `node` to its owners' dependents, creating virtual nodes (queued for a check with the API server)
   * for owners not in the graph; queues `node` itself when a reference looks wrong.
   */
  private addDependentToOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    let potentiallyInvalid = false;
    for (const ref of owners) {
      let owner = this.nodes.get(ref.uid);
      if (owner === undefined) {
        owner = new GraphNode(identityOfReference(ref, node.identity.namespace), [], false);
        this.nodes.set(ref.uid, owner);
        owner.dependents.add(node);
        this.queues.attemptToDelete(owner);
        continue;
      }
      owner.dependents.add(node);
      if (potentiallyInvalid) continue;
      const ownerNamespaced = owner.identity.namespace !== '';
      if (ownerNamespaced && owner.identity.namespace !== node.identity.namespace) {
        if (owner.observed) this.reportInvalid(node, ref.uid);
        potentiallyInvalid = true;
      } else if (!referenceMatchesCoordinates(ref, owner.identity)) {
        potentiallyInvalid = true;
      } else if (!ownerNamespaced && node.identity.namespace !== '' && !owner.observed) {
        // A virtual cluster-scoped owner may be a missing namespaced one named by a cluster-scoped object.
        potentiallyInvalid = true;
      }
    }
    if (potentiallyInvalid) this.queues.attemptToDelete(node);
  }

  private removeDependentFromOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    for (const ref of owners) this.nodes.get(ref.uid)?.dependents.delete(node);
  }

  /** A blocking reference removed or made non-blocking may let a Foreground deletion finish. */
  private addUnblockedOwnersToDeleteQueue(
    removed: readonly OwnerReference[],
    changed: readonly ReferenceChange[],
  ): void {
    for (const ref of removed) {
      if (ref.blockOwnerDeletion !== true) continue;
      const owner = this.nodes.get(ref.uid);
      if (owner !== undefined) this.queues.attemptToDelete(owner);
    }
    for (const { oldRef, newRef } of changed) {
      if (oldRef.blockOwnerDeletion !== true || newRef.blockOwnerDeletion === true) continue;
      const owner = this.nodes.get(newRef.uid);
      if (owner !== undefined) this.queues.attemptToDelete(owner);
    }
  }

  /** Deletion starting with the orphan or foregroundDeletion finalizer queues the owner's work. */
  private processTransitions(oldMeta: GcMetadata | undefined, meta: GcMetadata, node: GraphNode): void {
    if (deletionStartsWithFinalizer(oldMeta, meta, FINALIZER_ORPHAN_DEPENDENTS)) {
      this.queues.attemptToOrphan(node);
      return;
    }
    if (deletionStartsWithFinalizer(oldMeta, meta, FINALIZER_DELETE_DEPENDENTS)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.queues.attemptToDelete(dep);
      this.queues.attemptToDelete(node);
    }
  }

  private reportInvalid(dependent: GraphNode, ownerUid: string): void {
    const ref = dependent.owners.find((r) => r.uid === ownerUid);
    if (ref !== undefined) this.reportInvalidNamespace(dependent, ref);
  }
}

function identityOf(event: GraphEvent): ObjectIdentity {
  return {
    apiVersion: event.apiVersion,
    kind: event.kind,
    name: event.meta.name ?? '',
    uid: event.meta.uid ?? '',
    namespace: event.meta.namespace ?? '',
  };
}

function deletionStartsWithFinalizer(oldMeta: GcMetadata | undefined, meta: GcMetadata, finalizer: string): boolean {
  if (!beingDeleted(meta) || !hasFinalizer(meta, finalizer)) return false;
  if (oldMeta === undefined) return true;
  return !beingDeleted(oldMeta) || !hasFinalizer(oldMeta, finalizer);
}
