import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkMergePatchBody, mergePatch } from './merge-patch.js';
import { catchStatus, deepFreeze } from './patch-test-support.js';

describe('JSON merge patch: the examples of RFC 7386 appendix A', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    ['a member changes', { a: 'b' }, { a: 'c' }, { a: 'c' }],
    ['a member is added', { a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    ['null deletes a member', { a: 'b' }, { a: null }, {}],
    ['null deletes only its member', { a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    ['a string replaces an array', { a: ['b'] }, { a: 'c' }, { a: 'c' }],
    ['an array replaces a string', { a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    ['objects merge recursively', { a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    ['an array replaces an array of objects', { a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    ['an array patch replaces an array', ['a', 'b'], ['c', 'd'], ['c', 'd']],
    ['an array patch replaces an object', { a: 'b' }, ['c'], ['c']],
    ['a null patch replaces everything with null', { a: 'foo' }, null, null],
    ['a string patch replaces everything', { a: 'foo' }, 'bar', 'bar'],
    ['nulls already in the target stay', { e: null }, { a: 1 }, { e: null, a: 1 }],
    ['an object patch turns an array into an object', [1, 2], { a: 'b', c: null }, { a: 'b' }],
    ['nulls in new objects are dropped', {}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    [
      'the example of section 3',
      {
        title: 'Goodbye!',
        author: { givenName: 'John', familyName: 'Doe' },
        tags: ['example', 'sample'],
        content: 'x',
      },
      { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] },
      {
        title: 'Hello!',
        author: { givenName: 'John' },
        tags: ['example'],
        content: 'x',
        phoneNumber: '+01-123-456-7890',
      },
    ],
  ];
  for (const [name, target, patch, want] of cases) {
    test(name, () => assert.deepEqual(mergePatch(deepFreeze(target), deepFreeze(patch)), want));
  }

  test('the result shares nothing with the patch', () => {
    const patch = { a: { b: [1] } };
    const result = mergePatch({}, patch) as { a: { b: number[] } };
    result.a.b.push(2);
    assert.deepEqual(patch, { a: { b: [1] } });
  });
});

describe('JSON merge patch: the body kube-apiserver accepts', () => {
  const cases: [string, unknown, string][] = [
    ['null is refused as upstream refuses it', null, 'Invalid JSON Patch'],
    [
      'an array is refused by the decoder',
      [1],
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    [
      'a string is refused by the decoder',
      'x',
      'error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}',
    ],
  ];
  for (const [name, body, message] of cases) {
    test(name, () => {
      const err = catchStatus(() => checkMergePatchBody(body));
      assert.equal(err.code, 400);
      assert.equal(err.reason, 'BadRequest');
      assert.equal(err.status.message, message);
    });
  }

  test('an object is accepted as it is', () => assert.deepEqual(checkMergePatchBody({ a: 1 }), { a: 1 }));
});
