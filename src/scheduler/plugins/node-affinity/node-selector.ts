/**
 * Node selectors compiled for matching many nodes (upstream component-helpers nodeaffinity): a NodeSelector is
 * an OR of terms; a term is an AND of label requirements (`matchExpressions`: In, NotIn, Exists,
 * DoesNotExist, Gt, Lt) and field requirements (`matchFields`: `metadata.name` In/NotIn one value). An empty
 * term matches nothing. A term that does not parse matches nothing either; its errors, worded and placed as
 * upstream's, are kept for callers that report them. Compile once per pod; `matches` allocates nothing.
 */
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm } from '../../../api/core/v1/affinity.js';
import type { Node } from '../../../api/core/v1/node.js';
import { errorString, type FieldError, FieldPath, invalid, notSupported } from '../../../machinery/field-errors.js';
import { newRequirement, Operator } from '../../../machinery/labels/index.js';

export const NodeSelectorOperator = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
  Gt: 'Gt',
  Lt: 'Lt',
} as const;
export type NodeSelectorOperator = (typeof NodeSelectorOperator)[keyof typeof NodeSelectorOperator];

/** The only node field a term can select on. */
export const OBJECT_NAME_FIELD = 'metadata.name';

type Labels = Readonly<Record<string, string>> | undefined;

const LABEL_OPERATORS: Readonly<Record<string, Operator>> = {
  In: Operator.In,
  NotIn: Operator.NotIn,
  Exists: Operator.Exists,
  DoesNotExist: Operator.DoesNotExist,
  Gt: Operator.GreaterThan,
  Lt: Operator.LessThan,
};
const FIELD_OPERATORS = [NodeSelectorOperator.In, NodeSelectorOperator.NotIn];

interface LabelRequirement {
  readonly key: string;
  readonly op: NodeSelectorOperator;
  readonly values: ReadonlySet<string>;
  /** Gt/Lt: the bound. */
  readonly bound: bigint;
}

interface FieldRequirement {
  readonly key: string;
  /** In (equal) or NotIn (not equal). */
  readonly equal: boolean;
  readonly value: string;
}

/** One parsed NodeSelectorTerm. */
export class CompiledNodeSelectorTerm {
  private readonly labels: readonly LabelRequirement[] | undefined;
  private readonly fields: readonly FieldRequirement[] | undefined;
  /** Why the term does not parse; a term with errors matches nothing. */
  readonly errors: readonly FieldError[];

  /** Parses `term`; error fields are placed under `path` (e.g. `nodeSelectorTerms[0]`). */
  constructor(term: NodeSelectorTerm, path: FieldPath) {
    const errors: FieldError[] = [];
    const expressions = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    this.labels =
      expressions.length === 0 ? undefined : compileLabels(expressions, path.child('matchExpressions'), errors);
    this.fields = fields.length === 0 ? undefined : compileFields(fields, path.child('matchFields'), errors);
    this.errors = errors;
  }

  /** Whether a node with these labels and name satisfies every requirement (false when the term has errors). */
  matches(labels: Labels, nodeName: string): boolean {
    if (this.errors.length > 0) return false;
    if (this.labels !== undefined) {
      for (const r of this.labels) if (!matchesLabel(r, labels)) return false;
    }
    // Upstream compares fields only when the node has any, i.e. a name.
    if (this.fields !== undefined && nodeName !== '') {
      for (const f of this.fields) {
        const actual = f.key === OBJECT_NAME_FIELD ? nodeName : '';
        if ((actual === f.value) !== f.equal) return false;
      }
    }
    return true;
  }
}

