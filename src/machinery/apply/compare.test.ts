import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareObjects } from './compare.js';
import { fieldPath, pathToString } from './path-element.js';
import { deploymentSchema, podSchema } from './test-schemas.js';
import { FieldSet } from './field-set.js';
import type { SchemaNode } from '../schema-node.js';

const paths = (set: FieldSet): string[] => set.paths().map(pathToString);

const pod = (overrides: { nodeName?: string; image?: string; labels?: Record<string, string> } = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: overrides.labels ?? { app: 'web' } },
  spec: {
    ...(overrides.nodeName === undefined ? {} : { nodeName: overrides.nodeName }),
    containers: [
      { name: 'app', image: overrides.image ?? 'nginx:1', ports: [{ containerPort: 80, protocol: 'TCP' }] },
      { name: 'sidecar', image: 'proxy:2' },
    ],
  },
});

describe('compareObjects', () => {
  const cases: {
    name: string;
    old: unknown;
    new: unknown;
    added?: string[];
    modified?: string[];
    removed?: string[];
  }[] = [
    { name: 'equal objects have no changes', old: pod(), new: pod() },
    {
      name: 'a field added next to equal siblings is the only change',
      old: pod(),
      new: pod({ nodeName: 'n1' }),
      added: ['.spec.nodeName'],
    },
    {
      name: 'a changed field deep in an associative list is found among equal elements',
      old: pod(),
      new: pod({ image: 'nginx:2' }),
      modified: ['.spec.containers[name="app"].image'],
    },
    {
      name: 'a removed map entry is removed, the equal rest is not reported',
      old: pod({ labels: { app: 'web', tier: 'front' } }),
      new: pod({ labels: { app: 'web' } }),
      removed: ['.metadata.labels.tier'],
    },
    {
      name: 'a created object (no old one) adds every field',
      old: undefined,
      new: { metadata: { labels: { app: 'web' } } },
      added: ['.metadata', '.metadata.labels', '.metadata.labels.app'],
    },
    {
      name: 'members whose values are undefined on both sides still count as added, as without the shortcut',
      old: { metadata: { name: 'p', labels: undefined } },
      new: { metadata: { name: 'p', labels: undefined } },
      added: ['.metadata.labels'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = compareObjects(c.old, c.new, podSchema);
      assert.deepEqual(
        { added: paths(result.added), modified: paths(result.modified), removed: paths(result.removed) },
        { added: c.added ?? [], modified: c.modified ?? [], removed: c.removed ?? [] },
      );
    });
  }
});

describe('compareObjects with ignored fields', () => {
  const withStatus = (status: unknown, replicas = 1): Record<string, unknown> => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas, template: { spec: { containers: [{ name: 'app', image: 'nginx:1' }] } } },
    ...(status === undefined ? {} : { status }),
  });
  // Each case changes something under the ignored fields (so that skipping them shows) and, mostly,
  // something outside them.
  const cases: { name: string; ignored: string[][]; old: unknown; new: unknown; schema?: SchemaNode }[] = [
    {
      name: 'a status write does not report the spec it leaves alone or changes',
      ignored: [['spec']],
      old: withStatus({ replicas: 1 }),
      new: withStatus({ replicas: 2, conditions: [{ type: 'Available', status: 'True' }] }, 3),
      schema: deploymentSchema,
    },
    {
      name: 'a main-resource write does not report the status',
      ignored: [['status']],
      old: withStatus({ replicas: 1, conditions: [{ type: 'Available', status: 'True' }] }),
      new: withStatus({ replicas: 2 }, 2),
      schema: deploymentSchema,
    },
    {
      name: 'an ignored container that appears is not reported, nor are the fields inside it',
      ignored: [['status']],
      old: withStatus(undefined),
      new: withStatus({ replicas: 2, conditions: [{ type: 'Available', status: 'True' }] }),
      schema: deploymentSchema,
    },
    {
      name: 'an ignored container that disappears is not reported',
      ignored: [['status']],
      old: withStatus({ replicas: 2 }),
      new: withStatus(undefined, 4),
      schema: deploymentSchema,
    },
    {
      name: 'a deeper ignored path hides only what is below it',
      ignored: [
        ['spec', 'containers'],
        ['metadata', 'labels'],
      ],
      old: pod(),
      new: pod({ image: 'nginx:2', nodeName: 'n1', labels: { app: 'api', tier: 'x' } }),
    },
    {
      name: 'a created object reports everything but the ignored fields',
      ignored: [['spec']],
      old: undefined,
      new: pod({ nodeName: 'n1' }),
    },
  ];
  for (const c of cases) {
    test(`${c.name}, as the full comparison less the ignored fields`, () => {
      const schema = c.schema ?? podSchema;
      const ignored = FieldSet.fromPaths(c.ignored.map((names) => fieldPath(...names)));
      const full = compareObjects(c.old, c.new, schema);
      const skipped = compareObjects(c.old, c.new, schema, ignored);
      const expected = {
        added: paths(full.added.recursiveDifference(ignored)),
        modified: paths(full.modified.recursiveDifference(ignored)),
        removed: paths(full.removed.recursiveDifference(ignored)),
      };
      assert.deepEqual(
        { added: paths(skipped.added), modified: paths(skipped.modified), removed: paths(skipped.removed) },
        expected,
      );
      // The case means something: the full comparison did see changes among the ignored fields.
      assert.notDeepEqual(
        { added: paths(full.added), modified: paths(full.modified), removed: paths(full.removed) },
        expected,
      );
    });
  }
});
