import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Operator } from './requirement.js';
import { type Labels, LabelSelector, labelSelectorFromSet, matches, parseLabelSelector } from './selector.js';

describe('matching labels', () => {
  const cases: { name: string; selector: string; labels: Labels | undefined; want: boolean }[] = [
    { name: 'the empty selector matches anything', selector: '', labels: { x: 'y' }, want: true },
    { name: 'the empty selector matches an object without labels', selector: '', labels: undefined, want: true },
    { name: 'an equality matches the same value', selector: 'x=y', labels: { x: 'y' }, want: true },
    { name: 'an equality does not match another value', selector: 'x=y', labels: { x: 'z' }, want: false },
    { name: 'an equality does not match a missing label', selector: 'x=z', labels: {}, want: false },
    { name: 'all requirements must hold', selector: 'x=y,z=w', labels: { x: 'w', z: 'w' }, want: false },
    { name: 'inequalities match other values', selector: 'x!=y,z!=w', labels: { x: 'z', z: 'a' }, want: true },
    { name: 'an inequality matches a missing label', selector: 'x!=y', labels: {}, want: true },
    { name: 'an inequality does not match the value', selector: 'x!=y,z!=w', labels: { x: 'z', z: 'w' }, want: false },
    { name: 'keywords work as keys and values', selector: 'notin=in', labels: { notin: 'in' }, want: true },
    { name: 'exists matches any value', selector: 'x', labels: { x: 'z' }, want: true },
    { name: 'exists does not match a missing label', selector: 'x', labels: { y: 'z' }, want: false },
    { name: 'does-not-exist matches a missing label', selector: '!x', labels: { y: 'z' }, want: true },
    { name: 'does-not-exist does not match a present label', selector: '!x', labels: { x: '' }, want: false },
    { name: 'in matches one of the values', selector: 'x in (a,b)', labels: { x: 'b' }, want: true },
    { name: 'in does not match a missing label', selector: 'x in (a,b)', labels: {}, want: false },
    { name: 'notin matches a missing label', selector: 'x notin (a)', labels: {}, want: true },
    { name: 'notin does not match a listed value', selector: 'x notin (a)', labels: { x: 'a' }, want: false },
    { name: 'in () matches the empty value', selector: 'x in ()', labels: { x: '' }, want: true },
    { name: 'greater-than compares as integers', selector: 'x>9', labels: { x: '10' }, want: true },
    { name: 'greater-than is strict', selector: 'x>1', labels: { x: '1' }, want: false },
    { name: 'less-than compares as integers', selector: 'x<1', labels: { x: '0' }, want: true },
    { name: 'greater-than fails on a non-integer label', selector: 'x>1', labels: { x: 'two' }, want: false },
    { name: 'greater-than fails on a missing label', selector: 'x>1', labels: {}, want: false },
    {
      name: 'greater-than handles 64-bit values exactly',
      selector: 'x>9007199254740992',
      labels: { x: '9007199254740993' },
      want: true,
    },
    { name: 'inherited object properties are not labels', selector: 'toString', labels: {}, want: false },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(matches(parseLabelSelector(c.selector), c.labels), c.want));
  }

  test('the nothing selector matches no object, not even one without labels', () => {
    assert.equal(LabelSelector.nothing().matches({}), false);
    assert.equal(LabelSelector.nothing().matches(undefined), false);
    assert.equal(LabelSelector.nothing().isEmpty(), false);
    assert.equal(LabelSelector.everything().isEmpty(), true);
  });

  test('a selector from a set requires every pair, sorted by key', () => {
    const s = labelSelectorFromSet({ tier: 'web', app: 'shop' });
    assert.equal(s.toString(), 'app=shop,tier=web');
    assert.equal(s.matches({ app: 'shop', tier: 'web', extra: 'x' }), true);
    assert.equal(s.matches({ app: 'shop' }), false);
    assert.equal(labelSelectorFromSet({}).isEmpty(), true);
  });

  test('an exact match is found for =, == and single-valued in only', () => {
    const s = parseLabelSelector('a=1,b==2,c in (3),d in (4,5),e!=6');
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => s.requiresExactMatch(k)),
      ['1', '2', '3', undefined, undefined, undefined],
    );
  });

  test('built requirements are sorted by key', () => {
    const s = LabelSelector.of([
      { key: 'b', operator: Operator.Exists, values: [] },
      { key: 'a', operator: Operator.DoesNotExist, values: [] },
    ]);
    assert.equal(s.toString(), '!a,b');
  });
});
