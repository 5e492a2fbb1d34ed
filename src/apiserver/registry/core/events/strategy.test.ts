import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventKind } from '../../../../api/core/v1/event.js';
import type { ApiObject } from '../../strategy.js';
import { create } from '../validation/strategy-harness.js';
import { eventsStrategy } from './strategy.js';

const event = (fields: Record<string, unknown>): ApiObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web.17a2b3c4', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' },
  reason: 'Started',
  ...fields,
});

describe('events strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    {
      name: 'a kubelet-style event is valid',
      input: event({ source: { component: 'kubelet' }, type: 'Normal' }),
      errors: [],
    },
    {
      name: 'the involved object must be in the event namespace',
      input: event({ involvedObject: { kind: 'Pod', name: 'web', namespace: 'other' } }),
      errors: ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'],
    },
    {
      name: 'an event with an eventTime needs the reporting fields',
      input: event({ eventTime: '2024-05-01T10:00:00.000000Z', reason: '' }),
      errors: [
        'reportingController: Required value',
        'reportingController: Invalid value: "": name part must be non-empty',
        "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        'reportingInstance: Required value',
        'action: Required value',
        'reason: Required value',
      ],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(eventsStrategy, EventKind, c.input).errors, c.errors));

  test('event names need only be path segments', () => {
    assert.deepEqual(eventsStrategy.validateName?.('Web.17A2B3C4', false), []);
    assert.deepEqual(eventsStrategy.validateName?.('a/b', false), ["may not contain '/'"]);
  });
});
