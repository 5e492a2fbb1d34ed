/**
 * Plain-data views of the plugin's cycle states for this plugin's tests (only tests import this file), so that
 * tables can state the expected counts, critical paths and constraints as literals.
 */
import type { LabelSelectorObject } from '../../../machinery/labels/index.js';
import type { SpreadConstraint } from './constraints.js';
import type { CriticalPaths } from './critical-paths.js';
import type { PreFilterState } from './filtering.js';
import type { PreScoreState } from './scoring.js';
import { describeSelector, describeSelectorObject } from './test-fixtures.js';

export interface ConstraintSummary {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: string;
  readonly minDomains: number;
  readonly honorNodeAffinity: boolean;
  readonly honorNodeTaints: boolean;
}

export type PathSummary = readonly [readonly [string, number], readonly [string, number]];

export interface PreFilterSummary {
  readonly constraints: readonly ConstraintSummary[];
  readonly paths: readonly PathSummary[];
  readonly counts: readonly Readonly<Record<string, number>>[];
}

export interface PreScoreSummary {
  readonly constraints: readonly ConstraintSummary[];
  readonly ignoredNodes: readonly string[];
  readonly counts: readonly Readonly<Record<string, number>>[];
  readonly weights: readonly number[];
}

/** The critical paths of a constraint nobody counted anything for. */
export const UNSET_PATHS: PathSummary = [
  ['', 2147483647],
  ['', 2147483647],
];

/** An expected constraint with upstream's defaults (minDomains 1, nodeAffinityPolicy Honor, taints Ignore). */
export function expectConstraint(
  maxSkew: number,
  topologyKey: string,
  selector: LabelSelectorObject | null,
  overrides: Partial<Omit<ConstraintSummary, 'selector'>> = {},
): ConstraintSummary {
  return {
    maxSkew,
    topologyKey,
    selector: describeSelectorObject(selector),
    minDomains: 1,
    honorNodeAffinity: true,
    honorNodeTaints: false,
    ...overrides,
  };
}

export function summarizeConstraint(c: SpreadConstraint): ConstraintSummary {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector: describeSelector(c.selector),
    minDomains: c.minDomains,
    honorNodeAffinity: c.honorNodeAffinity,
    honorNodeTaints: c.honorNodeTaints,
  };
}

/** Critical paths with equal counts put in alphabetical order, as upstream's tests compare them. */
export function summarizePaths(p: CriticalPaths): PathSummary {
  if (p.count0 === p.count1 && p.value0 > p.value1) {
    return [
      [p.value1, p.count0],
      [p.value0, p.count1],
    ];
  }
  return [
    [p.value0, p.count0],
    [p.value1, p.count1],
  ];
}

export function summarizePreFilter(state: PreFilterState): PreFilterSummary {
  return {
    constraints: state.constraints.map(summarizeConstraint),
    paths: state.criticalPaths.map(summarizePaths),
    counts: state.matchCounts.map((m) => Object.fromEntries(m.toMap())),
  };
}

export function summarizePreScore(state: PreScoreState): PreScoreSummary {
  return {
    constraints: state.constraints.map(summarizeConstraint),
    ignoredNodes: [...state.ignoredNodes].sort(),
    counts: state.podCounts.map((m) => Object.fromEntries(m)),
    weights: [...state.normalizingWeights],
  };
}
