/**
 * InterPodAffinityArgs (kubescheduler.config.k8s.io/v1): the plugin's `pluginConfig` arguments, their defaults
 * and upstream's validation.
 */
import { errorString, invalid } from '../../../machinery/field-errors.js';

export interface InterPodAffinityArgs {
  /** Scoring weight of an existing pod's required affinity term that matches the incoming pod (0…100, default 1). */
  readonly hardPodAffinityWeight?: number;
  /**
   * When true, pods without preferred inter-pod terms of their own are not scored by this plugin at all, so
   * existing pods' preferences are ignored for them (default false).
   */
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

export const DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;
export const MIN_HARD_POD_AFFINITY_WEIGHT = 0;
export const MAX_HARD_POD_AFFINITY_WEIGHT = 100;

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods']);

/**
 * The args with defaults applied.
 * @throws Error with a message naming the field when `args` is not a valid InterPodAffinityArgs object
 *   (e.g. `hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]`).
 */
export function parseInterPodAffinityArgs(args: unknown): Required<InterPodAffinityArgs> {
  if (args === undefined || args === null) {
    return { hardPodAffinityWeight: DEFAULT_HARD_POD_AFFINITY_WEIGHT, ignorePreferredTermsOfExistingPods: false };
  }
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new Error(`InterPodAffinity: args must be an InterPodAffinityArgs object, got ${JSON.stringify(args)}`);
  }
  const record = args as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(key)) throw new Error(`InterPodAffinity: args: unknown field "${key}"`);
  }
  if (record.kind !== undefined && record.kind !== 'InterPodAffinityArgs') {
    throw new Error(`InterPodAffinity: args: kind must be InterPodAffinityArgs, got ${JSON.stringify(record.kind)}`);
  }

  const weight = record.hardPodAffinityWeight ?? DEFAULT_HARD_POD_AFFINITY_WEIGHT;
  if (typeof weight !== 'number' || !Number.isInteger(weight)) {
    throw new Error(errorString(invalid('hardPodAffinityWeight', weight, 'must be an integer')));
  }
  if (weight < MIN_HARD_POD_AFFINITY_WEIGHT || weight > MAX_HARD_POD_AFFINITY_WEIGHT) {
    const range = `not in valid range [${MIN_HARD_POD_AFFINITY_WEIGHT}, ${MAX_HARD_POD_AFFINITY_WEIGHT}]`;
    throw new Error(errorString(invalid('hardPodAffinityWeight', weight, range)));
  }

  const ignore = record.ignorePreferredTermsOfExistingPods ?? false;
  if (typeof ignore !== 'boolean') {
    throw new Error(errorString(invalid('ignorePreferredTermsOfExistingPods', ignore, 'must be a boolean')));
  }
  return { hardPodAffinityWeight: weight, ignorePreferredTermsOfExistingPods: ignore };
}
