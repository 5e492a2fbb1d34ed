import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goLabelSelectorString } from './selector-text.js';

describe('goLabelSelectorString', () => {
  const cases: { name: string; selector: Parameters<typeof goLabelSelectorString>[0]; expected: string }[] = [
    { name: 'no selector prints nil', selector: undefined, expected: 'nil' },
    {
      name: 'labels print sorted, with an empty expression list',
      selector: { matchLabels: { b: '2', a: '1' } },
      expected:
        '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{},}',
    },
    {
      name: 'expressions print as Go structs with space-separated values',
      selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }] },
      expected:
        '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[x y],},},}',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(goLabelSelectorString(c.selector), c.expected);
    });
  }
});
