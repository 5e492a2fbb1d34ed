import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeploymentKind } from '../../../../api/apps/v1/deployment.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../../core/validation/strategy-harness.js';
import { TEMPLATE, withSpec, workload } from '../test-fixtures.js';
import { deploymentsStrategy } from './strategy.js';

const deployment = (spec: Record<string, unknown> = {}): ApiObject => workload('Deployment', spec);

describe('deployments strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a deployment whose selector matches its template is valid', input: deployment(), errors: [] },
    {
      name: 'negative replicas are rejected',
      input: deployment({ replicas: -1 }),
      errors: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'a deployment without a selector needs one, and selects none of its pods',
      input: deployment({ selector: undefined }),
      errors: [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: "object": `selector` does not match template `labels`',
      ],
    },
    {
      name: 'a selector that does not match the template labels is rejected',
      input: deployment({ selector: { matchLabels: { app: 'db' } } }),
      errors: ['spec.template.metadata.labels: Invalid value: "object": `selector` does not match template `labels`'],
    },
    {
      name: 'an empty selector is rejected',
      input: deployment({ selector: {} }),
      errors: ['spec.selector: Invalid value: "object": empty selector is invalid for deployment'],
    },
    {
      name: 'a selector expression with a bad operator is rejected',
      input: deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Near', values: ['web'] }] } }),
      errors: [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
        'spec.selector: Invalid value: "object": invalid label selector',
      ],
    },
    {
      name: 'pods of a deployment must restart Always',
      input: deployment({ template: { ...TEMPLATE, spec: { ...TEMPLATE.spec, restartPolicy: 'Never' } } }),
      errors: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      name: 'pods of a deployment may not have a deadline',
      input: deployment({ template: { ...TEMPLATE, spec: { ...TEMPLATE.spec, activeDeadlineSeconds: 5 } } }),
      errors: [
        'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
      ],
    },
    {
      name: 'a rolling update may not have both maxSurge and maxUnavailable zero',
      input: deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } }),
      errors: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0'],
    },
    {
      name: 'maxUnavailable is a count or a percentage of at most 100%',
      input: deployment({
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'half', maxUnavailable: '150%' } },
      }),
      errors: [
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: "half": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
      ],
    },
    {
      name: 'a Recreate deployment takes no rolling update parameters',
      input: deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      errors: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    },
    {
      name: 'the progress deadline must exceed minReadySeconds',
      input: deployment({ minReadySeconds: 30, progressDeadlineSeconds: 30 }),
      errors: ['spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(create(deploymentsStrategy, DeploymentKind, c.input).errors, c.errors));
  }

  test('a new deployment starts with an empty status whatever the client sent', () => {
    const { obj } = create(deploymentsStrategy, DeploymentKind, { ...deployment(), status: { replicas: 3 } });
    assert.deepEqual(obj.status, {});
  });

  test('the selector cannot change after creation', () => {
    const old = stored(deploymentsStrategy, DeploymentKind, deployment());
    const next = withSpec(old, {
      selector: { matchLabels: { app: 'web', tier: 'x' } },
      template: { ...TEMPLATE, metadata: { labels: { app: 'web', tier: 'x' } } },
    });
    assert.deepEqual(update(deploymentsStrategy, DeploymentKind, next, old).errors, [
      'spec.selector: Invalid value: "object": field is immutable',
    ]);
  });

  test('an update keeps the stored status', () => {
    const old = { ...stored(deploymentsStrategy, DeploymentKind, deployment()), status: { replicas: 2 } };
    const { obj } = update(
      deploymentsStrategy,
      DeploymentKind,
      { ...withSpec(old, { replicas: 5 }), status: { replicas: 9 } },
      old,
    );
    assert.deepEqual(obj.status, { replicas: 2 });
  });

  const generations: [string, (o: ApiObject) => void, number][] = [
    [
      'an annotation change bumps the generation',
      (o) => ((o.metadata as Record<string, unknown>).annotations = { a: 'b' }),
      4,
    ],
    ['a label change leaves the generation', (o) => ((o.metadata as Record<string, unknown>).labels = { a: 'b' }), 3],
  ];
  for (const [name, change, generation] of generations) {
    test(name, () => {
      const old = stored(deploymentsStrategy, DeploymentKind, deployment());
      (old.metadata as Record<string, unknown>).generation = 3;
      const next = structuredClone(old);
      change(next);
      const { obj } = update(deploymentsStrategy, DeploymentKind, next, old);
      assert.equal((obj.metadata as Record<string, unknown>).generation, generation);
    });
  }

  const statuses: { name: string; status: Record<string, unknown>; old?: Record<string, unknown>; errors: string[] }[] =
    [
      {
        name: 'a consistent status is accepted',
        status: { replicas: 2, readyReplicas: 2, availableReplicas: 1 },
        errors: [],
      },
      {
        name: 'more ready replicas than replicas are rejected',
        status: { replicas: 1, readyReplicas: 2, availableReplicas: 1 },
        errors: ['status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas'],
      },
      {
        name: 'more available than ready replicas are rejected',
        status: { replicas: 3, readyReplicas: 1, availableReplicas: 2 },
        errors: ['status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas'],
      },
      {
        name: 'the collision count may not go down',
        status: { collisionCount: 1 },
        old: { collisionCount: 2 },
        errors: ['status.collisionCount: Invalid value: 1: cannot be decremented'],
      },
    ];
  for (const c of statuses) {
    test(`status: ${c.name}`, () => {
      const old = { ...stored(deploymentsStrategy, DeploymentKind, deployment()), status: c.old ?? {} };
      assert.deepEqual(
        updateStatus(deploymentsStrategy, DeploymentKind, { ...old, status: c.status }, old).errors,
        c.errors,
      );
    });
  }
});
