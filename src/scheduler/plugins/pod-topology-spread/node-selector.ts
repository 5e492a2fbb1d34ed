/**
 * A pod's required node affinity as PodTopologySpread's node inclusion policy reads it (upstream
 * nodeaffinity.GetRequiredNodeAffinity): `spec.nodeSelector` AND any of the required node affinity terms.
 * Terms that do not parse are dropped (they match no node), as upstream's lazy-error selector does; a term with
 * neither expressions nor fields selects nothing. Kept private to this plugin: NodeAffinity has its own.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../../api/core/v1/references.js';
import { LabelSelector, newRequirement, Operator, type Requirement } from '../../../machinery/labels/index.js';

const LABEL_OPERATORS: Readonly<Record<string, Operator>> = {
  In: Operator.In,
  NotIn: Operator.NotIn,
  Exists: Operator.Exists,
  DoesNotExist: Operator.DoesNotExist,
  Gt: Operator.GreaterThan,
  Lt: Operator.LessThan,
};

/** `metadata.name` must (or must not) equal `value`. */
interface NameField {
  readonly equal: boolean;
  readonly value: string;
}

interface ParsedTerm {
  readonly labels: LabelSelector;
  readonly names: readonly NameField[];
}

export class RequiredNodeAffinity {
  private constructor(
    /** `spec.nodeSelector` as a selector; undefined when the pod has none. */
    private readonly nodeSelector: LabelSelector | undefined,
    /** The parsed required terms; undefined when the pod has no required node affinity. */
    private readonly terms: readonly ParsedTerm[] | undefined,
  ) {}

  /** The pod's required node affinity (nodeSelector and required terms), parsed once. */
  static of(pod: Pod): RequiredNodeAffinity {
    const selectorMap = pod.spec?.nodeSelector;
    const nodeSelector = selectorMap && Object.keys(selectorMap).length > 0 ? selectorFromMap(selectorMap) : undefined;
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const terms = required ? parseTerms(required.nodeSelectorTerms ?? []) : undefined;
    return new RequiredNodeAffinity(nodeSelector, terms);
  }

  /** True when every node matches (no nodeSelector, no required terms): callers may skip `matches`. */
  get matchesAll(): boolean {
    return this.nodeSelector === undefined && this.terms === undefined;
  }

  /** Whether `node` satisfies the nodeSelector and at least one required term. */
  matches(node: Node): boolean {
    const labels = node.metadata?.labels ?? {};
    if (this.nodeSelector !== undefined && !this.nodeSelector.matches(labels)) return false;
    if (this.terms === undefined) return true;
    const name = node.metadata?.name ?? '';
    for (const term of this.terms) {
      if (termMatches(term, labels, name)) return true;
    }
    return false;
  }
}

function selectorFromMap(map: Readonly<Record<string, string>>): LabelSelector {
  const requirements: Requirement[] = Object.entries(map).map(([key, value]) => ({
    key,
    operator: Operator.Equals,
    values: [value],
  }));
  return LabelSelector.of(requirements);
}

function parseTerms(terms: readonly NodeSelectorTerm[]): ParsedTerm[] {
  const parsed: ParsedTerm[] = [];
  for (const term of terms) {
    const expressions = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (expressions.length === 0 && fields.length === 0) continue; // an empty term selects nothing
    const labels = parseExpressions(expressions);
    const names = parseFields(fields);
    if (labels === undefined || names === undefined) continue; // invalid terms match nothing
    parsed.push({ labels, names });
  }
  return parsed;
}

function parseExpressions(expressions: readonly NodeSelectorRequirement[]): LabelSelector | undefined {
  const requirements: Requirement[] = [];
  for (const expr of expressions) {
    const operator = LABEL_OPERATORS[expr.operator ?? ''];
    if (operator === undefined) return undefined;
    const built = newRequirement(expr.key ?? '', operator, expr.values ?? []);
    if ('errors' in built) return undefined;
    requirements.push(built.requirement);
  }
  return LabelSelector.of(requirements);
}

function parseFields(fields: readonly NodeSelectorRequirement[]): NameField[] | undefined {
  const names: NameField[] = [];
  for (const req of fields) {
    const values = req.values ?? [];
    if (req.key !== 'metadata.name' || values.length !== 1) return undefined;
    if (req.operator !== 'In' && req.operator !== 'NotIn') return undefined;
    names.push({ equal: req.operator === 'In', value: values[0] ?? '' });
  }
  return names;
}

function termMatches(term: ParsedTerm, labels: Readonly<Record<string, string>>, name: string): boolean {
  if (!term.labels.matches(labels)) return false;
  for (const field of term.names) {
    if ((name === field.value) !== field.equal) return false;
  }
  return true;
}
