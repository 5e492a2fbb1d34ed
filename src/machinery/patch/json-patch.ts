/**
 * JSON Patch (RFC 6902, `application/json-patch+json`) as kube-apiserver applies it: the same operation
 * semantics and failure texts as the library upstream uses (evanphx/json-patch v4), including its
 * leniencies: `replace` of a missing object member adds it, `copy` from a missing member copies null,
 * negative array indexes count from the end, and `test` treats a missing member as null.
 */
import { requestEntityTooLarge } from '../status.js';
import {
  cloneJson,
  getMember,
  goJsonSize,
  hasMember,
  isJsonObject,
  type JsonObject,
  jsonEqual,
  jsonKindWord,
  setMember,
} from './json-value.js';
import { patchBadRequest, patchUnprocessable } from './patch-errors.js';

/** Upstream's limit on the operations in one JSON patch (more is 413 RequestEntityTooLarge). */
export const MAX_JSON_PATCH_OPERATIONS = 10_000;

/** Upstream's default limit on the bytes `copy` operations may add in one patch (JSONPatchMaxCopyBytes). */
export const JSON_PATCH_MAX_COPY_BYTES = 3 * 1024 * 1024;

/** One operation as decoded: members other than these are ignored, as upstream ignores them. */
export interface JsonPatchOperation {
  readonly op?: string;
  readonly path?: string;
  readonly from?: string;
  /** Absent and null differ only for `test`: both mean "no value" there. */
  readonly value?: unknown;
}

export interface JsonPatchOptions {
  /** Bytes `copy` operations may add in total; 0 means unlimited. Default {@link JSON_PATCH_MAX_COPY_BYTES}. */
  readonly maxCopyBytes?: number;
}

const STRING_FIELDS = ['op', 'path', 'from'] as const;

/**
 * Checks a decoded patch body the way upstream decodes it into its operation type, and returns the
 * operations. Throws 400 BadRequest (`error decoding patch: json: cannot unmarshal …`) when the body is not
 * an array of objects or `op`/`path`/`from` is not a string, and 413 when there are more than
 * {@link MAX_JSON_PATCH_OPERATIONS} operations. A null body is an empty patch.
 */
export function decodeJsonPatch(body: unknown): JsonPatchOperation[] {
  if (body === null) return [];
  const decodeError = (what: string): Error => patchBadRequest(`error decoding patch: json: cannot unmarshal ${what}`);
  if (!Array.isArray(body)) throw decodeError(`${jsonKindWord(body)} into Go value of type []handlers.jsonPatchOp`);
  const operations: JsonPatchOperation[] = [];
  for (const element of body) {
    if (element === null) {
      operations.push({});
      continue;
    }
    if (!isJsonObject(element))
      throw decodeError(`${jsonKindWord(element)} into Go value of type handlers.jsonPatchOp`);
    for (const field of STRING_FIELDS) {
      const v = getMember(element, field);
      if (v !== undefined && v !== null && typeof v !== 'string') {
        throw decodeError(`${jsonKindWord(v)} into Go struct field jsonPatchOp.${field} of type string`);
      }
    }
    operations.push(element as JsonPatchOperation);
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw requestEntityTooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  return operations;
}

type Container = JsonObject | unknown[];
/** An operation step's outcome: nothing on success, upstream's error text otherwise. */
type Failure = string | undefined;

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';

/** Go's strconv.Atoi: an optional sign and decimal digits, within int64. */
function atoi(key: string): bigint | { error: string } {
  const quoted = JSON.stringify(key);
  if (!/^[+-]?[0-9]+$/.test(key)) return { error: `strconv.Atoi: parsing ${quoted}: invalid syntax` };
  const n = BigInt(key);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) return { error: `strconv.Atoi: parsing ${quoted}: value out of range` };
  return n;
}

