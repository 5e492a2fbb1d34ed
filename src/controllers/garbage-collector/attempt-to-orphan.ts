/**
 * The "attempt to orphan" work (upstream attemptToOrphanWorker): an owner deleted with the `orphan`
 * finalizer has its references removed from every dependent the graph knows, then loses the finalizer —
 * after which the API server deletes it and the dependents live on without it.
 */
import type { GcOperations } from './gc-operations.js';
import type { GraphBuilder } from './graph-builder.js';
import { FINALIZER_ORPHAN_DEPENDENTS, identityString } from './object-identity.js';

/** Dependents patched at once (the client's rate limit spreads them further). */
const ORPHAN_CONCURRENCY = 32;

export class AttemptToOrphan {
  constructor(
    private readonly graph: GraphBuilder,
    private readonly ops: GcOperations,
  ) {}

  /**
   * Orphans the dependents of the owner with `uid`, then removes its `orphan` finalizer.
   * @throws Error naming the dependents that could not be updated, or the finalizer's failure (retry).
   */
  async process(uid: string): Promise<void> {
    const owner = this.graph.nodes.get(uid);
    if (owner === undefined) return;
    const dependents = [...owner.dependents];
    const failures: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < dependents.length) {
        const dependent = dependents[next++];
        if (dependent === undefined) continue;
        try {
          await this.ops.removeOwnerReferences(dependent, [uid]);
        } catch (err) {
          failures.push(`orphaning ${identityString(dependent.identity)} failed, ${messageOf(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(ORPHAN_CONCURRENCY, dependents.length) }, worker));
    if (failures.length > 0) {
      throw new Error(
        `failed to orphan dependents of owner ${identityString(owner.identity)}, got errors: [${failures.join(', ')}]`,
      );
    }
    await this.ops.removeFinalizer(owner, FINALIZER_ORPHAN_DEPENDENTS);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
