import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SchemaNode } from '../schema-node.js';
import { applyPatch, PATCH_CONTENT_TYPES, type PatchKind, patchKindOf } from './index.js';
import { catchStatus, deepFreeze } from './patch-test-support.js';

const scalar: SchemaNode = { type: 'scalar' };
const finalizers: SchemaNode = { type: 'list', items: scalar, patchStrategy: 'merge' };
const metadata: SchemaNode = { type: 'struct', field: (name) => (name === 'finalizers' ? finalizers : scalar) };
const schema: SchemaNode = { type: 'struct', field: (name) => (name === 'metadata' ? metadata : undefined) };
const original = deepFreeze({ metadata: { name: 'x', finalizers: ['a'] } });

describe('patch content types', () => {
  test('the three media types map to the three kinds', () => {
    assert.deepEqual(PATCH_CONTENT_TYPES, {
      'application/json-patch+json': 'json',
      'application/merge-patch+json': 'merge',
      'application/strategic-merge-patch+json': 'strategic',
    });
  });

  const cases: [string, string, PatchKind | undefined][] = [
    ['a media type with a charset is still its kind', 'application/merge-patch+json; charset=utf-8', 'merge'],
    ['media types are compared exactly, as upstream compares them', 'Application/JSON-Patch+JSON', undefined],
    ['apply is not one of these kinds', 'application/apply-patch+yaml', undefined],
    ['plain JSON is not a patch type', 'application/json', undefined],
  ];
  for (const [name, contentType, kind] of cases) test(name, () => assert.equal(patchKindOf(contentType), kind));
});

describe('applying a patch of each kind', () => {
  const cases: { name: string; kind: PatchKind; body: unknown; want: unknown }[] = [
    {
      name: 'a JSON patch adds a finalizer at the end',
      kind: 'json',
      body: [{ op: 'add', path: '/metadata/finalizers/-', value: 'b' }],
      want: { metadata: { name: 'x', finalizers: ['a', 'b'] } },
    },
    {
      name: 'a merge patch replaces the finalizer list',
      kind: 'merge',
      body: { metadata: { finalizers: ['b'] } },
      want: { metadata: { name: 'x', finalizers: ['b'] } },
    },
    {
      name: 'a strategic merge patch adds to the finalizer list',
      kind: 'strategic',
      body: { metadata: { finalizers: ['b'] } },
      want: { metadata: { name: 'x', finalizers: ['b', 'a'] } },
    },
    {
      name: 'a body given as text is decoded first',
      kind: 'merge',
      body: '{"metadata":{"name":"y"}}',
      want: { metadata: { name: 'y', finalizers: ['a'] } },
    },
    {
      name: 'a body given as bytes is decoded first',
      kind: 'json',
      body: new TextEncoder().encode('[{"op":"remove","path":"/metadata/finalizers/0"}]'),
      want: { metadata: { name: 'x', finalizers: [] } },
    },
    {
      name: 'a null strategic merge patch changes nothing',
      kind: 'strategic',
      body: 'null',
      want: { metadata: { name: 'x', finalizers: ['a'] } },
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(applyPatch(c.kind, original, deepFreeze(c.body), schema), c.want));
  }
});

describe('a patch body kube-apiserver would refuse', () => {
  const cases: { name: string; kind: PatchKind; body: unknown; code: number; message: string }[] = [
    {
      name: 'malformed JSON in a JSON patch is 400 with the decoder error',
      kind: 'json',
      body: '[{"op":"add",}]',
      code: 400,
      message: `error decoding patch: invalid character '}' looking for beginning of object key string`,
    },
    {
      name: 'malformed JSON in a merge patch is 400 with the decoder error',
      kind: 'merge',
      body: '{"a":',
      code: 400,
      message: 'error decoding patch: unexpected end of JSON input',
    },
    {
      name: 'malformed JSON in a strategic merge patch is 400 with the bare decoder error',
      kind: 'strategic',
      body: '{"a" 1}',
      code: 400,
      message: "invalid character '1' after object key",
    },
    {
      name: 'a merge patch of null is 400',
      kind: 'merge',
      body: 'null',
      code: 400,
      message: 'Invalid JSON Patch',
    },
    {
      name: 'a JSON patch that is an object is 400',
      kind: 'json',
      body: { op: 'add' },
      code: 400,
      message: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    },
    {
      name: 'a failing JSON patch test is 422',
      kind: 'json',
      body: [{ op: 'test', path: '/metadata/name', value: 'y' }],
      code: 422,
      message: 'the server rejected our request due to an error in our request',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const err = catchStatus(() => applyPatch(c.kind, original, c.body, schema));
      assert.equal(err.code, c.code);
      assert.equal(err.status.message, c.message);
    });
  }
});
