import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatLabelSelector, formatLabels, labelSelectorText } from './labels.js';

describe('formatLabels', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['an empty map prints <none>', {}, '<none>'],
    ['pairs are sorted', { tier: 'web', app: 'shop' }, 'app=shop,tier=web'],
    ['pairs sort as k=v text, so a.b=… precedes a=…', { a: '1', 'a.b': '2' }, 'a.b=2,a=1'],
    [
      'empty values keep their equals sign',
      { 'node-role.kubernetes.io/control-plane': '' },
      'node-role.kubernetes.io/control-plane=',
    ],
  ];
  for (const [name, labels, want] of cases) test(name, () => assert.equal(formatLabels(labels), want));
});

describe('formatLabelSelector', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a missing selector selects nothing and prints <none>', undefined, '<none>'],
    ['an empty selector selects everything and prints <none>', {}, '<none>'],
    ['matchLabels print as k=v sorted by key', { matchLabels: { tier: 'web', app: 'shop' } }, 'app=shop,tier=web'],
    [
      'expressions print in upstream syntax with sorted values, all requirements sorted by key',
      {
        matchLabels: { app: 'shop' },
        matchExpressions: [
          { key: 'zone', operator: 'NotIn', values: ['west'] },
          { key: 'env', operator: 'In', values: ['prod', 'canary'] },
          { key: 'beta', operator: 'DoesNotExist' },
          { key: 'gpu', operator: 'Exists' },
        ],
      },
      'app=shop,!beta,env in (canary,prod),gpu,zone notin (west)',
    ],
    ['an unknown operator is an error', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, '<error>'],
    ['In without values is an error', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, '<error>'],
    [
      'Exists with values is an error',
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      '<error>',
    ],
  ];
  for (const [name, selector, want] of cases) test(name, () => assert.equal(formatLabelSelector(selector), want));

  test('the raw text of a missing or empty selector is empty, and of an invalid one undefined', () => {
    assert.equal(labelSelectorText(undefined), '');
    assert.equal(labelSelectorText({ matchLabels: {} }), '');
    assert.equal(labelSelectorText({ matchExpressions: [{ key: 'a', operator: 'Nope' }] }), undefined);
  });
});
