import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { applyDefaults } from './defaults.js';

const str = (fallback?: string): TSchema =>
  ({ type: 'string', ...(fallback === undefined ? {} : { default: fallback }) }) as never;
const struct = (properties: Record<string, TSchema>, extra: Record<string, unknown> = {}): TSchema =>
  ({ type: 'object', properties, ...extra }) as never;

const port = struct({ name: str(), protocol: str('TCP') });
const container = struct({
  name: str(),
  policy: str('File'),
  ports: { type: 'array', items: port } as never,
  env: { type: 'object', additionalProperties: struct({ value: str(), source: str('literal') }) } as never,
  security: struct({ flags: struct({ privileged: str() }) }, { default: { flags: {} } }),
});
/** A schema that contains itself (as CRD validation schemas do). */
const tree: TSchema = struct({ label: str('leaf') });
(tree as unknown as { properties: Record<string, TSchema> }).properties['children'] = {
  type: 'array',
  items: tree,
} as never;

describe('applyDefaults', () => {
  const cases: { name: string; schema: TSchema; value: unknown; want: unknown }[] = [
    {
      name: 'an absent field gets its default and a present one is kept',
      schema: container,
      value: { name: 'c', policy: 'FallbackToLogsOnError' },
      want: { name: 'c', policy: 'FallbackToLogsOnError', security: { flags: {} } },
    },
    {
      name: 'structs inside lists and maps get their defaults',
      schema: container,
      value: { ports: [{ name: 'http' }, { protocol: 'UDP' }], env: { A: { value: '1' } } },
      want: {
        policy: 'File',
        ports: [{ name: 'http', protocol: 'TCP' }, { protocol: 'UDP' }],
        env: { A: { value: '1', source: 'literal' } },
        security: { flags: {} },
      },
    },
    {
      name: 'a schema that contains itself is defaulted at every depth',
      schema: tree,
      value: { children: [{ children: [{}] }] },
      want: { label: 'leaf', children: [{ label: 'leaf', children: [{ label: 'leaf' }] }] },
    },
    { name: 'a value of the wrong type is left alone', schema: container, value: 'text', want: 'text' },
    { name: 'null is left alone', schema: container, value: null, want: null },
  ];
  for (const c of cases) {
    test(c.name, () => {
      applyDefaults(c.value, c.schema);
      assert.deepEqual(c.value, c.want);
    });
  }

  test('a default object is copied, never shared between objects', () => {
    const a: Record<string, unknown> = {};
    const b: Record<string, unknown> = {};
    applyDefaults(a, container);
    applyDefaults(b, container);
    (a['security'] as { flags: Record<string, unknown> }).flags['privileged'] = 'yes';
    assert.deepEqual(b['security'], { flags: {} });
  });
});
