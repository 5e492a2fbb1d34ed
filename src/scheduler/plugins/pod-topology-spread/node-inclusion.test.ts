import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Taint } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { NodeSelectorTerm } from '../../../api/core/v1/references.js';
import type { Toleration } from '../../../api/core/v1/scheduling.js';
import { hasUntoleratedTaint, tolerates } from './node-inclusion.js';
import { RequiredNodeAffinity } from './node-selector.js';
import { node, pod } from './test-fixtures.js';

const withTerms = (terms: NodeSelectorTerm[], nodeSelector?: Record<string, string>): Pod => {
  const base = pod('p');
  return {
    ...base,
    spec: {
      ...base.spec!,
      ...(nodeSelector ? { nodeSelector } : {}),
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
    },
  };
};

describe('PodTopologySpread required node affinity', () => {
  const zoneA = node('node-a', { zone: 'a', size: '10' });
  const cases: { name: string; pod: Pod; want: boolean }[] = [
    { name: 'a pod without nodeSelector or affinity matches every node', pod: pod('p'), want: true },
    {
      name: 'a nodeSelector matches a node with those labels',
      pod: { ...pod('p'), spec: { ...pod('p').spec!, nodeSelector: { zone: 'a' } } },
      want: true,
    },
    {
      name: 'a nodeSelector rejects a node with another value',
      pod: { ...pod('p'), spec: { ...pod('p').spec!, nodeSelector: { zone: 'b' } } },
      want: false,
    },
    {
      name: 'an In expression matches',
      pod: withTerms([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }]),
      want: true,
    },
    {
      name: 'a NotIn expression rejects',
      pod: withTerms([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }]),
      want: false,
    },
    {
      name: 'a DoesNotExist expression rejects a node with the label',
      pod: withTerms([{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }]),
      want: false,
    },
    {
      name: 'Gt compares integers',
      pod: withTerms([{ matchExpressions: [{ key: 'size', operator: 'Gt', values: ['9'] }] }]),
      want: true,
    },
    {
      name: 'Lt compares integers',
      pod: withTerms([{ matchExpressions: [{ key: 'size', operator: 'Lt', values: ['9'] }] }]),
      want: false,
    },
    {
      name: 'terms are ORed',
      pod: withTerms([
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] },
      ]),
      want: true,
    },
    {
      name: 'expressions of one term are ANDed',
      pod: withTerms([
        {
          matchExpressions: [
            { key: 'zone', operator: 'In', values: ['a'] },
            { key: 'size', operator: 'In', values: ['11'] },
          ],
        },
      ]),
      want: false,
    },
    { name: 'an empty term selects nothing', pod: withTerms([{}]), want: false },
    { name: 'no terms select nothing', pod: withTerms([]), want: false },
    {
      name: 'an invalid term selects nothing while a valid one still matches',
      pod: withTerms([
        { matchExpressions: [{ key: 'size', operator: 'Gt', values: ['ten'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      ]),
      want: true,
    },
    {
      name: 'an invalid term alone selects nothing',
      pod: withTerms([{ matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] }]),
      want: false,
    },
    {
      name: 'matchFields on metadata.name match the node name',
      pod: withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] }]),
      want: true,
    },
    {
      name: 'matchFields NotIn the node name rejects',
      pod: withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-a'] }] }]),
      want: false,
    },
    {
      name: 'matchFields on another field make the term invalid',
      pod: withTerms([{ matchFields: [{ key: 'metadata.uid', operator: 'In', values: ['x'] }] }]),
      want: false,
    },
    {
      name: 'nodeSelector and affinity must both hold',
      pod: withTerms([{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }], { size: '11' }),
      want: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(RequiredNodeAffinity.of(c.pod).matches(zoneA), c.want));
  }
});

describe('PodTopologySpread taint toleration', () => {
  const taint: Taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  const cases: { name: string; toleration: Toleration; want: boolean }[] = [
    {
      name: 'Equal with the same key, value and effect tolerates',
      toleration: { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
      want: true,
    },
    { name: 'an empty operator means Equal', toleration: { key: 'k', value: 'v' }, want: true },
    { name: 'another value does not tolerate', toleration: { key: 'k', value: 'w' }, want: false },
    {
      name: 'another effect does not tolerate',
      toleration: { key: 'k', operator: 'Exists', effect: 'NoExecute' },
      want: false,
    },
    { name: 'Exists with the key tolerates any value', toleration: { key: 'k', operator: 'Exists' }, want: true },
    { name: 'Exists without a key tolerates every taint', toleration: { operator: 'Exists' }, want: true },
    { name: 'another key does not tolerate', toleration: { key: 'j', operator: 'Exists' }, want: false },
  ];
  for (const c of cases) test(c.name, () => assert.equal(tolerates(c.toleration, taint), c.want));

  test('PreferNoSchedule taints never keep a node out', () => {
    const n = node('n', {}, [{ key: 'k', effect: 'PreferNoSchedule' }]);
    assert.equal(hasUntoleratedTaint(n, []), false);
  });

  test('an untolerated NoExecute taint keeps a node out', () => {
    const n = node('n', {}, [{ key: 'k', effect: 'NoExecute' }]);
    assert.equal(hasUntoleratedTaint(n, []), true);
    assert.equal(hasUntoleratedTaint(n, [{ key: 'k', operator: 'Exists' }]), false);
  });
});
