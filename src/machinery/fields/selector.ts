/**
 * Field selectors (apimachinery fields.Selector): an AND of `field=value` / `field!=value` terms over the
 * fields a kind makes selectable. A field an object lacks reads as the empty string.
 */
import { badRequest } from '../status.js';
import { compareGoStrings } from '../validation/go-format.js';
import { escapeValue, FieldSelectorValueError, splitTerms, unescapeValue } from './escape.js';

/** The two operators of field selectors; `==` parses as `=`. */
export const FieldOperator = { Equals: '=', NotEquals: '!=' } as const;
export type FieldOperator = (typeof FieldOperator)[keyof typeof FieldOperator];

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  /** Unescaped. */
  readonly value: string;
}

export type Fields = Readonly<Record<string, string>>;

export class FieldSelector {
  private static readonly EVERYTHING = new FieldSelector([]);

  private constructor(private readonly terms: readonly FieldRequirement[]) {}

  /** Matches every object. */
  static everything(): FieldSelector {
    return FieldSelector.EVERYTHING;
  }

  /** A selector of the given terms, in the given order. */
  static of(terms: readonly FieldRequirement[]): FieldSelector {
    return terms.length === 0 ? FieldSelector.EVERYTHING : new FieldSelector([...terms]);
  }

  /** The terms, in the order parsed (sorted by their text). */
  requirements(): readonly FieldRequirement[] {
    return this.terms;
  }

  /** Does not restrict anything. */
  isEmpty(): boolean {
    return this.terms.length === 0;
  }

  /** Whether `fields` satisfy every term (a missing field counts as ""). */
  matches(fields: Fields): boolean {
    return this.matchesBy((field) => (Object.hasOwn(fields, field) ? (fields[field] as string) : ''));
  }

  /**
   * Whether the values `read` gives satisfy every term: `read` is asked only for the fields the terms name,
   * in term order, stopping at the first term that fails.
   */
  matchesBy(read: (field: string) => string): boolean {
    for (const t of this.terms) {
      const actual = read(t.field);
      if (t.operator === FieldOperator.Equals ? actual !== t.value : actual === t.value) return false;
    }
    return true;
  }

  /** The value an `=` term demands for `field`, if any (e.g. `metadata.name` for a GET-like list). */
  requiresExactMatch(field: string): string | undefined {
    return this.terms.find((t) => t.field === field && t.operator === FieldOperator.Equals)?.value;
  }

  /**
   * A copy with every term passed through `fn` (rename a field, normalise a value); a term mapped to an
   * empty field and value is dropped. Errors thrown by `fn` propagate.
   */
  transform(fn: (field: string, value: string) => { field: string; value: string }): FieldSelector {
    const next: FieldRequirement[] = [];
    for (const t of this.terms) {
      const { field, value } = fn(t.field, t.value);
      if (field !== '' || value !== '') next.push({ field, operator: t.operator, value });
    }
    return FieldSelector.of(next);
  }

  /** The canonical text: terms joined by ',', values escaped (`a=b,c!=d`). */
  toString(): string {
    return this.terms.map((t) => `${t.field}${t.operator}${escapeValue(t.value)}`).join(',');
  }
}

const OPERATORS = ['!=', '==', '='] as const;

/** Splits a term at the first operator; the field part has no escaping. */
function splitTerm(term: string): { field: string; op: (typeof OPERATORS)[number]; raw: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return { field: term.slice(0, i), op, raw: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/**
 * Parses selector text as kube-apiserver does for `fieldSelector=`: comma-separated terms (sorted), each
 * `field=value`, `field==value` or `field!=value`, with `\` escapes in values. Empty text selects everything.
 * @throws StatusError 400 BadRequest with upstream's message.
 */
export function parseFieldSelector(text: string): FieldSelector {
  const terms: FieldRequirement[] = [];
  for (const part of splitTerms(text).sort(compareGoStrings)) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (split === undefined) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    let value: string;
    try {
      value = unescapeValue(split.raw);
    } catch (err) {
      if (err instanceof FieldSelectorValueError) throw badRequest(err.message);
      throw err;
    }
    const operator = split.op === '!=' ? FieldOperator.NotEquals : FieldOperator.Equals;
    terms.push({ field: split.field, operator, value });
  }
  return FieldSelector.of(terms);
}

/** Whether `selector` matches `fields`; the free-function form of `selector.matches`. */
export const matchesFields = (selector: FieldSelector, fields: Fields): boolean => selector.matches(fields);

/** A selector matching exactly the given fields (`f=v` each, sorted by field). */
export function fieldSelectorFromSet(set: Fields): FieldSelector {
  const terms = Object.entries(set)
    .sort(([a], [b]) => compareGoStrings(a, b))
    .map(([field, value]) => ({ field, operator: FieldOperator.Equals, value }));
  return FieldSelector.of(terms);
}
