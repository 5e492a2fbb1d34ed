import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { matchPodFailurePolicy, type PodFailureMatch, type PodFailurePolicy } from './pod-failure-policy.js';

function failedPod(
  containers: { name: string; exitCode?: number }[],
  conditions: { type: string; status: string }[] = [],
  init: { name: string; exitCode?: number }[] = [],
): Pod {
  const statuses = (list: { name: string; exitCode?: number }[]) =>
    list.map((c) => ({
      name: c.name,
      ...(c.exitCode === undefined ? { state: { running: {} } } : { state: { terminated: { exitCode: c.exitCode } } }),
    }));
  return {
    metadata: { namespace: 'ns', name: 'p' },
    status: {
      phase: 'Failed',
      conditions,
      containerStatuses: statuses(containers),
      initContainerStatuses: statuses(init),
    },
  } as Pod;
}

const policy: PodFailurePolicy = {
  rules: [
    { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
    { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
    { action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } },
    { action: 'Count', onExitCodes: { operator: 'NotIn', values: [1, 2] } },
  ],
};

describe('matchPodFailurePolicy', () => {
  const cases: [string, PodFailurePolicy | undefined, Pod, PodFailureMatch][] = [
    [
      'without a policy every failure counts',
      undefined,
      failedPod([{ name: 'main', exitCode: 42 }]),
      { countFailed: true },
    ],
    [
      'a matching pod condition ignores the failure',
      policy,
      failedPod([{ name: 'main', exitCode: 42 }], [{ type: 'DisruptionTarget', status: 'True' }]),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'a condition with another status does not match',
      policy,
      failedPod([{ name: 'main', exitCode: 1 }], [{ type: 'DisruptionTarget', status: 'False' }]),
      { countFailed: true },
    ],
    [
      'an exit code In the list of the named container fails the Job, with upstream message',
      policy,
      failedPod([{ name: 'main', exitCode: 42 }]),
      {
        countFailed: true,
        action: 'FailJob',
        failJobMessage: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1',
      },
    ],
    [
      'the same code in another container does not match a rule naming a container',
      policy,
      failedPod([{ name: 'sidecar', exitCode: 42 }]),
      { countFailed: true, action: 'Count' },
    ],
    ['FailIndex', policy, failedPod([{ name: 'main', exitCode: 3 }]), { countFailed: true, action: 'FailIndex' }],
    [
      'NotIn matches codes outside the list',
      policy,
      failedPod([{ name: 'x', exitCode: 7 }]),
      { countFailed: true, action: 'Count' },
    ],
    ['NotIn does not match codes in the list', policy, failedPod([{ name: 'x', exitCode: 2 }]), { countFailed: true }],
    ['exit code 0 never matches', policy, failedPod([{ name: 'main', exitCode: 0 }]), { countFailed: true }],
    ['a container still running has no exit code', policy, failedPod([{ name: 'main' }]), { countFailed: true }],
    [
      'init containers are looked at after the regular ones',
      policy,
      failedPod([{ name: 'main' }], [], [{ name: 'main', exitCode: 42 }]),
      {
        countFailed: true,
        action: 'FailJob',
        failJobMessage: 'Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 1',
      },
    ],
    [
      'a FailJob condition rule names the condition',
      { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'ConfigIssue', status: 'True' }] }] },
      failedPod([], [{ type: 'ConfigIssue', status: 'True' }]),
      {
        countFailed: true,
        action: 'FailJob',
        failJobMessage: 'Pod ns/p has condition ConfigIssue matching FailJob rule at index 0',
      },
    ],
    [
      'a rule with an unknown action is passed over',
      {
        rules: [
          { action: 'Retry', onExitCodes: { operator: 'In', values: [5] } },
          { action: 'Ignore', onExitCodes: { operator: 'In', values: [5] } },
        ],
      },
      failedPod([{ name: 'main', exitCode: 5 }]),
      { countFailed: false, action: 'Ignore' },
    ],
  ];
  for (const [name, p, pod, expected] of cases) {
    test(name, () => assert.deepEqual(matchPodFailurePolicy(p, pod), expected));
  }
});
