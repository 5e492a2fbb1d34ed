/**
 * The conditions a Terminating namespace carries while the namespace controller empties it (upstream
 * namespaceConditionUpdater): each deletion pass collects what failed and what remains, then `apply` writes
 * all five condition types into the status — the failing variant (status True) for what went wrong, the "ok"
 * variant (status False) for the rest — and says whether anything changed.
 */
import { GroupDiscoveryFailedError } from './api-discovery.js';

export const NamespaceConditionType = {
  DeletionDiscoveryFailure: 'NamespaceDeletionDiscoveryFailure',
  DeletionGVParsingFailure: 'NamespaceDeletionGroupVersionParsingFailure',
  DeletionContentFailure: 'NamespaceDeletionContentFailure',
  ContentRemaining: 'NamespaceContentRemaining',
  FinalizersRemaining: 'NamespaceFinalizersRemaining',
} as const;
export type NamespaceConditionType = (typeof NamespaceConditionType)[keyof typeof NamespaceConditionType];

export interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The types this controller maintains, in the order it writes them. */
const CONDITION_TYPES: readonly NamespaceConditionType[] = Object.values(NamespaceConditionType);

const OK: Readonly<Record<NamespaceConditionType, { reason: string; message: string }>> = {
  NamespaceDeletionDiscoveryFailure: {
    reason: 'ResourcesDiscovered',
    message: 'All resources successfully discovered',
  },
  NamespaceDeletionGroupVersionParsingFailure: {
    reason: 'ParsedGroupVersions',
    message: 'All legacy kube types successfully parsed',
  },
  NamespaceDeletionContentFailure: {
    reason: 'ContentDeleted',
    message: 'All content successfully deleted, may be waiting on finalization',
  },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
};

/** What remains in the namespace after a pass: instances per `resource.group`, and per finalizer. */
export interface ContentTotals {
  readonly remainingByResource: ReadonlyMap<string, number>;
  readonly remainingByFinalizer: ReadonlyMap<string, number>;
}

export class NamespaceConditionUpdater {
  private readonly conditions = new Map<NamespaceConditionType, NamespaceCondition>();
  private readonly deleteContentErrors: string[] = [];

  constructor(private readonly now: string) {}

  /** Discovery failed (entirely, or for some groups). */
  discoveryFailed(err: unknown): void {
    const message =
      err instanceof GroupDiscoveryFailedError
        ? `Discovery failed for some groups, ${err.groups.size} failing: ${err.message}`
        : messageOf(err);
    this.set(NamespaceConditionType.DeletionDiscoveryFailure, 'DiscoveryFailed', message);
  }

  /** A discovered groupVersion did not parse. */
  groupVersionParsingFailed(err: unknown): void {
    this.set(NamespaceConditionType.DeletionGVParsingFailure, 'GroupVersionParsingFailed', messageOf(err));
  }

  /** Deleting (or listing) one resource's content failed. */
  deleteContentFailed(err: unknown): void {
    this.deleteContentErrors.push(messageOf(err));
  }

  /** Records what remains after the pass. */
  contentTotals(totals: ContentTotals): void {
    const resources = [...totals.remainingByResource]
      .filter(([, n]) => n > 0)
      .map(([gr, n]) => `${gr} has ${n} resource instances`)
      .sort();
    if (resources.length > 0) {
      this.set(
        NamespaceConditionType.ContentRemaining,
        'SomeResourcesRemain',
        `Some resources are remaining: ${resources.join(', ')}`,
      );
    }
    const finalizers = [...totals.remainingByFinalizer]
      .filter(([, n]) => n > 0)
      .map(([f, n]) => `${f} in ${n} resource instances`)
      .sort();
    if (finalizers.length > 0) {
      this.set(
        NamespaceConditionType.FinalizersRemaining,
        'SomeFinalizerRemain',
        `Some finalizers are remaining: ${finalizers.join(', ')}`,
      );
    }
  }

  /**
   * Writes the conditions into `conditions` (mutated in place: pass a copy), keeping lastTransitionTime
   * unless a status flips. Returns whether anything changed.
   */
  apply(conditions: NamespaceCondition[]): boolean {
    if (!this.conditions.has(NamespaceConditionType.DeletionContentFailure) && this.deleteContentErrors.length > 0) {
      const messages = [...this.deleteContentErrors].sort();
      this.set(
        NamespaceConditionType.DeletionContentFailure,
        'ContentDeletionFailed',
        `Failed to delete all resource types, ${messages.length} remaining: ${messages.join(', ')}`,
      );
    }
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const wanted = this.conditions.get(type) ?? {
        type,
        status: 'False',
        lastTransitionTime: this.now,
        ...OK[type],
      };
      const old = conditions.find((c) => c.type === type);
      if (old === undefined) {
        conditions.push({ ...wanted });
        changed = true;
      } else if (old.status !== wanted.status || old.message !== wanted.message || old.reason !== wanted.reason) {
        if (old.status !== wanted.status) old.lastTransitionTime = this.now;
        old.status = wanted.status;
        if (wanted.reason !== undefined) old.reason = wanted.reason;
        if (wanted.message !== undefined) old.message = wanted.message;
        changed = true;
      }
    }
    return changed;
  }

  private set(type: NamespaceConditionType, reason: string, message: string): void {
    this.conditions.set(type, { type, status: 'True', lastTransitionTime: this.now, reason, message });
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
