import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NodeSelector, NodeSelectorTerm } from '../../../api/core/v1/affinity.js';
import type { Node } from '../../../api/core/v1/node.js';
import { FieldPath } from '../../../machinery/field-errors.js';
import {
  CompiledNodeSelector,
  CompiledNodeSelectorTerm,
  CompiledPreferredTerms,
  errorsMessage,
  nodeMatchesNodeSelector,
} from './node-selector.js';

const node = (name: string, labels?: Record<string, string>): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, ...(labels ? { labels } : {}) },
});
const INVALID_KEY_DETAIL =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('CompiledNodeSelector', () => {
  const invalidTerms: NodeSelectorTerm[] = [
    { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1', 'host_2'] }] },
    {
      matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }],
      matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }],
    },
    { matchExpressions: [{ key: 'invalid key', operator: 'In', values: ['label_value'] }] },
  ];
  test('invalid field and label requirements are reported with their paths, and those terms match nothing', () => {
    const selector = new CompiledNodeSelector({ nodeSelectorTerms: invalidTerms });
    assert.deepEqual(
      selector.errors.map((e) => [e.field, e.detail]),
      [
        ['nodeSelectorTerms[0].matchFields[0].values', 'must have one element'],
        ['nodeSelectorTerms[2].matchExpressions[0].key', INVALID_KEY_DETAIL],
      ],
    );
    assert.equal(selector.matches(node('host_1', { label_1: 'label_1_val' })), true, 'the valid term still matches');
    assert.equal(selector.matches(node('host_2', { label_1: 'label_1_val' })), false);
  });

  const cases: { name: string; selector: NodeSelector; node: Node; want: boolean }[] = [
    {
      name: 'a node that matches the field selector but not the labels does not match',
      selector: {
        nodeSelectorTerms: [
          {
            matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }],
            matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }],
          },
        ],
      },
      node: node('host_1'),
      want: false,
    },
    {
      name: 'a node that matches the field selector and the labels matches',
      selector: {
        nodeSelectorTerms: [
          {
            matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }],
            matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }],
          },
        ],
      },
      node: node('host_1', { label_1: 'label_1_val' }),
      want: true,
    },
    {
      name: 'a node that matches the second term matches',
      selector: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }] },
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }] },
        ],
      },
      node: node('host_1'),
      want: true,
    },
    {
      name: 'no terms match nothing',
      selector: { nodeSelectorTerms: [] },
      node: node('n', { foo: 'bar' }),
      want: false,
    },
    {
      name: 'an empty term matches nothing',
      selector: { nodeSelectorTerms: [{}] },
      node: node('n', { foo: 'bar' }),
      want: false,
    },
    {
      name: 'NotIn matches a node without the label',
      selector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['bar'] }] }] },
      node: node('n'),
      want: true,
    },
    {
      name: 'DoesNotExist matches a node without the label',
      selector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'DoesNotExist' }] }] },
      node: node('n', { other: 'x' }),
      want: true,
    },
    {
      name: 'a label named like an Object.prototype member is not taken as present',
      selector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }] },
      node: node('n', {}),
      want: false,
    },
    {
      name: 'Gt compares numerically, leading zeros included',
      selector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Gt', values: ['0204'] }] }] },
      node: node('n', { v: '0206' }),
      want: true,
    },
    {
      name: 'Gt is strict: an equal value (204 written 0204) does not match',
      selector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Gt', values: ['204'] }] }] },
      node: node('n', { v: '0204' }),
      want: false,
    },
    {
      name: 'Lt is strict: an equal value does not match',
      selector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Lt', values: ['7'] }] }] },
      node: node('n', { v: '7' }),
      want: false,
    },
    {
      name: 'Lt compares beyond 2^53 exactly',
      selector: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Lt', values: ['9007199254740993'] }] }],
      },
      node: node('n', { v: '9007199254740992' }),
      want: true,
    },
    {
      name: 'Gt does not match a label that is no integer',
      selector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'v', operator: 'Gt', values: ['1'] }] }] },
      node: node('n', { v: '2.5' }),
      want: false,
    },
    {
      name: 'a matchFields NotIn on another name matches',
      selector: {
        nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['other'] }] }],
      },
      node: node('n'),
      want: true,
    },
    {
      name: 'a matchFields In on an unknown field does not match',
      selector: { nodeSelectorTerms: [{ matchFields: [{ key: 'spec.x', operator: 'In', values: ['n'] }] }] },
      node: node('n'),
      want: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(new CompiledNodeSelector(c.selector).matches(c.node), c.want);
      assert.equal(nodeMatchesNodeSelector(c.node, c.selector), c.want);
    });
  }
});

