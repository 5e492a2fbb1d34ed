import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Event } from '../../api/core/v1/event.js';
import { FakeClock } from '../clock/fake-clock.js';
import { type EventCorrelation, EventCorrelator } from './event-correlator.js';
import { formatEventTime } from './event-keys.js';

const clock = (): FakeClock => new FakeClock(Date.UTC(2024, 0, 1));

let serial = 0;
/** An event as the recorder makes it: about ReplicaSet `object`, from the replicaset-controller. */
function event(c: FakeClock, message: string, object = 'web', reason = 'SuccessfulCreate'): Event {
  const time = formatEventTime(c.now());
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${object}.${(serial++).toString(16)}`, namespace: 'ns' },
    involvedObject: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'ns', name: object, uid: `uid-${object}` },
    reason,
    message,
    type: 'Normal',
    source: { component: 'replicaset-controller' },
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
    reportingComponent: 'replicaset-controller',
    reportingInstance: '',
  };
}

/** What a correlation writes, in short: `skip`, `create <message>` or `patch <count> <message>`. */
function outcome(c: EventCorrelation): string {
  if (c.skip) return 'skip';
  if (c.patch !== undefined) return `patch ${c.patch.count} ${c.patch.message}`;
  return `create ${c.event.message ?? ''}`;
}

/** Correlates `messages` in turn (about the same object) and returns the outcomes. */
function run(correlator: EventCorrelator, c: FakeClock, messages: readonly string[]): string[] {
  return messages.map((m) => outcome(correlator.correlate(event(c, m))));
}

const times = (n: number, m: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => m(i));

describe('EventCorrelator', () => {
  const cases: { name: string; messages: string[]; expected: string[] }[] = [
    { name: 'a first event is created as it is', messages: ['Created pod: a'], expected: ['create Created pod: a'] },
    {
      name: 'exact repeats patch the first event with the count and the latest time and message',
      messages: ['Created pod: a', 'Created pod: a', 'Created pod: a'],
      expected: ['create Created pod: a', 'patch 2 Created pod: a', 'patch 3 Created pod: a'],
    },
    {
      name: 'the tenth distinct message of one reason creates a combined event, which further ones count up',
      messages: times(12, (i) => `Created pod: p${i}`),
      expected: [
        ...times(9, (i) => `create Created pod: p${i}`),
        'create (combined from similar events): Created pod: p9',
        'patch 2 (combined from similar events): Created pod: p10',
        'patch 3 (combined from similar events): Created pod: p11',
      ],
    },
    {
      name: 'a source may write 25 events about one object, after which the rest are dropped',
      messages: times(30, (i) => `Created pod: p${i}`),
      expected: [
        ...times(9, (i) => `create Created pod: p${i}`),
        'create (combined from similar events): Created pod: p9',
        ...times(15, (i) => `patch ${i + 2} (combined from similar events): Created pod: p${i + 10}`),
        ...times(5, () => 'skip'),
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const fake = clock();
      assert.deepEqual(run(new EventCorrelator({ clock: fake }), fake, c.messages), c.expected);
    });
  }

  test('1,000 creation events about one ReplicaSet come to 25 writes', () => {
    const fake = clock();
    const outcomes = run(
      new EventCorrelator({ clock: fake }),
      fake,
      times(1000, (i) => `Created pod: p${i}`),
    );
    assert.equal(outcomes.filter((o) => o !== 'skip').length, 25);
  });

  test('a dropped repeat still counts: the next write after the refill carries the true count', () => {
    const fake = clock();
    const correlator = new EventCorrelator({ clock: fake });
    const outcomes = run(
      correlator,
      fake,
      times(30, () => 'Back-off restarting failed container'),
    );
    assert.deepEqual(outcomes.slice(24), ['patch 25 Back-off restarting failed container', ...times(5, () => 'skip')]);
    fake.step(300_000);
    assert.deepEqual(
      run(correlator, fake, ['Back-off restarting failed container', 'Back-off restarting failed container']),
      ['patch 31 Back-off restarting failed container', 'skip'],
    );
  });

  test('each object has a ration of its own', () => {
    const fake = clock();
    const correlator = new EventCorrelator({ clock: fake });
    run(
      correlator,
      fake,
      times(30, (i) => `Created pod: p${i}`),
    );
    assert.equal(outcome(correlator.correlate(event(fake, 'Created pod: q', 'other'))), 'create Created pod: q');
  });

  test('similar events more than ten minutes after the last are not combined with it', () => {
    const fake = clock();
    const correlator = new EventCorrelator({ clock: fake });
    run(
      correlator,
      fake,
      times(9, (i) => `Created pod: p${i}`),
    );
    fake.step(600_001);
    assert.equal(outcome(correlator.correlate(event(fake, 'Created pod: p9'))), 'create Created pod: p9');
  });

  test('a combined event is new: named after the object, timed now, counted from one', () => {
    const fake = clock();
    const correlator = new EventCorrelator({ clock: fake, random: () => 0 });
    run(
      correlator,
      fake,
      times(9, (i) => `Created pod: p${i}`),
    );
    fake.step(1500);
    const combined = correlator.correlate(event(fake, 'Created pod: p9'));
    assert.equal(combined.skip, false);
    if (combined.skip) return;
    assert.equal(combined.event.metadata?.name, `web.${(BigInt(fake.now()) * 1_000_000n).toString(16)}`);
    assert.equal(combined.event.metadata?.namespace, 'ns');
    assert.equal(combined.event.count, 1);
    assert.equal(combined.event.firstTimestamp, '2024-01-01T00:00:01Z');
    assert.equal(combined.event.reason, 'SuccessfulCreate');
    assert.equal(combined.event.involvedObject?.uid, 'uid-web');
  });

  test('a repeat names the first event and keeps its first time', () => {
    const fake = clock();
    const correlator = new EventCorrelator({ clock: fake });
    const first = correlator.correlate(event(fake, 'Killing'));
    fake.step(2000);
    const repeat = correlator.correlate(event(fake, 'Killing'));
    assert.ok(!first.skip && !repeat.skip);
    assert.equal(repeat.event.metadata?.name, first.event.metadata?.name);
    assert.equal(repeat.event.firstTimestamp, '2024-01-01T00:00:00Z');
    assert.deepEqual(repeat.patch, { count: 2, lastTimestamp: '2024-01-01T00:00:02Z', message: 'Killing' });
  });

  test('the state the server returns is what the next repeat builds on', () => {
    const fake = clock();
    const correlator = new EventCorrelator({ clock: fake });
    const first = correlator.correlate(event(fake, 'Killing'));
    assert.ok(!first.skip);
    correlator.updateState({ ...first.event, metadata: { ...first.event.metadata, resourceVersion: '7' }, count: 5 });
    const repeat = correlator.correlate(event(fake, 'Killing'));
    assert.ok(!repeat.skip);
    assert.equal(repeat.event.metadata?.resourceVersion, '7');
    assert.equal(repeat.patch?.count, 6);
  });
});
