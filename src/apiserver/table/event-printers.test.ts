import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventPrinter, eventsApiEventPrinter } from './event-printers.js';
import { ago, row } from './testing.js';

describe('Event printer (core/v1)', () => {
  test('columns put Subobject, Source, First Seen, Count and Name in the wide view', () => {
    assert.deepEqual(
      eventPrinter.columns.map((c) => `${c.name}:${c.priority}`),
      [
        'Last Seen:0',
        'Type:0',
        'Reason:0',
        'Object:0',
        'Subobject:1',
        'Source:1',
        'Message:0',
        'First Seen:1',
        'Count:1',
        'Name:1',
      ],
    );
  });

  test('a repeated kubelet event prints its times, object, source and count', () => {
    const event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-7f9c.17c3a5e1f0b2', namespace: 'shop' },
      involvedObject: { kind: 'Pod', name: 'web-7f9c', namespace: 'shop', fieldPath: 'spec.containers{app}' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container app in pod web-7f9c\n',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: ago(3600),
      lastTimestamp: ago(30),
      count: 12,
      type: 'Warning',
    };
    assert.deepEqual(row(eventPrinter, event), {
      'Last Seen': '30s',
      Type: 'Warning',
      Reason: 'BackOff',
      Object: 'pod/web-7f9c',
      Subobject: 'spec.containers{app}',
      Source: 'kubelet, worker-1',
      Message: 'Back-off restarting failed container app in pod web-7f9c',
      'First Seen': '60m',
      Count: 12,
      Name: 'web-7f9c.17c3a5e1f0b2',
    });
  });

  test('an event with only an eventTime and a series uses them (truncating fractions), and the reporting controller as source', () => {
    const event = {
      metadata: { name: 'web.1' },
      involvedObject: { kind: 'Deployment', name: 'web' },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set web-7f9c to 3',
      eventTime: '2024-05-01T11:50:00.000000Z',
      series: { count: 4, lastObservedTime: '2024-05-01T11:59:00.123456Z' },
      reportingController: 'deployment-controller',
      type: 'Normal',
    };
    const r = row(eventPrinter, event);
    assert.deepEqual(
      [r['Last Seen'], r['First Seen'], r.Count, r.Source, r.Object],
      ['59s', '10m', 4, 'deployment-controller', 'deployment/web'],
    );
  });

  test('a singleton event without timestamps counts once and is unknown in time', () => {
    const r = row(eventPrinter, { metadata: { name: 'x' }, involvedObject: { kind: 'Node' } });
    assert.deepEqual([r['Last Seen'], r['First Seen'], r.Count, r.Object], ['<unknown>', '<unknown>', 1, 'node']);
  });
});

describe('Event printer (events.k8s.io/v1)', () => {
  test('the newer field names print in the same columns', () => {
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'db-0.17c3a5e1f0b2', namespace: 'shop' },
      eventTime: '2024-05-01T11:58:00.000000Z',
      reportingController: 'kubelet',
      reportingInstance: 'worker-2',
      action: 'Pulling',
      reason: 'Pulled',
      regarding: { kind: 'Pod', name: 'db-0', fieldPath: 'spec.containers{postgres}' },
      note: 'Successfully pulled image "postgres:16"',
      type: 'Normal',
      deprecatedCount: 2,
      deprecatedLastTimestamp: ago(15),
    };
    assert.deepEqual(row(eventsApiEventPrinter, event), {
      'Last Seen': '15s',
      Type: 'Normal',
      Reason: 'Pulled',
      Object: 'pod/db-0',
      Subobject: 'spec.containers{postgres}',
      Source: 'kubelet, worker-2',
      Message: 'Successfully pulled image "postgres:16"',
      'First Seen': '2m',
      Count: 2,
      Name: 'db-0.17c3a5e1f0b2',
    });
  });
});
