import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReplicationControllerKind } from '../../../../api/core/v1/replication-controller.js';
import { CTX, defaulted, messages, type Rec } from '../pods/test-fixtures.js';
import { replicationControllerStrategy } from './strategy.js';

function rc(
  spec: Rec,
  templateSpec: Rec = {},
  templateLabels: Rec | null = { app: 'web' },
): ReturnType<typeof defaulted> {
  return defaulted(ReplicationControllerKind, {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      template: {
        metadata: templateLabels === null ? {} : { labels: templateLabels },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...templateSpec },
      },
      ...spec,
    },
  });
}

const validate = (obj: ReturnType<typeof rc>): string[] =>
  messages(replicationControllerStrategy.validate?.(obj, CTX) ?? []);

describe('replication controller validation', () => {
  test('a controller whose selector defaults from its template is valid', () => assert.deepEqual(validate(rc({})), []));

  const cases: [string, ReturnType<typeof rc>, string][] = [
    [
      'replicas may not be negative',
      rc({ replicas: -1 }),
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'the selector must match the template labels',
      rc({ selector: { app: 'db' } }),
      'spec.template.metadata.labels: Invalid value: "object": `selector` does not match template `labels`',
    ],
    ['a selector is required', rc({}, {}, null), 'spec.selector: Required value'],
    [
      'pods of a controller always restart',
      rc({}, { restartPolicy: 'Never' }),
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'the template is validated as a pod spec',
      rc({}, { containers: [{ name: 'app' }] }),
      'spec.template.spec.containers[0].image: Required value',
    ],
    [
      'activeDeadlineSeconds is not for controllers',
      rc({}, { activeDeadlineSeconds: 10 }),
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
    ],
  ];
  for (const [name, obj, expected] of cases) {
    test(name, () => assert.ok(validate(obj).includes(expected), JSON.stringify(validate(obj))));
  }

  test('a new controller starts with zero replicas in its status', () => {
    const obj = rc({});
    obj.status = { replicas: 5 };
    replicationControllerStrategy.prepareForCreate?.(obj, CTX);
    assert.deepEqual(obj.status, { replicas: 0 });
  });

  test('status counts are consistent', () => {
    const obj = rc({});
    obj.status = { replicas: 1, readyReplicas: 2, availableReplicas: 1 };
    assert.deepEqual(messages(replicationControllerStrategy.validateStatusUpdate?.(obj, rc({}), CTX) ?? []), [
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });
});
