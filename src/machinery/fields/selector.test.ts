import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StatusError } from '../status.js';
import { type Fields, FieldSelector, fieldSelectorFromSet, matchesFields, parseFieldSelector } from './selector.js';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof StatusError);
    assert.equal(err.code, 400);
    assert.equal(err.reason, 'BadRequest');
    return err.message;
  }
  assert.fail('expected a BadRequest');
}

describe('parsing field selector text', () => {
  const parsed = [
    { name: 'the empty selector selects everything', input: '', want: '', terms: [] },
    { name: 'empty terms are skipped', input: ',,', want: '', terms: [] },
    { name: 'an equality is one term', input: 'a=b', want: 'a=b', terms: [['a', '=', 'b']] },
    { name: 'a double equality is an equality', input: 'a==b', want: 'a=b', terms: [['a', '=', 'b']] },
    { name: 'an inequality is kept', input: 'a!=b', want: 'a!=b', terms: [['a', '!=', 'b']] },
    {
      name: 'terms are sorted by their text',
      input: 'status.phase!=Running,metadata.name=x',
      want: 'metadata.name=x,status.phase!=Running',
      terms: [
        ['metadata.name', '=', 'x'],
        ['status.phase', '!=', 'Running'],
      ],
    },
    { name: 'an escaped comma belongs to the value', input: 'a=b\\,c', want: 'a=b\\,c', terms: [['a', '=', 'b,c']] },
    {
      name: 'escaped = and \\ belong to the value',
      input: 'x=a\\=b\\\\',
      want: 'x=a\\=b\\\\',
      terms: [['x', '=', 'a=b\\']],
    },
    {
      name: 'the empty value is allowed',
      input: 'spec.nodeName=',
      want: 'spec.nodeName=',
      terms: [['spec.nodeName', '=', '']],
    },
  ];
  for (const c of parsed) {
    test(c.name, () => {
      const s = parseFieldSelector(c.input);
      assert.equal(s.toString(), c.want);
      assert.deepEqual(
        s.requirements().map((r) => [r.field, r.operator, r.value]),
        c.terms,
      );
    });
  }

  const refused = [
    {
      name: 'a term without operator is refused',
      input: 'foo',
      want: "invalid selector: 'foo'; can't understand 'foo'",
    },
    {
      name: 'an unescaped comma splits a term',
      input: 'a=b,c',
      want: "invalid selector: 'a=b,c'; can't understand 'c'",
    },
    {
      name: 'an unknown escape is refused',
      input: 'a=b\\x',
      want: 'invalid field selector: invalid escape sequence: \\x',
    },
    {
      name: 'a trailing backslash is refused',
      input: 'a=b\\',
      want: 'invalid field selector: invalid escape sequence: \\',
    },
    {
      name: 'an unescaped = in a value is refused by code point',
      input: 'a=b=c',
      want: 'invalid field selector: unescaped character in value: 61',
    },
    {
      name: 'a != with = after it is refused',
      input: 'a!==b',
      want: 'invalid field selector: unescaped character in value: 61',
    },
  ];
  for (const c of refused) {
    test(c.name, () =>
      assert.equal(
        refusal(() => parseFieldSelector(c.input)),
        c.want,
      ),
    );
  }
});

describe('matching fields', () => {
  const pod: Fields = { 'metadata.name': 'web', 'status.phase': 'Running', 'spec.nodeName': '' };
  const cases = [
    { name: 'the empty selector matches', selector: '', want: true },
    { name: 'an equal value matches', selector: 'metadata.name=web', want: true },
    { name: 'a different value does not match', selector: 'metadata.name=db', want: false },
    { name: 'a missing field reads as empty', selector: 'spec.schedulerName=', want: true },
    { name: 'an inequality matches another value', selector: 'status.phase!=Pending', want: true },
    { name: 'an inequality excludes its value', selector: 'status.phase!=Running', want: false },
    { name: 'every term must hold', selector: 'metadata.name=web,status.phase=Pending', want: false },
    { name: 'unscheduled pods have an empty node name', selector: 'spec.nodeName=', want: true },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(matchesFields(parseFieldSelector(c.selector), pod), c.want));
  }

  test('an exact match is found for = terms only', () => {
    const s = parseFieldSelector('metadata.name=web,metadata.namespace!=x');
    assert.equal(s.requiresExactMatch('metadata.name'), 'web');
    assert.equal(s.requiresExactMatch('metadata.namespace'), undefined);
  });

  test('transform renames fields and drops terms mapped to nothing', () => {
    const s = parseFieldSelector('spec.host=n1,metadata.name=web').transform((field, value) =>
      field === 'spec.host'
        ? { field: 'spec.nodeName', value }
        : field === 'metadata.name'
          ? { field: '', value: '' }
          : { field, value },
    );
    assert.equal(s.toString(), 'spec.nodeName=n1');
  });

  test('a selector from a set is sorted by field and escapes values', () => {
    const s = fieldSelectorFromSet({ 'status.phase': 'a,b', 'metadata.name': 'x' });
    assert.equal(s.toString(), 'metadata.name=x,status.phase=a\\,b');
    assert.equal(s.matches({ 'metadata.name': 'x', 'status.phase': 'a,b' }), true);
    assert.equal(FieldSelector.everything().isEmpty(), true);
  });
});
