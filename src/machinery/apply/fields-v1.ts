/**
 * The FieldsV1 encoding of a field set, as managedFields entries carry it: a JSON object whose members are
 * steps (`f:name`, `k:{"name":"app"}`, `v:"x"`, `i:0`); a member's value is `{}` when the path is a member
 * of the set, or an object of deeper steps, with `".": {}` first when the path is also a member itself.
 * Members are written in the step order, so equal sets encode to identical JSON.
 */
import { isJsonObject, type JsonObject } from '../patch/json-value.js';
import { FieldSet, type FieldSetChild } from './field-set.js';
import {
  compareElements,
  deserializeElement,
  type PathElement,
  serializeElement,
  UNKNOWN_ELEMENT,
} from './path-element.js';

/** The FieldsV1 object of a set. */
export function encodeFieldsV1(set: FieldSet): JsonObject {
  return emit(set, false);
}

// Member names start with a step prefix (`f:`, `k:` …) or are `.`, so plain assignment is safe.
function emit(set: FieldSet, includeSelf: boolean): JsonObject {
  const out: JsonObject = {};
  if (includeSelf && (set.members.length > 0 || set.children.length > 0)) out['.'] = {};
  let m = 0;
  let c = 0;
  while (m < set.members.length || c < set.children.length) {
    const member = set.members[m];
    const child = set.children[c];
    const order = member === undefined ? 1 : child === undefined ? -1 : compareElements(member, child.element);
    if (order < 0) {
      out[serializeElement(member as PathElement)] = {};
      m++;
    } else if (order > 0) {
      const { element, set: below } = child as FieldSetChild;
      out[serializeElement(element)] = emit(below, false);
      c++;
    } else {
      const { element, set: below } = child as FieldSetChild;
      out[serializeElement(element)] = emit(below, true);
      m++;
      c++;
    }
  }
  return out;
}

/**
 * The set a FieldsV1 value encodes. Members with an unknown one-letter prefix are skipped, as upstream
 * skips them; anything else malformed throws an Error whose message says what.
 */
export function decodeFieldsV1(value: unknown): FieldSet {
  if (value === null || value === undefined) return FieldSet.EMPTY;
  return read(value).children ?? FieldSet.EMPTY;
}

interface Read {
  /** The paths below this node, if any. */
  readonly children: FieldSet | undefined;
  /** Whether this node's own path is a member. */
  readonly isMember: boolean;
}

function read(value: unknown): Read {
  if (!isJsonObject(value)) throw new Error(`expected an object in FieldsV1, got ${JSON.stringify(value)}`);
  const members: PathElement[] = [];
  const children: FieldSetChild[] = [];
  let isMember = false;
  for (const [name, inner] of Object.entries(value)) {
    if (name === '.') {
      isMember = true;
      continue;
    }
    const element = deserializeElement(name);
    if (element === UNKNOWN_ELEMENT) continue;
    const below = read(inner);
    if (below.isMember) members.push(element);
    if (below.children !== undefined) children.push({ element, set: below.children });
  }
  if (members.length === 0 && children.length === 0) return { children: undefined, isMember: true };
  return { children: new FieldSet(sortedUnique(members), mergedChildren(children)), isMember };
}

/** Members may come in any order (or twice, spelled differently): sort them and drop repeats. */
function sortedUnique(elements: PathElement[]): PathElement[] {
  elements.sort(compareElements);
  return elements.filter((e, i) => i === 0 || compareElements(elements[i - 1] as PathElement, e) !== 0);
}

/** Children sorted, a step given twice merged into one. */
function mergedChildren(children: FieldSetChild[]): FieldSetChild[] {
  children.sort((a, b) => compareElements(a.element, b.element));
  const out: FieldSetChild[] = [];
  for (const child of children) {
    const last = out[out.length - 1];
    if (last !== undefined && compareElements(last.element, child.element) === 0) {
      out[out.length - 1] = { element: last.element, set: last.set.union(child.set) };
    } else {
      out.push(child);
    }
  }
  return out;
}
