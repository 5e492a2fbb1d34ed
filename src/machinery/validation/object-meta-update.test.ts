import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorString, FieldPath } from '../field-errors.js';
import { validateObjectMetaUpdate } from './object-meta-update.js';
import type { ObjectMetaLike } from './object-meta-like.js';

const old: ObjectMetaLike = {
  name: 'web',
  namespace: 'default',
  uid: 'u1',
  resourceVersion: '7',
  generation: 2,
  creationTimestamp: '2024-01-02T03:04:05Z',
};

interface Case {
  name: string;
  next: ObjectMetaLike;
  prev?: ObjectMetaLike;
  want: string[];
}

const cases: Case[] = [
  { name: 'an unchanged object is valid', next: old, want: [] },
  {
    name: 'the same creation time written with an offset is unchanged',
    next: { ...old, creationTimestamp: '2024-01-02T04:04:05+01:00' },
    want: [],
  },
  {
    name: 'an update needs a resourceVersion',
    next: { ...old, resourceVersion: '' },
    want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'],
  },
  {
    name: 'generation may not go back',
    next: { ...old, generation: 1 },
    want: ['metadata.generation: Invalid value: 1: must not be decremented'],
  },
  {
    name: 'name, namespace and uid are immutable',
    next: { ...old, name: 'other', namespace: 'kube-system', uid: 'u2' },
    want: [
      'metadata.name: Invalid value: "other": field is immutable',
      'metadata.namespace: Invalid value: "kube-system": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
    ],
  },
  {
    name: 'removing the deletion time is refused and shows null',
    prev: { ...old, deletionTimestamp: '2024-02-01T00:00:00Z' },
    next: old,
    want: ['metadata.deletionTimestamp: Invalid value: null: field is immutable'],
  },
  {
    name: 'the deletion grace period is immutable',
    prev: { ...old, deletionGracePeriodSeconds: 30 },
    next: { ...old, deletionGracePeriodSeconds: 0 },
    want: ['metadata.deletionGracePeriodSeconds: Invalid value: 0: field is immutable'],
  },
  {
    name: 'no finalizer may be added to an object being deleted',
    prev: { ...old, deletionTimestamp: '2024-02-01T00:00:00Z', finalizers: ['a'] },
    next: { ...old, deletionTimestamp: '2024-02-01T00:00:00Z', finalizers: ['c', 'a', 'b'] },
    want: [
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b", "c"}',
    ],
  },
  {
    name: 'finalizers may be added to a live object',
    next: { ...old, finalizers: ['example.com/x'] },
    want: [],
  },
  {
    name: 'labels are validated again on update',
    next: { ...old, labels: { a: '-x' } },
    want: [
      "metadata.labels: Invalid value: \"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  },
];

describe('metadata validation on update', () => {
  for (const c of cases) {
    test(c.name, () => {
      const errs = validateObjectMetaUpdate(c.next, c.prev ?? old, FieldPath.root('metadata'));
      assert.deepEqual(errs.map(errorString), c.want);
    });
  }

  test('the creation time is immutable, its new value held as Go prints a time', () => {
    const errs = validateObjectMetaUpdate(
      { ...old, creationTimestamp: '2025-01-01T00:00:00Z' },
      old,
      FieldPath.root('metadata'),
    );
    assert.deepEqual(
      errs.map((e) => [e.field, e.badValue, e.detail]),
      [['metadata.creationTimestamp', '2025-01-01 00:00:00 +0000 UTC', 'field is immutable']],
    );
  });

  test('an absent creation time reads as Go’s zero time', () => {
    const errs = validateObjectMetaUpdate({ ...old, creationTimestamp: null }, old, FieldPath.root('metadata'));
    assert.deepEqual(
      errs.map((e) => e.badValue),
      ['0001-01-01 00:00:00 +0000 UTC'],
    );
  });
});
