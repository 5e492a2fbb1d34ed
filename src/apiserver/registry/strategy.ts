/**
 * A resource's policy: what the generic registry cannot know about a kind. Everything about storage,
 * metadata bookkeeping, concurrency and watch is the registry's; a strategy only shapes and checks objects.
 * Every hook may mutate the object it is given (never `old`: it is shared with caches).
 *
 * The registry calls, on create: system metadata → prepareForCreate → (schema defaults) → validate →
 * canonicalize; on update: prepareForUpdate → validateUpdate → canonicalize. The status subresource uses
 * the same strategy with `prepareForStatusUpdate`/`validateStatusUpdate` instead.
 */
import type { FieldError } from '../../machinery/field-errors.js';

/** A JSON object as the registry handles it: any kind, Kubernetes field names. */
export type ApiObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: Record<string, unknown> & { name?: string; namespace?: string };
};

export interface UserInfo {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
}

export interface StrategyContext {
  readonly now: Date;
  readonly user?: UserInfo;
}

export interface Strategy {
  /** Clears what users may not set on create (usually `status`) and sets initial values. */
  prepareForCreate?(obj: ApiObject, ctx: StrategyContext): void;
  /** Field errors of a new object, beyond schema type checks and metadata rules (the registry does those). */
  validate?(obj: ApiObject, ctx: StrategyContext): FieldError[];
  /** Keeps what a main-resource update may not change (usually `status`, copied from `old`). */
  prepareForUpdate?(obj: ApiObject, old: ApiObject, ctx: StrategyContext): void;
  /** Field errors of an update (immutable fields, transitions), beyond metadata rules. */
  validateUpdate?(obj: ApiObject, old: ApiObject, ctx: StrategyContext): FieldError[];
  /** For the status subresource: keeps everything but status from `old`. Default: exactly that. */
  prepareForStatusUpdate?(obj: ApiObject, old: ApiObject, ctx: StrategyContext): void;
  validateStatusUpdate?(obj: ApiObject, old: ApiObject, ctx: StrategyContext): FieldError[];
  /** Normalises a valid object before it is stored. */
  canonicalize?(obj: ApiObject): void;
  /** Warnings for the `Warning` response header (deprecated fields and the like). */
  warnings?(obj: ApiObject, old: ApiObject | undefined): string[];
  /**
   * Whether an update without metadata.resourceVersion is allowed (last write wins). Default true, as for
   * most upstream kinds.
   */
  readonly allowUnconditionalUpdate?: boolean;
  /**
   * Graceful deletion: the grace period to use when the client gives none, or undefined for immediate
   * deletion (only pods are deleted gracefully upstream).
   */
  defaultGracePeriodSeconds?(obj: ApiObject): number | undefined;
  /**
   * Deletion: called when an object is to be deleted; returns true when it must wait instead (a namespace
   * with spec.finalizers turns Terminating). May mutate the object, which is then stored with its
   * deletionTimestamp.
   */
  prepareForDelete?(obj: ApiObject, ctx: StrategyContext): boolean;
  /** Whether an object being deleted still waits for something besides metadata.finalizers. */
  pendingFinalization?(obj: ApiObject): boolean;
  /** For the `finalize` subresource: keeps everything of `old` but what finalizing may change. */
  prepareForFinalize?(obj: ApiObject, old: ApiObject): void;
  /** The name validation for metadata.name (default: DNS-1123 subdomain). Returns messages. */
  validateName?(name: string, prefix: boolean): string[];
}

/** A strategy that adds nothing to the registry's own rules. */
export const DEFAULT_STRATEGY: Strategy = {};
