import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FieldPath } from './field-errors.js';

describe('FieldPath', () => {
  const empty = FieldPath.root('');
  const cases: { name: string; path: FieldPath; want: string }[] = [
    { name: 'a root prints its name', path: FieldPath.root('metadata'), want: 'metadata' },
    {
      name: 'children are joined by dots',
      path: FieldPath.root('spec').child('template', 'spec'),
      want: 'spec.template.spec',
    },
    { name: 'an empty root adds no leading dot', path: empty.child('spec').child('replicas'), want: 'spec.replicas' },
    {
      name: 'indexes and keys go in brackets',
      path: empty.child('containers').index(0).key('app'),
      want: 'containers[0][app]',
    },
    { name: 'a child after an index takes a dot', path: empty.index(1).child('z'), want: '[1].z' },
    { name: 'after an empty first name, the next takes a dot', path: empty.child('', 'y'), want: '.y' },
    { name: 'an empty child of an empty root prints nothing', path: empty.child(''), want: '' },
    { name: 'and the name after it none', path: empty.child('').child('q'), want: 'q' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(String(c.path), c.want));

  test('a path prints the same twice (its text is made once)', () => {
    const path = FieldPath.root('a').child('b').index(2);
    assert.equal(path.toString(), 'a.b[2]');
    assert.equal(path.toString(), 'a.b[2]');
  });
});
