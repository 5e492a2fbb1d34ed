import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyJsonPatch, decodeJsonPatch, type JsonPatchOperation, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js';
import { PATCH_UNPROCESSABLE_MESSAGE } from './patch-errors.js';
import { catchStatus, causeOf, deepFreeze } from './patch-test-support.js';

const apply = (doc: unknown, ops: unknown, options = {}): unknown =>
  applyJsonPatch(deepFreeze(doc), decodeJsonPatch(deepFreeze(ops)), options);

describe('JSON patch: the examples of RFC 6902 appendix A', () => {
  const cases: { name: string; doc: unknown; patch: unknown; want: unknown }[] = [
    {
      name: 'A.1 add puts a new member in an object',
      doc: { foo: 'bar' },
      patch: [{ op: 'add', path: '/baz', value: 'qux' }],
      want: { baz: 'qux', foo: 'bar' },
    },
    {
      name: 'A.2 add inserts into an array before the index',
      doc: { foo: ['bar', 'baz'] },
      patch: [{ op: 'add', path: '/foo/1', value: 'qux' }],
      want: { foo: ['bar', 'qux', 'baz'] },
    },
    {
      name: 'A.3 remove takes a member out of an object',
      doc: { baz: 'qux', foo: 'bar' },
      patch: [{ op: 'remove', path: '/baz' }],
      want: { foo: 'bar' },
    },
    {
      name: 'A.4 remove takes an element out of an array',
      doc: { foo: ['bar', 'qux', 'baz'] },
      patch: [{ op: 'remove', path: '/foo/1' }],
      want: { foo: ['bar', 'baz'] },
    },
    {
      name: 'A.5 replace changes a value',
      doc: { baz: 'qux', foo: 'bar' },
      patch: [{ op: 'replace', path: '/baz', value: 'boo' }],
      want: { baz: 'boo', foo: 'bar' },
    },
    {
      name: 'A.6 move takes a value from one object to another',
      doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
      patch: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
      want: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
    },
    {
      name: 'A.7 move reorders an array',
      doc: { foo: ['all', 'grass', 'cows', 'eat'] },
      patch: [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
      want: { foo: ['all', 'cows', 'eat', 'grass'] },
    },
    {
      name: 'A.8 passing tests change nothing',
      doc: { baz: 'qux', foo: ['a', 2, 'c'] },
      patch: [
        { op: 'test', path: '/baz', value: 'qux' },
        { op: 'test', path: '/foo/1', value: 2 },
      ],
      want: { baz: 'qux', foo: ['a', 2, 'c'] },
    },
    {
      name: 'A.10 add creates a nested object',
      doc: { foo: 'bar' },
      patch: [{ op: 'add', path: '/child', value: { grandchild: {} } }],
      want: { foo: 'bar', child: { grandchild: {} } },
    },
    {
      name: 'A.11 unknown members of an operation are ignored',
      doc: { foo: 'bar' },
      patch: [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
      want: { foo: 'bar', baz: 'qux' },
    },
    {
      name: 'A.14 ~01 means the member named ~1, not /',
      doc: { '/': 9, '~1': 10 },
      patch: [{ op: 'test', path: '/~01', value: 10 }],
      want: { '/': 9, '~1': 10 },
    },
    {
      name: 'A.16 - appends, and an array value is added as one element',
      doc: { foo: ['bar'] },
      patch: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
      want: { foo: ['bar', ['abc', 'def']] },
    },
    {
      name: 'copy duplicates a value, leaving the source',
      doc: { foo: { bar: [1] } },
      patch: [
        { op: 'copy', from: '/foo', path: '/baz' },
        { op: 'add', path: '/baz/bar/-', value: 2 },
      ],
      want: { foo: { bar: [1] }, baz: { bar: [1, 2] } },
    },
    {
      name: '~1 in a token is a slash in the member name',
      doc: { metadata: { annotations: { 'example.com/team': 'a' } } },
      patch: [{ op: 'replace', path: '/metadata/annotations/example.com~1team', value: 'b' }],
      want: { metadata: { annotations: { 'example.com/team': 'b' } } },
    },
    {
      name: 'operations apply in order, each seeing the result of the one before',
      doc: { a: 1 },
      patch: [
        { op: 'add', path: '/b', value: { c: 1 } },
        { op: 'move', from: '/b/c', path: '/d' },
        { op: 'remove', path: '/b' },
      ],
      want: { a: 1, d: 1 },
    },
    {
      name: 'replace of the root takes the new document',
      doc: { a: 1 },
      patch: [{ op: 'replace', path: '', value: { b: 2 } }],
      want: { b: 2 },
    },
    {
      name: 'a member named __proto__ stays a member',
      doc: {},
      patch: [{ op: 'add', path: '/__proto__', value: { polluted: true } }],
      want: JSON.parse('{"__proto__":{"polluted":true}}'),
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(apply(c.doc, c.patch), c.want));
  }
});

describe('JSON patch: the leniencies kube-apiserver has', () => {
  const cases: { name: string; doc: unknown; patch: unknown; want: unknown }[] = [
    {
      name: 'replace of a missing object member adds it',
      doc: { metadata: { labels: {} } },
      patch: [{ op: 'replace', path: '/metadata/labels/app', value: 'web' }],
      want: { metadata: { labels: { app: 'web' } } },
    },
    {
      name: 'a negative index counts from the end',
      doc: { a: [1, 2, 3] },
      patch: [
        { op: 'remove', path: '/a/-1' },
        { op: 'add', path: '/a/-1', value: 9 },
      ],
      want: { a: [1, 2, 9] },
    },
    {
      name: 'copy from a missing member copies null',
      doc: { a: 1 },
      patch: [{ op: 'copy', from: '/nope', path: '/b' }],
      want: { a: 1, b: null },
    },
    {
      name: 'test of a missing member passes against null',
      doc: { a: 1 },
      patch: [{ op: 'test', path: '/nope', value: null }],
      want: { a: 1 },
    },
    {
      name: 'add without a value adds null',
      doc: { a: 1 },
      patch: [{ op: 'add', path: '/b' }],
      want: { a: 1, b: null },
    },
    {
      name: 'the text before the first slash of a path is ignored',
      doc: { a: 1 },
      patch: [{ op: 'add', path: 'x/b', value: 2 }],
      want: { a: 1, b: 2 },
    },
    {
      name: 'a null patch changes nothing',
      doc: { a: 1 },
      patch: null,
      want: { a: 1 },
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(apply(c.doc, c.patch), c.want));
  }
});

describe('JSON patch: an operation that fails is 422 with upstream generic message', () => {
  const doc = { baz: 'qux', foo: ['a', 'b'], obj: { n: null }, '~1': 10 };
  const cases: { name: string; patch: unknown; cause: string; options?: { maxCopyBytes: number } }[] = [
    {
      name: 'A.9 a failing test',
      patch: [{ op: 'test', path: '/baz', value: 'bar' }],
      cause: 'testing value /baz failed: test failed',
    },
    {
      name: 'A.12 add under a missing member',
      patch: [{ op: 'add', path: '/baz2/bat', value: 'qux' }],
      cause: 'add operation does not apply: doc is missing path: "/baz2/bat": missing value',
    },
    {
      name: 'A.15 a test comparing a string with a number',
      patch: [{ op: 'test', path: '/~01', value: '10' }],
      cause: 'testing value /~01 failed: test failed',
    },
    {
      name: 'remove of a missing member',
      patch: [{ op: 'remove', path: '/nope' }],
      cause: "error in remove for path: '/nope': Unable to remove nonexistent key: nope: missing value",
    },
    {
      name: 'remove past the end of an array',
      patch: [{ op: 'remove', path: '/foo/5' }],
      cause: "error in remove for path: '/foo/5': Unable to access invalid index: 5: invalid index referenced",
    },
    {
      name: 'add at an index that is not a number',
      patch: [{ op: 'add', path: '/foo/x', value: 1 }],
      cause: `error in add for path: '/foo/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    },
    {
      name: 'add two past the end of an array',
      patch: [{ op: 'add', path: '/foo/3', value: 1 }],
      cause: "error in add for path: '/foo/3': Unable to access invalid index: 3: invalid index referenced",
    },
    {
      name: 'replace under a missing member',
      patch: [{ op: 'replace', path: '/a/b', value: 1 }],
      cause: 'replace operation does not apply: doc is missing path: /a/b: missing value',
    },
    {
      name: 'replace past the end of an array',
      patch: [{ op: 'replace', path: '/foo/9', value: 1 }],
      cause: 'replace operation does not apply: doc is missing key: /foo/9: missing value',
    },
    {
      name: 'a path through null',
      patch: [{ op: 'add', path: '/obj/n/x', value: 1 }],
      cause: 'add operation does not apply: doc is missing path: "/obj/n/x": missing value',
    },
    {
      name: 'move from a missing member',
      patch: [{ op: 'move', from: '/nope', path: '/x' }],
      cause: "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value",
    },
    {
      name: 'move into its own child',
      patch: [{ op: 'move', from: '/obj', path: '/obj/x' }],
      cause: 'move operation does not apply: doc is missing destination path: /obj/x: missing value',
    },
    {
      name: 'copy to a missing parent',
      patch: [{ op: 'copy', from: '/baz', path: '/a/b' }],
      cause: 'copy operation does not apply: doc is missing destination path: /a/b: missing value',
    },
    {
      name: 'test of an element with - as index',
      patch: [{ op: 'test', path: '/foo/-', value: 'b' }],
      cause: `error in test for path: '/foo/-': strconv.Atoi: parsing "-": invalid syntax`,
    },
    {
      name: 'an unknown operation',
      patch: [{ op: 'frobnicate', path: '/baz' }],
      cause: 'Unexpected kind: frobnicate',
    },
    {
      name: 'an operation without op',
      patch: [{ path: '/baz' }],
      cause: 'Unexpected kind: unknown',
    },
    {
      name: 'add without a path',
      patch: [{ op: 'add', value: 1 }],
      cause: 'add operation failed to decode path: missing value',
    },
    {
      name: 'move without from',
      patch: [{ op: 'move', path: '/x' }],
      cause: 'move operation failed to decode from: operation, missing from field: missing value',
    },
    {
      name: 'replace of the root with a scalar',
      patch: [{ op: 'replace', path: '', value: 1 }],
      cause: 'replace operation value must be object or array: %!w(<nil>)',
    },
    {
      name: 'copies beyond the copy limit',
      patch: [
        { op: 'copy', from: '/foo', path: '/c1' },
        { op: 'copy', from: '/foo', path: '/c2' },
      ],
      options: { maxCopyBytes: 16 },
      cause: 'Unable to complete the copy, the accumulated size increase of copy is 18, exceeding the limit 16',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const err = catchStatus(() => apply(doc, c.patch, c.options));
      assert.equal(err.code, 422);
      assert.equal(err.reason, 'Invalid');
      assert.equal(err.status.message, PATCH_UNPROCESSABLE_MESSAGE);
      assert.deepEqual(err.status.details, {});
      assert.equal(causeOf(err), c.cause);
    });
  }

  test('a failing operation leaves the document as it was', () => {
    const original = { a: [1] };
    catchStatus(() =>
      applyJsonPatch(original, [
        { op: 'add', path: '/a/-', value: 2 },
        { op: 'test', path: '/a/0', value: 0 },
      ]),
    );
    assert.deepEqual(original, { a: [1] });
  });
});

describe('JSON patch: a body that is not a patch', () => {
  const cases: { name: string; body: unknown; code: number; message: string }[] = [
    {
      name: 'an object instead of a list is 400',
      body: { op: 'add', path: '/a', value: 1 },
      code: 400,
      message: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    },
    {
      name: 'an operation that is a string is 400',
      body: ['add'],
      code: 400,
      message: 'error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp',
    },
    {
      name: 'a path that is a number is 400',
      body: [{ op: 'remove', path: 5 }],
      code: 400,
      message:
        'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string',
    },
    {
      name: `more than ${MAX_JSON_PATCH_OPERATIONS} operations is 413`,
      body: Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/a', value: 1 })),
      code: 413,
      message: `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${MAX_JSON_PATCH_OPERATIONS + 1}`,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const err = catchStatus(() => decodeJsonPatch(c.body));
      assert.equal(err.code, c.code);
      assert.equal(err.status.message, c.message);
    });
  }

  test(`exactly ${MAX_JSON_PATCH_OPERATIONS} operations are accepted`, () => {
    const ops: JsonPatchOperation[] = Array.from({ length: MAX_JSON_PATCH_OPERATIONS }, () => ({
      op: 'test',
      path: '/a',
      value: 1,
    }));
    assert.deepEqual(applyJsonPatch({ a: 1 }, decodeJsonPatch(ops)), { a: 1 });
  });
});
