import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DaemonSetKind } from '../../../../api/apps/v1/daemon-set.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { TEMPLATE, withSpec, workload } from '../test-fixtures.js';
import { daemonSetsStrategy } from './strategy.js';

const daemonSet = (spec: Record<string, unknown> = {}): ApiObject => workload('DaemonSet', spec);

describe('daemonsets strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a daemon set whose selector matches its template is valid', input: daemonSet(), errors: [] },
    {
      name: 'a selector that does not match the template labels is rejected',
      input: daemonSet({ selector: { matchLabels: { app: 'agent' } } }),
      errors: ['spec.template.metadata.labels: Invalid value: "object": `selector` does not match template `labels`'],
    },
    {
      name: 'an empty selector is rejected',
      input: daemonSet({ selector: {} }),
      errors: ['spec.selector: Invalid value: "object": empty selector is invalid for daemonset'],
    },
    {
      name: 'a rolling update may not surge and leave pods unavailable at once',
      input: daemonSet({
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
      }),
      errors: [
        'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
      ],
    },
    {
      name: 'a rolling update needs one of maxUnavailable and maxSurge',
      input: daemonSet({
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } },
      }),
      errors: ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    },
    {
      name: 'an unknown update strategy is rejected',
      input: daemonSet({ updateStrategy: { type: 'Rolling' } }),
      errors: ['spec.updateStrategy: Unsupported value: "object": supported values: "RollingUpdate", "OnDelete"'],
    },
    {
      name: 'pods of a daemon set may not have a deadline',
      input: daemonSet({ template: { ...TEMPLATE, spec: { ...TEMPLATE.spec, activeDeadlineSeconds: 1 } } }),
      errors: [
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported',
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(create(daemonSetsStrategy, DaemonSetKind, c.input).errors, c.errors));
  }

  test('a new daemon set reports zero scheduled pods', () => {
    assert.deepEqual(create(daemonSetsStrategy, DaemonSetKind, daemonSet()).obj.status, {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    });
  });

  test('the selector cannot change after creation', () => {
    const old = stored(daemonSetsStrategy, DaemonSetKind, daemonSet());
    const next = withSpec(old, {
      selector: { matchLabels: { app: 'web', x: 'y' } },
      template: { ...TEMPLATE, metadata: { labels: { app: 'web', x: 'y' } } },
    });
    assert.deepEqual(update(daemonSetsStrategy, DaemonSetKind, next, old).errors, [
      'spec.selector: Invalid value: "object": field is immutable',
    ]);
  });
});
