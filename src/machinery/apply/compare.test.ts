import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compareObjects } from './compare.js';
import { pathToString } from './path-element.js';
import { podSchema } from './test-schemas.js';
import type { FieldSet } from './field-set.js';

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