const invalidIndex = (idx: bigint): string => `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;

/** An element's position from a key, negative keys counting from the end; an error text when out of range. */
function elementIndex(list: unknown[], key: string, size = list.length): number | { error: string } {
  const parsed = atoi(key);
  return typeof parsed === 'bigint' ? resolveIndex(parsed, size) : parsed;
}

function resolveIndex(parsed: bigint, size: number): number | { error: string } {
  let idx = parsed;
  if (idx < 0n) {
    if (idx < -BigInt(size)) return { error: invalidIndex(parsed) };
    idx += BigInt(size);
  }
  if (idx >= BigInt(size)) return { error: invalidIndex(parsed) };
  return Number(idx);
}

/** The value under a key (undefined when an object has no such member), or an error text. */
function get(container: Container, key: string): { value: unknown } | { error: string } {
  if (!Array.isArray(container)) return { value: getMember(container, key) };
  const idx = elementIndex(container, key);
  return typeof idx === 'number' ? { value: container[idx] } : idx;
}

function add(container: Container, key: string, value: unknown): Failure {
  if (!Array.isArray(container)) {
    setMember(container, key, value);
    return undefined;
  }
  if (key === '-') {
    container.push(value);
    return undefined;
  }
  const parsed = atoi(key);
  if (typeof parsed !== 'bigint') return `value was not a proper array index: '${key}': ${parsed.error}`;
  const idx = resolveIndex(parsed, container.length + 1);
  if (typeof idx !== 'number') return idx.error;
  container.splice(idx, 0, value);
  return undefined;
}

function remove(container: Container, key: string): Failure {
  if (!Array.isArray(container)) {
    if (!hasMember(container, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete container[key];
    return undefined;
  }
  const idx = elementIndex(container, key);
  if (typeof idx !== 'number') return idx.error;
  container.splice(idx, 1);
  return undefined;
}

/**
 * The container a pointer's last token lives in, and that token decoded (`~1` → `/`, then `~0` → `~`).
 * Undefined when the path has no token or a step on the way is missing, null or a scalar. Like upstream,
 * the text before the first `/` is ignored.
 */
function findContainer(root: Container, path: string): { container: Container; key: string } | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let current: Container = root;
  for (const token of tokens.slice(1, -1)) {
    const next = get(current, decodeToken(token));
    if ('error' in next) return undefined;
    if (!Array.isArray(next.value) && !isJsonObject(next.value)) return undefined;
    current = next.value;
  }
  return { container: current, key: decodeToken(tokens[tokens.length - 1] ?? '') };
}

const decodeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The document and what the operations of one patch have copied so far. */
interface PatchState {
  root: Container;
  copied: number;
  readonly maxCopyBytes: number;
}

const pathOf = (op: JsonPatchOperation): string | undefined => (typeof op.path === 'string' ? op.path : undefined);
const fromOf = (op: JsonPatchOperation): string | undefined => (typeof op.from === 'string' ? op.from : undefined);
const hasValue = (op: JsonPatchOperation): boolean => Object.prototype.hasOwnProperty.call(op, 'value');
/** The operation's value; a missing `value` member is null, as upstream inserts it. */
const valueOf = (op: JsonPatchOperation): unknown => (hasValue(op) ? cloneJson(op.value) : null);

const NO_PATH = `operation missing path field: ${MISSING}`;
const NO_FROM = `operation, missing from field: ${MISSING}`;

function applyAdd(state: PatchState, op: JsonPatchOperation): Failure {
  const path = pathOf(op);
  if (path === undefined) return `add operation failed to decode path: ${MISSING}`;
  const target = findContainer(state.root, path);
  if (target === undefined) return `add operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const failure = add(target.container, target.key, valueOf(op));
  return failure && `error in add for path: '${path}': ${failure}`;
}

