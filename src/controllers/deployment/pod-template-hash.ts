/**
 * The `pod-template-hash` label (upstream controller.ComputeHash): FNV-32a over a stable rendering of the
 * pod template plus the collision count, printed in decimal and spelled with upstream's SafeEncodeString
 * alphabet. The rendering is canonical JSON (sorted keys, no empty values), so equal templates hash alike
 * however they were written; the value is stable but not byte-equal to upstream's (Go hashes its own dump).
 */
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** Upstream's rand.SafeEncodeString alphabet: no vowels, no look-alike digits. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Maps each character to the alphabet by its code (upstream SafeEncodeString). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[(ch.codePointAt(0) ?? 0) % SAFE_ALPHABET.length];
  return out;
}

/** FNV-1a, 32 bits, over `bytes`, continuing from `hash`. */
export function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

/**
 * `value` without null, undefined, empty arrays and empty objects (recursively): the semantic content of
 * JSON where absent, null and empty mean the same (as apimachinery's semantic equality treats nil and empty).
 */
export function pruneEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).map((v) => (v === undefined ? null : v));
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = pruneEmpty((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

/** Canonical JSON of `value`: keys sorted, empty values dropped. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(pruneEmpty(value) ?? null);
}

/** The hash of `template` and `collisionCount` (as upstream: the count's 4 little-endian bytes, padded to 8). */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number | null): string {
  let hash = fnv32a(new TextEncoder().encode(stableStringify(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}

/** Whether two JSON values are equal once empty values are dropped. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

function withoutHashLabel(template: PodTemplateSpec | undefined): unknown {
  const labels = { ...(template?.metadata?.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  // generation is never set on a template; a protobuf-decoded one carries Go's zero.
  const { generation: _generation, ...metadata } = (template?.metadata ?? {}) as Record<string, unknown>;
  return { ...template, metadata: { ...metadata, labels } };
}

/** Whether two pod templates are equal apart from their pod-template-hash labels. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const canonical = (t: PodTemplateSpec | undefined): string =>
    JSON.stringify(pruneEmpty(dropFalse(withoutHashLabel(t))) ?? null);
  return canonical(a) === canonical(b);
}

/**
 * `false` as absent: a template decoded from protobuf carries Go's zero values (`stdin: false`, `tty: false`,
 * …) where one sent as JSON has nothing, and upstream's comparison of the Go structs sees no difference.
 */
function dropFalse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropFalse);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== false) out[k] = dropFalse(v);
    return out;
  }
  return value;
}
