/**
 * A Job's pod failure policy (upstream matchPodFailurePolicy): the first rule that matches a failed pod —
 * by a terminated container's non-zero exit code (`onExitCodes`, In / NotIn, optionally for one container,
 * regular containers before init containers) or by a pod condition (`onPodConditions`, type and status) —
 * decides what the failure means: FailJob fails the Job, Ignore does not count it, Count counts it against
 * backoffLimit, FailIndex fails the pod's index. With no matching rule, the failure counts.
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';

export type PodFailurePolicy = NonNullable<NonNullable<Job['spec']>['podFailurePolicy']>;
type Rule = NonNullable<PodFailurePolicy['rules']>[number];
type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

export const PodFailurePolicyAction = {
  FailJob: 'FailJob',
  FailIndex: 'FailIndex',
  Ignore: 'Ignore',
  Count: 'Count',
} as const;
export type PodFailurePolicyAction = (typeof PodFailurePolicyAction)[keyof typeof PodFailurePolicyAction];

export interface PodFailureMatch {
  /** Set when a FailJob rule matched: the Job's failure message. */
  readonly failJobMessage?: string;
  /** Whether the failure counts towards backoffLimit (and backoffLimitPerIndex). */
  readonly countFailed: boolean;
  /** The action of the matching rule, if any rule matched. */
  readonly action?: PodFailurePolicyAction;
}

const NO_MATCH: PodFailureMatch = { countFailed: true };

function exitCodeMatches(exitCode: number, rule: NonNullable<Rule['onExitCodes']>): boolean {
  const listed = (rule.values ?? []).includes(exitCode);
  if (rule.operator === 'In') return listed;
  if (rule.operator === 'NotIn') return !listed;
  return false;
}

/** The first container that terminated with a non-zero code the requirement matches. */
function matchingContainer(
  statuses: readonly ContainerStatus[] | undefined,
  requirement: NonNullable<Rule['onExitCodes']>,
): ContainerStatus | undefined {
  return (statuses ?? []).find((s) => {
    const terminated = s.state?.terminated;
    if (!terminated) return false;
    if (requirement.containerName && requirement.containerName !== s.name) return false;
    const code = terminated.exitCode ?? 0;
    return code !== 0 && exitCodeMatches(code, requirement);
  });
}

function matchingCondition(pod: Pod, patterns: NonNullable<Rule['onPodConditions']>) {
  for (const condition of pod.status?.conditions ?? []) {
    for (const pattern of patterns) {
      if (condition.type === pattern.type && condition.status === (pattern.status ?? 'True')) return condition;
    }
  }
  return undefined;
}

function outcome(action: string | undefined, failJobMessage: () => string): PodFailureMatch | undefined {
  switch (action) {
    case PodFailurePolicyAction.Ignore:
      return { countFailed: false, action: PodFailurePolicyAction.Ignore };
    case PodFailurePolicyAction.FailIndex:
      return { countFailed: true, action: PodFailurePolicyAction.FailIndex };
    case PodFailurePolicyAction.Count:
      return { countFailed: true, action: PodFailurePolicyAction.Count };
    case PodFailurePolicyAction.FailJob:
      return { failJobMessage: failJobMessage(), countFailed: true, action: PodFailurePolicyAction.FailJob };
    default:
      // An action this controller does not know: the rule matches but decides nothing, as upstream.
      return undefined;
  }
}

/** What `policy` makes of the failed `pod` (a pod with no policy, or no matching rule, just counts). */
export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined | null, pod: Pod): PodFailureMatch {
  if (!policy) return NO_MATCH;
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    if (rule.onExitCodes) {
      const status = pod.status;
      const container =
        matchingContainer(status?.containerStatuses, rule.onExitCodes) ??
        matchingContainer(status?.initContainerStatuses, rule.onExitCodes);
      if (container === undefined) continue;
      const code = container.state?.terminated?.exitCode ?? 0;
      const matched = outcome(
        rule.action,
        () =>
          `Container ${container.name} for pod ${namespace}/${name} failed with exit code ${code} matching ${rule.action} rule at index ${index}`,
      );
      if (matched !== undefined) return matched;
    } else if (rule.onPodConditions) {
      const condition = matchingCondition(pod, rule.onPodConditions);
      if (condition === undefined) continue;
      const matched = outcome(
        rule.action,
        () => `Pod ${namespace}/${name} has condition ${condition.type} matching ${rule.action} rule at index ${index}`,
      );
      if (matched !== undefined) return matched;
    }
  }
  return NO_MATCH;
}
