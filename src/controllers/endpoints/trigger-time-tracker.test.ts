import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { formatTriggerTime, TriggerTimeTracker } from './trigger-time-tracker.js';

const svc = { metadata: { name: 'web', namespace: 'ns', creationTimestamp: '2024-01-01T00:00:00Z' } } as Service;
const readyAt = (name: string, at: string): Pod =>
  ({ metadata: { name }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }] } }) as Pod;
const ms = (text: string): number => Date.parse(text);

describe('TriggerTimeTracker', () => {
  test('a Service seen for the first time triggers at its creation', () => {
    const tracker = new TriggerTimeTracker();
    assert.equal(tracker.compute('ns', svc, [readyAt('a', '2024-01-01T00:05:00Z')]), ms('2024-01-01T00:00:00Z'));
  });

  test('nothing new since the last sync triggers nothing', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute('ns', svc, [readyAt('a', '2024-01-01T00:05:00Z')]);
    assert.equal(tracker.compute('ns', svc, [readyAt('a', '2024-01-01T00:05:00Z')]), undefined);
  });

  test('the earliest of the new pod transitions is the trigger', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute('ns', svc, [readyAt('a', '2024-01-01T00:05:00Z')]);
    const pods = [readyAt('a', '2024-01-01T00:09:00Z'), readyAt('b', '2024-01-01T00:07:00Z')];
    assert.equal(tracker.compute('ns', svc, pods), ms('2024-01-01T00:07:00Z'));
  });

  test('a deleted Service starts over', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute('ns', svc, []);
    tracker.deleteService('ns', 'web');
    assert.equal(tracker.compute('ns', svc, []), ms('2024-01-01T00:00:00Z'));
  });

  test('times print as Go RFC3339Nano does: no fraction when whole, no trailing zeros', () => {
    assert.equal(formatTriggerTime(ms('2024-01-01T00:00:10Z')), '2024-01-01T00:00:10Z');
    assert.equal(formatTriggerTime(ms('2024-01-01T00:00:10.500Z')), '2024-01-01T00:00:10.5Z');
  });
});
