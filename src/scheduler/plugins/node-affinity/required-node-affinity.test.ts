import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodSpec } from '../../../api/core/v1/pod-spec.js';
import { makePod } from '../../testing/builders.js';
import { RequiredNodeAffinity } from './required-node-affinity.js';

const node = (labels?: Record<string, string>): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n', ...(labels ? { labels } : {}) },
});
const withSpec = (spec: Partial<PodSpec>): Pod => makePod('p', { spec });
const requiredTerms = (nodeSelectorTerms: unknown[]): Pod =>
  withSpec({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } },
  } as Partial<PodSpec>);

describe('RequiredNodeAffinity', () => {
  const cases: { name: string; pod: Pod; labels?: Record<string, string>; want: boolean }[] = [
    { name: 'a pod without selector matches', pod: makePod('p'), want: true },
    { name: 'an empty nodeSelector matches', pod: withSpec({ nodeSelector: {} }), want: true },
    { name: 'missing labels do not match', pod: withSpec({ nodeSelector: { foo: 'bar' } }), want: false },
    { name: 'same labels match', pod: withSpec({ nodeSelector: { foo: 'bar' } }), labels: { foo: 'bar' }, want: true },
    {
      name: 'node labels that are a superset match',
      pod: withSpec({ nodeSelector: { foo: 'bar' } }),
      labels: { foo: 'bar', baz: 'blah' },
      want: true,
    },
    {
      name: 'node labels that are a subset do not match',
      pod: withSpec({ nodeSelector: { foo: 'bar', baz: 'blah' } }),
      labels: { foo: 'bar' },
      want: false,
    },
    {
      name: 'a nil list of terms matches no node',
      pod: withSpec({
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } },
      } as Partial<PodSpec>),
      labels: { foo: 'bar' },
      want: false,
    },
    { name: 'an empty list of terms matches no node', pod: requiredTerms([]), labels: { foo: 'bar' }, want: false },
    {
      name: 'a term with In matches the node that has the value',
      pod: requiredTerms([{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }]),
      labels: { foo: 'bar' },
      want: true,
    },
    {
      name: 'nodeSelector and affinity must both hold',
      pod: withSpec({
        nodeSelector: { foo: 'bar' },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }],
            },
          },
        },
      }),
      labels: { foo: 'barrrrrr' },
      want: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(RequiredNodeAffinity.of(c.pod).matches(node(c.labels)), c.want));
  }

  test('parse errors of the required terms are kept', () => {
    const required = RequiredNodeAffinity.of(
      requiredTerms([{ matchExpressions: [{ key: 'foo', operator: 'In', values: [] }] }]),
    );
    assert.equal(required.errors.length, 1);
    assert.equal(required.errors[0]?.field, 'nodeSelectorTerms[0].matchExpressions[0].values');
  });
});
