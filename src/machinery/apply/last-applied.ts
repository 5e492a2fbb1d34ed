/**
 * The bridge between client-side and server-side apply that upstream builds for kubectl (field manager
 * `kubectl` only): fields the `last-applied-configuration` annotation shows kubectl applied client-side,
 * with the same values live, may be taken over without conflict; and after a server-side apply the
 * annotation, where present, is rewritten to the new configuration, so a later client-side apply still
 * computes the right three-way patch.
 */
import { cloneJson, getMember, isJsonObject, setMember, type JsonObject } from '../patch/json-value.js';
import type { SchemaNode } from '../schema-node.js';
import { compareObjects } from './compare.js';
import type { FieldSet } from './field-set.js';
import { goJson } from './go-value.js';
import { listErrors, toFieldSet } from './to-field-set.js';

/** The annotation kubectl's client-side apply keeps the applied configuration in. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager whose applies the annotation is kept in step with (upstream hard-codes kubectl's). */
export const KUBECTL_MANAGER = 'kubectl';

/** Upstream's limit on the total size of an object's annotations (names and values, bytes). */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

function annotationsOf(object: unknown): JsonObject | undefined {
  const metadata = isJsonObject(object) ? getMember(object, 'metadata') : undefined;
  const annotations = isJsonObject(metadata) ? getMember(metadata, 'annotations') : undefined;
  return isJsonObject(annotations) ? annotations : undefined;
}

/** The annotation's value when present and not empty. */
function lastAppliedOf(object: unknown): string | undefined {
  const value = annotationsOf(object)?.[LAST_APPLIED_ANNOTATION];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The fields kubectl's last client-side apply set that still hold the applied values live: conflicts on
 * them are allowed. Undefined when the object has no usable annotation (absent, not JSON, another
 * apiVersion, or lists without their keys).
 */
export function fieldsFromLastApplied(live: unknown, schema: SchemaNode, apiVersion: string): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (text === undefined) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(lastApplied) || lastApplied['apiVersion'] !== apiVersion) return undefined;
  if (listErrors(lastApplied, schema).length > 0) return undefined;
  const { added, modified, removed } = compareObjects(lastApplied, live, schema);
  return toFieldSet(lastApplied, schema).difference(modified).difference(added).difference(removed);
}

/** The annotation's value for a configuration: its JSON (members sorted, newline-terminated), without itself. */
export function lastAppliedValue(config: JsonObject): string {
  const copy = cloneJson(config);
  const annotations = annotationsOf(copy);
  if (annotations !== undefined) delete annotations[LAST_APPLIED_ANNOTATION];
  return `${goJson(copy)}\n`;
}

const annotationsSize = (annotations: JsonObject): number =>
  Object.entries(annotations).reduce(
    (n, [name, value]) => n + Buffer.byteLength(name) + Buffer.byteLength(typeof value === 'string' ? value : ''),
    0,
  );

/**
 * Rewrites `object`'s annotation (in place) to `config`'s value, if the object has the annotation; drops
 * it instead when the annotations would outgrow their size limit.
 */
export function syncLastApplied(object: JsonObject, config: JsonObject): void {
  if (lastAppliedOf(object) === undefined) return;
  const annotations = annotationsOf(object) as JsonObject;
  setMember(annotations, LAST_APPLIED_ANNOTATION, lastAppliedValue(config));
  if (annotationsSize(annotations) > TOTAL_ANNOTATION_SIZE_LIMIT) delete annotations[LAST_APPLIED_ANNOTATION];
}
