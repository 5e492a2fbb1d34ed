import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ControllerRevisionKind } from '../../../../api/apps/v1/controller-revision.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { controllerRevisionsStrategy } from './strategy.js';

const revision = (fields: Record<string, unknown>): ApiObject => ({
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: { name: 'web-6d4b', namespace: 'default' },
  ...fields,
});

describe('controllerrevisions strategy', () => {
  const cases: [string, ApiObject, string[]][] = [
    ['a revision with data is valid', revision({ data: { spec: {} }, revision: 1 }), []],
    ['a revision without data is rejected', revision({ revision: 1 }), ['data: Required value: data is mandatory']],
    [
      'a negative revision is rejected',
      revision({ data: {}, revision: -1 }),
      ['revision: Invalid value: -1: must be greater than or equal to 0'],
    ],
  ];
  for (const [name, input, errors] of cases) {
    test(name, () =>
      assert.deepEqual(create(controllerRevisionsStrategy, ControllerRevisionKind, input).errors, errors),
    );
  }

  test('data cannot change', () => {
    const old = stored(controllerRevisionsStrategy, ControllerRevisionKind, revision({ data: { a: 1 }, revision: 1 }));
    assert.deepEqual(
      update(controllerRevisionsStrategy, ControllerRevisionKind, { ...old, data: { a: 2 } }, old).errors,
      ['data: Invalid value: "object": field is immutable'],
    );
  });
});
