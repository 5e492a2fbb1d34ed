/**
 * Naming and hashing ControllerRevisions (upstream pkg/controller/history): a revision is named
 * `<parent>-<hash>`, where the hash is FNV-32 (FNV-1, not 1a, as upstream's `fnv.New32`) over the revision's
 * data, followed by the collision count in decimal when there is one, printed in decimal and spelled with
 * upstream's SafeEncodeString alphabet. The data is hashed in a canonical JSON rendering (sorted keys, empty
 * values dropped), so equal data hashes alike however it was written; the value is stable but not byte-equal
 * to upstream's (Go hashes its own encoding).
 */
import { safeEncodeString, stableStringify } from '../deployment/pod-template-hash.js';

/** The label holding a revision's hash (upstream ControllerRevisionHashLabel). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** The longest prefix a revision name keeps, so that `<prefix>-<hash>` fits in 253 characters. */
const MAX_PREFIX_LENGTH = 223;

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1, 32 bits (multiply, then xor), over `bytes`, continuing from `hash`. */
export function fnv32(bytes: Uint8Array, hash = FNV32_OFFSET): number {
  let h = hash >>> 0;
  for (const b of bytes) h = (Math.imul(h, FNV32_PRIME) ^ b) >>> 0;
  return h >>> 0;
}

/**
 * The hash of a revision's `data`, with `probe` (the collision count) mixed in when given (upstream
 * HashControllerRevision). Pure: equal data and probe always give the same string.
 */
export function hashControllerRevision(data: unknown, probe?: number | null): string {
  const encoder = new TextEncoder();
  let hash = fnv32(encoder.encode(stableStringify(data ?? {})));
  if (probe !== undefined && probe !== null) hash = fnv32(encoder.encode(String(Math.trunc(probe))), hash);
  return safeEncodeString(String(hash));
}

/** `<prefix>-<hash>`, the prefix cut to 223 characters (upstream ControllerRevisionName). */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > MAX_PREFIX_LENGTH ? prefix.slice(0, MAX_PREFIX_LENGTH) : prefix}-${hash}`;
}