describe('CompiledNodeSelectorTerm requirement errors', () => {
  const cases: { name: string; term: NodeSelectorTerm; want: string }[] = [
    {
      name: 'Exists with values is refused',
      term: { matchExpressions: [{ key: 'foo', operator: 'Exists', values: ['bar', 'baz'] }] },
      want: 'root.matchExpressions[0].values',
    },
    {
      name: 'Gt with a value that is no integer is refused',
      term: { matchExpressions: [{ key: 'foo', operator: 'Gt', values: ['x'] }] },
      want: 'root.matchExpressions[0].values[0]',
    },
    {
      name: 'an unknown operator is refused',
      term: { matchExpressions: [{ key: 'foo', operator: 'Within', values: ['x'] }] },
      want: 'root.matchExpressions[0].operator',
    },
    {
      name: 'matchFields takes only In and NotIn',
      term: { matchFields: [{ key: 'metadata.name', operator: 'Exists' }] },
      want: 'root.matchFields[0].operator',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const term = new CompiledNodeSelectorTerm(c.term, FieldPath.root('root'));
      assert.deepEqual(
        term.errors.map((e) => e.field),
        [c.want],
      );
      assert.equal(term.matches({ foo: 'bar' }, 'metadata-name'), false);
    });
  }

  test('the values set must be empty for exists', () => {
    const term = new CompiledNodeSelectorTerm(
      { matchExpressions: [{ key: 'foo', operator: 'Exists', values: ['bar'] }] },
      FieldPath.root('root'),
    );
    assert.equal(term.errors[0]?.detail, 'values set must be empty for exists and does not exist');
  });
});

describe('CompiledPreferredTerms', () => {
  test('invalid terms are all reported, with index paths', () => {
    const compiled = CompiledPreferredTerms.compile([
      {
        weight: 1,
        preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1', 'host_2'] }] },
      },
      {
        weight: 1,
        preference: {
          matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }],
          matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }],
        },
      },
      {
        weight: 1,
        preference: { matchExpressions: [{ key: 'invalid key', operator: 'In', values: ['label_value'] }] },
      },
    ]);
    assert.ok('errors' in compiled);
    assert.deepEqual(
      compiled.errors.map((e) => e.field),
      ['[0].matchFields[0].values', '[2].matchExpressions[0].key'],
    );
    const message = errorsMessage(compiled.errors);
    assert.match(
      message,
      /^\[\[0\]\.matchFields\[0\]\.values: Invalid value: .*: must have one element, \[2\]\.matchExpressions\[0\]\.key: Invalid value: "invalid key": name part must/,
    );
    assert.ok(message.endsWith(`${INVALID_KEY_DETAIL}]`));
  });

  test('an invalid term of weight 0 is not reported', () => {
    const compiled = CompiledPreferredTerms.compile([
      {
        weight: 0,
        preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1', 'host_2'] }] },
      },
    ]);
    assert.ok('terms' in compiled);
    assert.equal(compiled.terms.score(node('host_1')), 0);
  });

  test('the score is the sum of the weights of the matching terms', () => {
    const compiled = CompiledPreferredTerms.compile([
      { weight: 5, preference: { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['host_1'] }] } },
      { weight: 7, preference: { matchExpressions: [{ key: 'unknown_label', operator: 'In', values: ['x'] }] } },
      { weight: 11, preference: { matchExpressions: [{ key: 'label_1', operator: 'In', values: ['label_1_val'] }] } },
    ]);
    assert.ok('terms' in compiled);
    assert.equal(compiled.terms.score(node('host_1', { label_1: 'label_1_val' })), 16);
  });
});
