import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorString, FieldPath } from '../field-errors.js';
import { labelSelectorFromObject, type LabelSelectorObject, validateLabelSelector } from './label-selector-object.js';

const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const path = FieldPath.root('spec').child('selector');

describe('metav1.LabelSelector', () => {
  const conversions: {
    name: string;
    selector: LabelSelectorObject | null | undefined;
    labels: Record<string, string>;
    text: string;
    want: boolean;
  }[] = [
    { name: 'a null selector matches nothing', selector: null, labels: {}, text: '', want: false },
    { name: 'an absent selector matches nothing', selector: undefined, labels: { a: 'b' }, text: '', want: false },
    { name: 'an empty selector matches everything', selector: {}, labels: {}, text: '', want: true },
    {
      name: 'empty lists match everything',
      selector: { matchLabels: {}, matchExpressions: [] },
      labels: { a: 'b' },
      text: '',
      want: true,
    },
    {
      name: 'matchLabels become equalities',
      selector: { matchLabels: { app: 'web' } },
      labels: { app: 'web' },
      text: 'app=web',
      want: true,
    },
    {
      name: 'expressions and labels combine, sorted by key',
      selector: {
        matchLabels: { tier: 'front' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'NotIn', values: ['a'] },
          { key: 'app', operator: 'Exists', values: [] },
        ],
      },
      labels: { tier: 'front', env: 'dev', app: 'x' },
      text: 'app,!canary,env in (dev,prod),tier=front,zone notin (a)',
      want: true,
    },
  ];
  for (const c of conversions) {
    test(c.name, () => {
      const result = labelSelectorFromObject(c.selector, path);
      assert.ok(result.ok);
      assert.equal(result.selector.toString(), c.text);
      assert.equal(result.selector.matches(c.labels), c.want);
    });
  }

  const invalid: { name: string; selector: LabelSelectorObject; want: string[] }[] = [
    {
      name: 'an unknown operator is refused',
      selector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
      want: ['spec.selector.matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator'],
    },
    {
      name: 'In needs values',
      selector: { matchExpressions: [{ key: 'a', operator: 'In' }] },
      want: [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ],
    },
    {
      name: 'Exists takes no values',
      selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      want: [
        "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
    },
    {
      name: 'expression values must be label values',
      selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['ok', '-no'] }] },
      want: [`spec.selector.matchExpressions[0].values[1]: Invalid value: "-no": ${LABEL_VALUE}`],
    },
    {
      name: 'matchLabels values must be label values',
      selector: { matchLabels: { a: '-no' } },
      want: [`spec.selector.matchLabels: Invalid value: "-no": ${LABEL_VALUE}`],
    },
  ];
  for (const c of invalid) {
    test(c.name, () => {
      assert.deepEqual(validateLabelSelector(c.selector, path).map(errorString), c.want);
      const result = labelSelectorFromObject(c.selector, path);
      assert.ok(!result.ok);
      assert.deepEqual(result.errors.map(errorString), c.want);
    });
  }

  test('invalid expression values may be allowed for stored objects', () => {
    const selector = { matchExpressions: [{ key: 'a', operator: 'In', values: ['-no'] }] };
    assert.deepEqual(validateLabelSelector(selector, path, { allowInvalidLabelValueInSelector: true }), []);
  });

  test('a null selector has nothing to validate', () => {
    assert.deepEqual(validateLabelSelector(null, path), []);
  });
});
