/**
 * Label selectors (apimachinery labels.Selector): an AND of requirements. The empty selector matches every
 * object; the "nothing" selector (from a null metav1.LabelSelector) matches none.
 */
import { badRequest } from '../status.js';
import { compareGoStrings } from '../validation/go-format.js';
import { parseRequirements, SelectorParseError } from './parser.js';
import { matchesRequirement, Operator, type Requirement, requirementString } from './requirement.js';

export type Labels = Readonly<Record<string, string>>;

export class LabelSelector {
  private constructor(
    /** The requirements, sorted by key; all must hold. */
    readonly requirements: readonly Requirement[],
    /** True only for the selector that matches nothing. */
    readonly matchesNothing: boolean,
  ) {}

  private static readonly EVERYTHING = new LabelSelector([], false);
  private static readonly NOTHING = new LabelSelector([], true);

  /** Matches every object. */
  static everything(): LabelSelector {
    return LabelSelector.EVERYTHING;
  }

  /** Matches no object. */
  static nothing(): LabelSelector {
    return LabelSelector.NOTHING;
  }

  /** A selector of already-built requirements (sorted here by key, stably). */
  static of(requirements: readonly Requirement[]): LabelSelector {
    if (requirements.length === 0) return LabelSelector.EVERYTHING;
    return new LabelSelector(
      [...requirements].sort((a, b) => compareGoStrings(a.key, b.key)),
      false,
    );
  }

  /** Does not restrict anything (matches every object). */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  /** Whether `labels` (absent = no labels) satisfy every requirement. */
  matches(labels: Labels | undefined | null): boolean {
    if (this.matchesNothing) return false;
    return this.requirements.every((r) => matchesRequirement(r, labels ?? undefined));
  }

  /** The one value the selector demands for `key` (`k=v`, `k==v`, `k in (v)`), if it demands exactly one. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((req) => req.key === key);
    if (r === undefined || r.values.length !== 1) return undefined;
    const exact: readonly string[] = [Operator.Equals, Operator.DoubleEquals, Operator.In];
    return exact.includes(r.operator) ? r.values[0] : undefined;
  }

  /** The canonical text: requirements joined by ',' (`a=b,c in (d,e),!f`); empty for everything and nothing. */
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

/**
 * Parses selector text as kube-apiserver does for `labelSelector=`. Empty or blank text selects everything.
 * @throws StatusError 400 BadRequest with upstream's message, e.g. `unable to parse requirement: …`.
 */
export function parseLabelSelector(text: string): LabelSelector {
  try {
    return LabelSelector.of(parseRequirements(text));
  } catch (err) {
    if (err instanceof SelectorParseError) throw badRequest(err.message);
    throw err;
  }
}

/** Whether `selector` matches `labels`; the free-function form of `selector.matches`. */
export const matches = (selector: LabelSelector, labels: Labels | undefined | null): boolean =>
  selector.matches(labels);

/** A selector matching exactly the given labels (`k=v` each), unvalidated; empty or absent selects everything. */
export function labelSelectorFromSet(set: Labels | undefined | null): LabelSelector {
  const requirements = Object.entries(set ?? {}).map(([key, value]) => ({
    key,
    operator: Operator.Equals,
    values: [value],
  }));
  return LabelSelector.of(requirements);
}
