import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NodeKind } from '../../api/core/v1/node.js';
import { PodKind } from '../../api/core/v1/pod.js';
import { makeResource } from '../registry/generic/resource.js';
import type { AdmissionAttributes } from './admission.js';
import { DefaultTolerationSeconds, type DefaultTolerationSecondsOptions } from './default-toleration-seconds.js';

const pods = makeResource(PodKind, {});

const attributes = (
  tolerations: unknown[] | undefined,
  more: Partial<AdmissionAttributes> = {},
): AdmissionAttributes => ({
  operation: 'CREATE',
  resource: pods,
  namespace: 'default',
  name: 'web',
  object: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: tolerations === undefined ? {} : { tolerations },
  },
  oldObject: undefined,
  user: undefined,
  dryRun: false,
  ...more,
});

const notReady = (seconds = 300) => ({
  key: 'node.kubernetes.io/not-ready',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: seconds,
});
const unreachable = (seconds = 300) => ({
  key: 'node.kubernetes.io/unreachable',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: seconds,
});

describe('DefaultTolerationSeconds', () => {
  const cases: {
    name: string;
    tolerations: unknown[] | undefined;
    options?: DefaultTolerationSecondsOptions;
    want: unknown[];
  }[] = [
    {
      name: 'a pod without tolerations gets both, for 300 seconds',
      tolerations: undefined,
      want: [notReady(), unreachable()],
    },
    {
      name: 'the seconds come from the options',
      tolerations: [],
      options: { notReadySeconds: 60, unreachableSeconds: 120 },
      want: [notReady(60), unreachable(120)],
    },
    {
      name: 'tolerations the pod has stay first and unchanged',
      tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
      want: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }, notReady(), unreachable()],
    },
    {
      name: 'a pod that tolerates not-ready for NoExecute gets only unreachable',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
      want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }, unreachable()],
    },
    {
      name: 'a toleration of the key with no effect covers NoExecute too',
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      want: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady()],
    },
    {
      name: 'a toleration without a key covers both taints',
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      want: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
    {
      name: 'a toleration of everything covers both taints',
      tolerations: [{ operator: 'Exists' }],
      want: [{ operator: 'Exists' }],
    },
    {
      name: 'a toleration of the key for NoSchedule only does not count',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      want: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' },
        notReady(),
        unreachable(),
      ],
    },
    {
      name: 'an own tolerationSeconds is kept',
      tolerations: [notReady(5), unreachable(6)],
      want: [notReady(5), unreachable(6)],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const a = attributes(structuredClone(c.tolerations));
      await new DefaultTolerationSeconds(c.options).admit(a);
      assert.deepEqual((a.object?.spec as { tolerations?: unknown[] }).tolerations, c.want);
    });
  }

  test('updates of a pod get the tolerations it lacks, as upstream', async () => {
    const a = attributes([], { operation: 'UPDATE' });
    await new DefaultTolerationSeconds().admit(a);
    assert.deepEqual((a.object?.spec as { tolerations?: unknown[] }).tolerations, [notReady(), unreachable()]);
  });

  test('subresources, deletes and other kinds are left alone', async () => {
    const plugin = new DefaultTolerationSeconds();
    const others: AdmissionAttributes[] = [
      attributes(undefined, { subresource: 'status' }),
      attributes(undefined, { resource: makeResource(NodeKind, {}) }),
    ];
    for (const a of others) {
      await plugin.admit(a);
      assert.deepEqual(a.object?.spec, {});
    }
    await plugin.admit(attributes(undefined, { operation: 'DELETE', object: undefined }));
  });
});
