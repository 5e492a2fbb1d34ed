import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StatusError } from '../status.js';
import { parseFieldSelector } from './selector.js';
import { checkSupportedFields, FieldLabelWording } from './supported-fields.js';

const POD_FIELDS = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase'];

describe('supported field labels', () => {
  test('a selector on supported fields passes', () => {
    assert.doesNotThrow(() =>
      checkSupportedFields(parseFieldSelector('spec.nodeName=n1,status.phase!=Failed'), POD_FIELDS, 'Pod'),
    );
  });

  test('the empty selector passes for any kind', () => {
    assert.doesNotThrow(() =>
      checkSupportedFields(parseFieldSelector(''), [], 'ConfigMap', FieldLabelWording.NotKnown),
    );
  });

  const cases = [
    {
      name: 'core kinds and custom resources say the label is not supported',
      wording: FieldLabelWording.NotSupported,
      kind: 'Pod',
      want: 'field label not supported: spec.foo',
    },
    {
      name: 'some kinds name themselves',
      wording: FieldLabelWording.NotSupportedForKind,
      kind: 'Job',
      want: 'field label "spec.foo" not supported for Job',
    },
    {
      name: 'kinds without their own conversion list the metadata fields',
      wording: FieldLabelWording.NotKnown,
      kind: 'ConfigMap',
      want: '"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.throws(
        () => checkSupportedFields(parseFieldSelector('metadata.name=x,spec.foo=1'), POD_FIELDS, c.kind, c.wording),
        (err: unknown) =>
          err instanceof StatusError && err.code === 400 && err.reason === 'BadRequest' && err.message === c.want,
      );
    });
  }

  test('the first unsupported term in parse order is the one reported', () => {
    assert.throws(
      () => checkSupportedFields(parseFieldSelector('z.field=1,b.field=2'), POD_FIELDS, 'Pod'),
      (err: unknown) => err instanceof StatusError && err.message === 'field label not supported: b.field',
    );
  });
});
