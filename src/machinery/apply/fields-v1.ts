/**
 * The FieldsV1 encoding of a field set, as managedFields entries carry it: a JSON object whose members are
 * steps (`f:name`, `k:{"name":"app"}`, `v:"x"`, `i:0`); a member's value is `{}` when the path is a member
 * of the set, or an object of deeper steps, with `".": {}` first when the path is also a member itself.
 * Members are written in the step order, so equal sets encode to identical JSON.
 */
import { isJsonObject, setMember, type JsonObject } from '../patch/json-value.js';
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
      setMember(out, serializeElement(member as PathElement), {});
      m++;
    } else if (order > 0) {
      const { element, set: below } = child as FieldSetChild;
      setMember(out, serializeElement(element), emit(below, false));
      c++;
    } else {
      const { element, set: below } = child as FieldSetChild;
      setMember(out, serializeElement(element), emit(below, true));
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
  // Members may come in any order (or twice): union puts them in order, merging repeated steps.
  let set = FieldSet.EMPTY;
  for (const element of members) set = set.union(new FieldSet([element], []));
  for (const child of children) set = set.union(new FieldSet([], [child]));
  return { children: set, isMember };
}