function applyRemove(state: PatchState, op: JsonPatchOperation): Failure {
  const path = pathOf(op);
  if (path === undefined) return `remove operation failed to decode path: ${MISSING}`;
  const target = findContainer(state.root, path);
  if (target === undefined) return `remove operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const failure = remove(target.container, target.key);
  return failure && `error in remove for path: '${path}': ${failure}`;
}

function applyReplace(state: PatchState, op: JsonPatchOperation): Failure {
  const path = pathOf(op);
  if (path === undefined) return `replace operation failed to decode path: ${NO_PATH}`;
  if (path === '') {
    const value = valueOf(op);
    if (!Array.isArray(value) && !isJsonObject(value))
      return 'replace operation value must be object or array: %!w(<nil>)';
    state.root = value;
    return undefined;
  }
  const target = findContainer(state.root, path);
  if (target === undefined) return `replace operation does not apply: doc is missing path: ${path}: ${MISSING}`;
  if ('error' in get(target.container, target.key)) {
    return `replace operation does not apply: doc is missing key: ${path}: ${MISSING}`;
  }
  const value = valueOf(op);
  if (Array.isArray(target.container)) target.container[elementIndex(target.container, target.key) as number] = value;
  else setMember(target.container, target.key, value);
  return undefined;
}

function applyMove(state: PatchState, op: JsonPatchOperation): Failure {
  const from = fromOf(op);
  if (from === undefined) return `move operation failed to decode from: ${NO_FROM}`;
  const source = findContainer(state.root, from);
  if (source === undefined) return `move operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const found = get(source.container, source.key);
  if ('error' in found) return `error in move for path: '${source.key}': ${found.error}`;
  const removed = remove(source.container, source.key);
  if (removed) return `error in move for path: '${source.key}': ${removed}`;
  const path = pathOf(op);
  if (path === undefined) return `move operation failed to decode path: ${NO_PATH}`;
  const target = findContainer(state.root, path);
  if (target === undefined)
    return `move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  const failure = add(target.container, target.key, found.value ?? null);
  return failure && `error in move for path: '${path}': ${failure}`;
}

function applyTest(state: PatchState, op: JsonPatchOperation): Failure {
  const path = pathOf(op);
  if (path === undefined) return `test operation failed to decode path: ${NO_PATH}`;
  const expected = hasValue(op) ? op.value : null;
  if (path === '') return jsonEqual(state.root, expected) ? undefined : `testing value ${path} failed: test failed`;
  const target = findContainer(state.root, path);
  if (target === undefined) return `test operation does not apply: is missing path: ${path}: ${MISSING}`;
  const found = get(target.container, target.key);
  if ('error' in found) return `error in test for path: '${path}': ${found.error}`;
  return jsonEqual(found.value ?? null, expected) ? undefined : `testing value ${path} failed: test failed`;
}

function applyCopy(state: PatchState, op: JsonPatchOperation): Failure {
  const from = fromOf(op);
  if (from === undefined) return `copy operation failed to decode from: ${NO_FROM}`;
  const source = findContainer(state.root, from);
  if (source === undefined) return `copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const found = get(source.container, source.key);
  if ('error' in found) return `error in copy for from: '${from}': ${found.error}`;
  const path = pathOf(op);
  if (path === undefined) return `copy operation failed to decode path: ${MISSING}`;
  const target = findContainer(state.root, path);
  if (target === undefined)
    return `copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  // Upstream counts a missing or null source as 0 bytes.
  state.copied += found.value === undefined || found.value === null ? 0 : goJsonSize(found.value);
  if (state.maxCopyBytes > 0 && state.copied > state.maxCopyBytes) {
    return `Unable to complete the copy, the accumulated size increase of copy is ${state.copied}, exceeding the limit ${state.maxCopyBytes}`;
  }
  const failure = add(target.container, target.key, cloneJson(found.value ?? null));
  return failure && `error while adding value during copy: ${failure}`;
}

const OPERATIONS: Record<string, (state: PatchState, op: JsonPatchOperation) => Failure> = {
  add: applyAdd,
  remove: applyRemove,
  replace: applyReplace,
  move: applyMove,
  test: applyTest,
  copy: applyCopy,
};

/**
 * Applies the operations in order to a copy of `document` (an object or array; the input is not changed)
 * and returns the result. The first failing operation aborts the patch with 422 Invalid, whose message is
 * upstream's fixed text; the failure's own words (`testing value /a failed: test failed`, `add operation
 * does not apply: doc is missing path: "/a/b": missing value`, …) are the error's `cause`.
 */
export function applyJsonPatch(
  document: unknown,
  operations: readonly JsonPatchOperation[],
  options: JsonPatchOptions = {},
): unknown {
  const root = cloneJson(document);
  if (!Array.isArray(root) && !isJsonObject(root)) throw patchUnprocessable('invalid JSON document');
  const state: PatchState = { root, copied: 0, maxCopyBytes: options.maxCopyBytes ?? JSON_PATCH_MAX_COPY_BYTES };
  for (const op of operations) {
    const kind = typeof op.op === 'string' ? op.op : 'unknown';
    const apply = Object.prototype.hasOwnProperty.call(OPERATIONS, kind) ? OPERATIONS[kind] : undefined;
    const failure = apply ? apply(state, op) : `Unexpected kind: ${kind}`;
    if (failure !== undefined) throw patchUnprocessable(failure);
  }
  return state.root;
}
