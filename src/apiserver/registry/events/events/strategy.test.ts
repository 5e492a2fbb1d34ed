import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EventKind } from '../../../../api/events/v1/event.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { eventsStrategy } from './strategy.js';

const event = (fields: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name: 'web.17c9', namespace: 'default' },
  eventTime: '2024-05-01T10:00:00.000000Z',
  reportingController: 'example.com/controller',
  reportingInstance: 'controller-1',
  action: 'Scale',
  reason: 'ScaledUp',
  regarding: { kind: 'Deployment', name: 'web', namespace: 'default' },
  note: 'scaled to 3',
  type: 'Normal',
  ...fields,
});

describe('events.k8s.io events strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a complete event is valid', {}, []],
    ['an event needs an eventTime', { eventTime: undefined }, ['eventTime: Required value']],
    ['the type is Normal or Warning', { type: 'Info' }, ['type: Invalid value: "": has invalid value: Info']],
    [
      'a reporting controller is required',
      { reportingController: '' },
      [
        'reportingController: Required value',
        `reportingController: Invalid value: "": name part must be non-empty`,
        `reportingController: Invalid value: "": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ],
    ],
    [
      'deprecated fields must be unset',
      { deprecatedCount: 3 },
      ['deprecatedCount: Invalid value: "": needs to be unset'],
    ],
    [
      'a series counts at least two',
      { series: { count: 1, lastObservedTime: '2024-05-01T10:00:00.000000Z' } },
      ['series.count: Invalid value: "": should be at least 2'],
    ],
    [
      'a note longer than 1024 characters is rejected',
      { note: 'x'.repeat(1025) },
      ['message: Invalid value: "": can have at most 1024 characters'],
    ],
  ];
  for (const [name, fields, errors] of cases)
    test(name, () => assert.deepEqual(create(eventsStrategy, EventKind, event(fields)).errors, errors));

  test('an update may extend the series but not change the note', () => {
    const old = stored(eventsStrategy, EventKind, event());
    const series = { series: { count: 2, lastObservedTime: '2024-05-01T10:05:00.000000Z' } };
    assert.deepEqual(update(eventsStrategy, EventKind, { ...old, ...series }, old).errors, []);
    assert.deepEqual(update(eventsStrategy, EventKind, { ...old, note: 'other' }, old).errors, [
      'message: Invalid value: "other": field is immutable',
    ]);
  });
});
