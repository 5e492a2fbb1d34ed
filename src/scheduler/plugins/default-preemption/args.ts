/**
 * DefaultPreemptionArgs (upstream config.DefaultPreemptionArgs): how many nodes a preemption dry-runs at least,
 * as a share of the candidate nodes and as an absolute count. The larger of the two wins, capped at the number
 * of candidate nodes.
 */
import { errorString, type FieldError, FieldPath, invalid } from '../../../machinery/field-errors.js';

export interface DefaultPreemptionArgs {
  /** Share of candidate nodes to dry-run, 0–100 (default 10). */
  readonly minCandidateNodesPercentage?: number;
  /** Candidate nodes to dry-run at least, ≥ 0 (default 100). */
  readonly minCandidateNodesAbsolute?: number;
}

/** The arguments with upstream's defaults filled in (kube-scheduler config v1 SetDefaults_DefaultPreemptionArgs). */
export type ResolvedDefaultPreemptionArgs = Required<DefaultPreemptionArgs>;

export const DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE = 100;

const PERCENTAGE = 'minCandidateNodesPercentage';
const ABSOLUTE = 'minCandidateNodesAbsolute';

/**
 * Defaults and validates `args` (a pluginConfig args object, or undefined) as upstream's
 * ValidateDefaultPreemptionArgs does.
 * @throws Error naming every invalid field, e.g.
 *   `minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]`.
 */
export function resolveDefaultPreemptionArgs(args: unknown): ResolvedDefaultPreemptionArgs {
  if (args !== undefined && args !== null && (typeof args !== 'object' || Array.isArray(args))) {
    throw new Error(`DefaultPreemption: args must be an object, got ${JSON.stringify(args)}`);
  }
  const given = (args ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const percentage = numberField(given, PERCENTAGE, DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE, errors);
  const absolute = numberField(given, ABSOLUTE, DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE, errors);
  if (errors.length === 0) {
    if (percentage < 0 || percentage > 100) {
      errors.push(invalid(FieldPath.root(PERCENTAGE), percentage, 'not in valid range [0, 100]'));
    }
    if (absolute < 0) errors.push(invalid(FieldPath.root(ABSOLUTE), absolute, 'not in valid range [0, inf)'));
    if (percentage === 0 && absolute === 0) {
      errors.push(
        invalid(FieldPath.root(PERCENTAGE), percentage, `cannot be zero at the same time as ${ABSOLUTE}`),
        invalid(FieldPath.root(ABSOLUTE), absolute, `cannot be zero at the same time as ${PERCENTAGE}`),
      );
    }
  }
  if (errors.length > 0) {
    const first = errors[0];
    const text = errors.length === 1 && first ? errorString(first) : `[${errors.map(errorString).join(', ')}]`;
    throw new Error(`DefaultPreemption: invalid args: ${text}`);
  }
  return { minCandidateNodesPercentage: percentage, minCandidateNodesAbsolute: absolute };
}

function numberField(given: Record<string, unknown>, name: string, fallback: number, errors: FieldError[]): number {
  const value = given[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errors.push(invalid(FieldPath.root(name), value, 'must be an integer'));
    return fallback;
  }
  return value;
}

/**
 * How many candidates a dry run must find (upstream calculateNumCandidates): `numNodes` × percentage / 100
 * (rounded down), raised to the absolute minimum, capped at `numNodes`.
 */
export function numCandidates(args: ResolvedDefaultPreemptionArgs, numNodes: number): number {
  const byShare = Math.floor((numNodes * args.minCandidateNodesPercentage) / 100);
  return Math.min(Math.max(byShare, args.minCandidateNodesAbsolute), numNodes);
}
