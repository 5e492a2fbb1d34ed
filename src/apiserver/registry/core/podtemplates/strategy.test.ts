import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PodTemplateKind } from '../../../../api/core/v1/pod-template.js';
import { CTX, defaulted, messages, type Rec } from '../pods/test-fixtures.js';
import { podTemplateStrategy } from './strategy.js';

const template = (spec: Rec, metadata: Rec = {}): ReturnType<typeof defaulted> =>
  defaulted(PodTemplateKind, {
    metadata: { name: 't', namespace: 'default', ...metadata },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
    },
  });

describe('pod template policy', () => {
  test('a template with a valid pod spec is valid', () =>
    assert.deepEqual(messages(podTemplateStrategy.validate?.(template({}), CTX) ?? []), []));

  const cases: [string, Rec, string][] = [
    ['its pod spec is validated', { containers: [] }, 'template.spec.containers: Required value'],
    [
      'ephemeral containers are not for templates',
      { ephemeralContainers: [{ name: 'd', image: 'x' }] },
      'template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
    ],
  ];
  for (const [name, spec, expected] of cases) {
    test(name, () => assert.ok(messages(podTemplateStrategy.validate?.(template(spec), CTX) ?? []).includes(expected)));
  }

  test('a template hostPort may be left for the pod to default under hostNetwork', () => {
    const t = template({
      hostNetwork: true,
      containers: [{ name: 'app', image: 'x:1', ports: [{ containerPort: 80 }] }],
    });
    assert.deepEqual(messages(podTemplateStrategy.validate?.(t, CTX) ?? []), []);
  });

  test('generation starts at 1 and grows when the template changes', () => {
    const created = template({});
    podTemplateStrategy.prepareForCreate?.(created, CTX);
    assert.equal(created.metadata?.generation, 1);
    const relabelled = template({}, { labels: { x: 'y' }, generation: 1 });
    podTemplateStrategy.prepareForUpdate?.(relabelled, created, CTX);
    assert.equal(relabelled.metadata?.generation, 1);
    const changed = template({ restartPolicy: 'Never' });
    podTemplateStrategy.prepareForUpdate?.(changed, created, CTX);
    assert.equal(changed.metadata?.generation, 2);
  });
});
