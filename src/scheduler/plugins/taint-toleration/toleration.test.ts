import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Toleration } from '../../../api/core/v1/scheduling.js';
import { findUntoleratedTaint, isDoNotScheduleTaint, type TaintLike, tolerates } from './toleration.js';

describe('tolerates', () => {
  const cases: { name: string; toleration: Toleration; taint: TaintLike; want: boolean }[] = [
    {
      name: 'equal key, value and effect tolerate',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'no operator means Equal',
      toleration: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'a different value does not tolerate with Equal',
      toleration: { key: 'foo', operator: 'Equal', value: 'baz', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      want: false,
    },
    {
      name: 'Exists tolerates every value of the key',
      toleration: { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'a different key does not tolerate, even with Exists',
      toleration: { key: 'other', operator: 'Exists' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      want: false,
    },
    {
      name: 'an empty key with Exists tolerates every taint',
      toleration: { operator: 'Exists' },
      taint: { key: 'foo', value: 'bar', effect: 'NoExecute' },
      want: true,
    },
    {
      name: 'an empty effect tolerates every effect',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar' },
      taint: { key: 'foo', value: 'bar', effect: 'PreferNoSchedule' },
      want: true,
    },
    {
      name: 'a different non-empty effect does not tolerate',
      toleration: { key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' },
      taint: { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      want: false,
    },
    {
      name: 'an absent value equals an empty one',
      toleration: { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      taint: { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      want: true,
    },
    {
      name: 'the alpha Gt operator tolerates nothing',
      toleration: { key: 'foo', operator: 'Gt', value: '1' },
      taint: { key: 'foo', value: '5', effect: 'NoSchedule' },
      want: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(tolerates(c.toleration, c.taint), c.want));
  }
});

describe('findUntoleratedTaint', () => {
  const taints: TaintLike[] = [
    { key: 'soft', value: 'x', effect: 'PreferNoSchedule' },
    { key: 'a', value: '1', effect: 'NoSchedule' },
    { key: 'b', value: '2', effect: 'NoExecute' },
  ];
  const cases: { name: string; tolerations: Toleration[] | undefined; want: TaintLike | undefined }[] = [
    {
      name: 'without tolerations the first NoSchedule/NoExecute taint is reported',
      tolerations: undefined,
      want: taints[1],
    },
    {
      name: 'the first taint left untolerated is reported',
      tolerations: [{ key: 'a', operator: 'Exists' }],
      want: taints[2],
    },
    {
      name: 'nothing is reported when every filtered taint is tolerated (PreferNoSchedule is ignored)',
      tolerations: [
        { key: 'a', operator: 'Exists' },
        { key: 'b', value: '2', effect: 'NoExecute' },
      ],
      want: undefined,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(findUntoleratedTaint(taints, c.tolerations, isDoNotScheduleTaint), c.want));
  }
});