/** Whether the term has neither matchExpressions nor matchFields (such a term selects nothing). */
export function isEmptyTerm(term: NodeSelectorTerm): boolean {
  return (term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0;
}

/** A NodeSelector compiled: its non-empty terms, ORed. */
export class CompiledNodeSelector {
  readonly terms: readonly CompiledNodeSelectorTerm[];
  /** Every term's parse errors. */
  readonly errors: readonly FieldError[];

  /** Parses `selector`; error fields read `<path>.nodeSelectorTerms[i]…` (just `nodeSelectorTerms[i]…` by default). */
  constructor(selector: NodeSelector, path: FieldPath = FieldPath.root('')) {
    const base = path.child('nodeSelectorTerms');
    const terms: CompiledNodeSelectorTerm[] = [];
    (selector.nodeSelectorTerms ?? []).forEach((term, i) => {
      if (!isEmptyTerm(term)) terms.push(new CompiledNodeSelectorTerm(term, base.index(i)));
    });
    this.terms = terms;
    this.errors = terms.flatMap((t) => t.errors);
  }

  /** Whether any term matches `node`. */
  matches(node: Node): boolean {
    const labels = node.metadata?.labels;
    const name = node.metadata?.name ?? '';
    for (const term of this.terms) if (term.matches(labels, name)) return true;
    return false;
  }
}

/** Preferred terms compiled (upstream PreferredSchedulingTerms): terms of weight 0 or empty are dropped. */
export class CompiledPreferredTerms {
  private constructor(private readonly terms: readonly { term: CompiledNodeSelectorTerm; weight: number }[]) {}

  /**
   * Parses `terms`; error fields read `<path>[i]…` (`[i]…` by default).
   * @returns the compiled terms, or every parse error when any term does not parse.
   */
  static compile(
    terms: readonly { weight?: number; preference?: NodeSelectorTerm }[],
    path: FieldPath = FieldPath.root(''),
  ): { terms: CompiledPreferredTerms } | { errors: readonly FieldError[] } {
    const compiled: { term: CompiledNodeSelectorTerm; weight: number }[] = [];
    const errors: FieldError[] = [];
    terms.forEach((t, i) => {
      const preference = t.preference ?? {};
      if ((t.weight ?? 0) === 0 || isEmptyTerm(preference)) return;
      const term = new CompiledNodeSelectorTerm(preference, path.index(i));
      if (term.errors.length > 0) errors.push(...term.errors);
      else compiled.push({ term, weight: t.weight ?? 0 });
    });
    return errors.length > 0 ? { errors } : { terms: new CompiledPreferredTerms(compiled) };
  }

  /** The sum of the weights of the terms `node` matches. */
  score(node: Node): number {
    const labels = node.metadata?.labels;
    const name = node.metadata?.name ?? '';
    let sum = 0;
    for (const { term, weight } of this.terms) if (term.matches(labels, name)) sum += weight;
    return sum;
  }
}

/**
 * Whether `node` matches `selector` (upstream MatchNodeSelectorTerms); compiles on every call, so callers
 * matching many nodes should keep a CompiledNodeSelector instead.
 */
export function nodeMatchesNodeSelector(node: Node, selector: NodeSelector): boolean {
  return new CompiledNodeSelector(selector).matches(node);
}

/** Go's flattened aggregate error text: one message alone, several (duplicates dropped) in brackets. */
export function errorsMessage(errors: readonly FieldError[]): string {
  const messages = [...new Set(errors.map(errorString))];
  return messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
}

function compileLabels(
  expressions: readonly NodeSelectorRequirement[],
  path: FieldPath,
  errors: FieldError[],
): LabelRequirement[] {
  const out: LabelRequirement[] = [];
  expressions.forEach((expr, i) => {
    const p = path.index(i);
    const operator = expr.operator ?? '';
    const selectionOperator = Object.hasOwn(LABEL_OPERATORS, operator) ? LABEL_OPERATORS[operator] : undefined;
    if (selectionOperator === undefined) {
      errors.push(notSupported(p.child('operator'), operator, Object.keys(LABEL_OPERATORS)));
      return;
    }
    const values = expr.values ?? [];
    const built = newRequirement(expr.key ?? '', selectionOperator, values, p);
    if ('errors' in built) {
      errors.push(...built.errors);
      return;
    }
    const isBound = operator === NodeSelectorOperator.Gt || operator === NodeSelectorOperator.Lt;
    out.push({
      key: built.requirement.key,
      op: operator as NodeSelectorOperator,
      values: new Set(values),
      bound: isBound ? (parseInt64(values[0] ?? '') ?? 0n) : 0n,
    });
  });
  return out;
}

function compileFields(
  requirements: readonly NodeSelectorRequirement[],
  path: FieldPath,
  errors: FieldError[],
): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  requirements.forEach((r, i) => {
    const p = path.index(i);
    const operator = r.operator ?? '';
    if (operator !== NodeSelectorOperator.In && operator !== NodeSelectorOperator.NotIn) {
      errors.push(notSupported(p.child('operator'), operator, FIELD_OPERATORS));
      return;
    }
    const values = r.values ?? [];
    if (values.length !== 1) {
      errors.push(invalid(p.child('values'), values, 'must have one element'));
      return;
    }
    out.push({ key: r.key ?? '', equal: operator === NodeSelectorOperator.In, value: values[0] ?? '' });
  });
  return out;
}

function matchesLabel(r: LabelRequirement, labels: Labels): boolean {
  const value = labelValue(labels, r.key);
  switch (r.op) {
    case NodeSelectorOperator.In:
      return value !== undefined && r.values.has(value);
    case NodeSelectorOperator.NotIn:
      return value === undefined || !r.values.has(value);
    case NodeSelectorOperator.Exists:
      return value !== undefined;
    case NodeSelectorOperator.DoesNotExist:
      return value === undefined;
    case NodeSelectorOperator.Gt:
    case NodeSelectorOperator.Lt: {
      const n = value === undefined ? undefined : parseInt64(value);
      if (n === undefined) return false;
      return r.op === NodeSelectorOperator.Gt ? n > r.bound : n < r.bound;
    }
  }
}

/**
 * The label's value, or undefined when the node lacks it. One keyed load: label values are strings, so
 * anything else (an Object.prototype member such as `constructor`) means absent.
 */
function labelValue(labels: Labels, key: string): string | undefined {
  if (labels === undefined) return undefined;
  const value: unknown = labels[key];
  return typeof value === 'string' ? value : undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(s, 10, 64), or undefined when it fails. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}
