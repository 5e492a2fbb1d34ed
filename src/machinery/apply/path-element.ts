/**
 * Field paths: the steps from an object's root to one of its fields, as upstream's structured-merge-diff
 * names them. A step selects a struct field or map entry by name, a list-map element by its key fields, a
 * set element by its value, or (for lists tracked neither way) an element by index. Steps have a total
 * order (the order FieldsV1 and conflict lists use), a printed form (`.spec.containers[name="app"].image`)
 * and the FieldsV1 form (`f:`, `k:`, `v:`, `i:`).
 */
import { isJsonObject } from '../patch/json-value.js';
import { compareStrings, compareValues, goJson, goJsonString, valueToString } from './go-value.js';

/** One key field of a list-map element: its name and value. */
export interface KeyField {
  readonly name: string;
  readonly value: unknown;
}

/** One step of a field path. A `key` step's fields are sorted by name. */
export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly KeyField[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

/** A path from the root of an object; the empty path is the object itself. */
export type FieldPath = readonly PathElement[];

/** The step to a struct field or map entry. */
export const fieldElement = (name: string): PathElement => ({ kind: 'field', name });
/** The step to a set element, by its value. */
export const valueElement = (value: unknown): PathElement => ({ kind: 'value', value });
/** The step to a list element by position (lists tracked neither by key nor by value). */
export const indexElement = (index: number): PathElement => ({ kind: 'index', index });

/** A list-map step from its key fields, in any order (they are sorted by name, as upstream keeps them). */
export function keyElement(fields: readonly KeyField[]): PathElement {
  return { kind: 'key', fields: fields.length < 2 ? [...fields] : [...fields].sort(byName) };
}

const byName = (a: KeyField, b: KeyField): number => compareStrings(a.name, b.name);

/** A path of field names: `fieldPath('spec', 'replicas')`. */
export const fieldPath = (...names: string[]): FieldPath => names.map(fieldElement);

const KIND_RANK = { field: 0, key: 1, value: 2, index: 3 } as const;

function compareKeys(a: readonly KeyField[], b: readonly KeyField[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const fa = a[i] as KeyField;
    const fb = b[i] as KeyField;
    const c = compareStrings(fa.name, fb.name) || compareValues(fa.value, fb.value);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

/** The total order of steps: fields, then keys, values and indexes, each among themselves. */
export function compareElements(a: PathElement, b: PathElement): number {
  if (a.kind !== b.kind) return Math.sign(KIND_RANK[a.kind] - KIND_RANK[b.kind]);
  switch (a.kind) {
    case 'field':
      return compareStrings(a.name, (b as typeof a).name);
    case 'key':
      return compareKeys(a.fields, (b as typeof a).fields);
    case 'value':
      return compareValues(a.value, (b as typeof a).value);
    case 'index':
      return Math.sign(a.index - (b as typeof a).index);
  }
}

/** Whether two steps select the same child. */
export const elementsEqual = (a: PathElement, b: PathElement): boolean => compareElements(a, b) === 0;

/** A step as upstream prints it: `.name`, `[name="app",port=80]`, `[=value]`, `[3]`. */
export function elementToString(element: PathElement): string {
  switch (element.kind) {
    case 'field':
      return `.${element.name}`;
    case 'key':
      return `[${element.fields.map((f) => `${f.name}=${valueToString(f.value)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(element.value)}]`;
    case 'index':
      return `[${element.index}]`;
  }
}

/** A path as upstream prints it in conflicts: `.spec.containers[name="app"].image`. */
export const pathToString = (path: FieldPath): string => path.map(elementToString).join('');

/** A step in FieldsV1 form: `f:name`, `k:{"name":"app"}`, `v:"x"`, `i:0`. */
export function serializeElement(element: PathElement): string {
  switch (element.kind) {
    case 'field':
      return `f:${element.name}`;
    case 'key': {
      // Written out by hand: every list element of every compared object comes through here.
      let text = '';
      for (const f of element.fields) text += `${text === '' ? '' : ','}${goJsonString(f.name)}:${goJson(f.value)}`;
      return `k:{${text}}`;
    }
    case 'value':
      return `v:${goJson(element.value)}`;
    case 'index':
      return `i:${element.index}`;
  }
}

/** What {@link deserializeElement} answers for a prefix it does not know (upstream skips such members). */
export const UNKNOWN_ELEMENT = Symbol('unknown path element type');

/**
 * Parses a FieldsV1 member name into a step. Returns {@link UNKNOWN_ELEMENT} for an unknown one-letter
 * prefix; throws an Error (with upstream's wording where it has one) for a malformed name.
 */
export function deserializeElement(text: string): PathElement | typeof UNKNOWN_ELEMENT {
  if (text.length < 2) throw new Error('key must be 2 characters long:');
  if (text[1] !== ':') throw new Error(`missing colon: ${text}`);
  const body = text.slice(2);
  switch (text[0]) {
    case 'f':
      return fieldElement(body);
    case 'v':
      return valueElement(parseJson(body));
    case 'k': {
      const parsed = parseJson(body);
      if (!isJsonObject(parsed)) throw new Error(`expected an object of key fields: ${text}`);
      return keyElement(Object.entries(parsed).map(([name, value]) => ({ name, value })));
    }
    case 'i': {
      if (!/^[+-]?\d+$/.test(body)) throw new Error(`strconv.Atoi: parsing ${JSON.stringify(body)}: invalid syntax`);
      return indexElement(Number(body));
    }
    default:
      return UNKNOWN_ELEMENT;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`parsing JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
