/**
 * A node of the dependency graph: one object (or a "virtual" owner that dependents name but no informer has
 * shown yet), its owner references, and the nodes that name it as owner. Nodes are keyed by UID in the graph
 * and are mutated in place (JavaScript runs one callback at a time, so a reader never sees half a change).
 */
import type { ObjectIdentity, OwnerReference } from './object-identity.js';

export class GraphNode {
  /** The nodes whose ownerReferences name this node's UID. */
  readonly dependents = new Set<GraphNode>();
  /** Whether the object's deletion has started (deletionTimestamp set). */
  beingDeleted = false;
  /** Whether it is being deleted with Foreground propagation (foregroundDeletion finalizer). */
  deletingDependents = false;

  constructor(
    public identity: ObjectIdentity,
    /** The object's ownerReferences as last observed (never mutated: replaced). */
    public owners: readonly OwnerReference[],
    /** False for a virtual node: known only from dependents' references, not (yet) from an informer. */
    public observed: boolean,
  ) {}

  get uid(): string {
    return this.identity.uid;
  }

  /** Dependents whose reference to this node has blockOwnerDeletion: they hold a Foreground deletion. */
  blockingDependents(): GraphNode[] {
    const uid = this.uid;
    return [...this.dependents].filter((d) => d.owners.some((r) => r.uid === uid && r.blockOwnerDeletion === true));
  }
}
