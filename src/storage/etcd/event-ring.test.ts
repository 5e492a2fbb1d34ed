import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WatchEventType, type WatchEvent } from '../store.js';
import { EventRing } from './event-ring.js';

/** An event at `revision` for key `k<revision>`, or `k<revision>.<n>` for several events of one revision. */
function event(revision: number, n?: number): WatchEvent {
  const key = n === undefined ? `k${revision}` : `k${revision}.${n}`;
  const kv = { key, value: new Uint8Array(0), createRevision: revision, modRevision: revision };
  return { type: WatchEventType.Created, revision, kv, prevKv: undefined };
}

const keys = (events: readonly WatchEvent[]): string[] => events.map((e) => e.kv.key);

/** A ring starting after revision 10 that received `events` in order. */
function ringOf(capacity: number, events: readonly WatchEvent[]): EventRing {
  const ring = new EventRing(10, capacity);
  for (const e of events) ring.push(e);
  return ring;
}

describe('event ring', () => {
  const cases: {
    name: string;
    capacity: number;
    events: WatchEvent[];
    after: number;
    limit: number;
    floor: number;
    want: string[];
    complete: boolean;
  }[] = [
    {
      name: 'a ring that dropped nothing holds everything after its starting revision',
      capacity: 10,
      events: [event(11), event(12), event(13)],
      after: 10,
      limit: 100,
      floor: 10,
      want: ['k11', 'k12', 'k13'],
      complete: true,
    },
    {
      name: 'a replay starts right after the given revision',
      capacity: 10,
      events: [event(11), event(13), event(15)],
      after: 13,
      limit: 100,
      floor: 10,
      want: ['k15'],
      complete: true,
    },
    {
      name: 'a replay from a revision between two events starts at the next one',
      capacity: 10,
      events: [event(11), event(13), event(15)],
      after: 12,
      limit: 100,
      floor: 10,
      want: ['k13', 'k15'],
      complete: true,
    },
    {
      name: 'a replay from the newest revision or beyond is empty and complete',
      capacity: 10,
      events: [event(11), event(12)],
      after: 20,
      limit: 100,
      floor: 10,
      want: [],
      complete: true,
    },
    {
      name: 'dropping the oldest events raises the floor to the last one dropped',
      capacity: 2,
      events: [event(11), event(12), event(13), event(14)],
      after: 12,
      limit: 100,
      floor: 12,
      want: ['k13', 'k14'],
      complete: true,
    },
    {
      name: 'a revision only partly held counts as not held',
      capacity: 2,
      events: [event(11), event(12, 1), event(12, 2), event(13)],
      after: 12,
      limit: 100,
      floor: 12,
      want: ['k13'],
      complete: true,
    },
    {
      name: 'a limited replay stops at the limit and says it is not complete',
      capacity: 10,
      events: [event(11), event(12), event(13), event(14)],
      after: 10,
      limit: 2,
      floor: 10,
      want: ['k11', 'k12'],
      complete: false,
    },
    {
      name: 'a limited replay never splits the events of one revision',
      capacity: 10,
      events: [event(11), event(12, 1), event(12, 2), event(12, 3), event(13)],
      after: 10,
      limit: 2,
      floor: 10,
      want: ['k11', 'k12.1', 'k12.2', 'k12.3'],
      complete: false,
    },
    {
      name: 'a ring of capacity zero holds nothing and its floor follows the newest event',
      capacity: 0,
      events: [event(11), event(12)],
      after: 12,
      limit: 100,
      floor: 12,
      want: [],
      complete: true,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const ring = ringOf(c.capacity, c.events);
      assert.equal(ring.floor, c.floor);
      const replay = ring.after(c.after, c.limit);
      assert.deepEqual(keys(replay.events), c.want);
      assert.equal(replay.complete, c.complete);
    });
  }

  test('many events through a small ring keep exactly the newest ones, in order', () => {
    const ring = ringOf(
      100,
      Array.from({ length: 10_000 }, (_, i) => event(11 + i)),
    );
    assert.equal(ring.floor, 11 + 9_899);
    const replay = ring.after(ring.floor, 1_000);
    assert.deepEqual(
      replay.events.map((e) => e.revision),
      Array.from({ length: 100 }, (_, i) => 11 + 9_900 + i),
    );
  });

  test('keeping more events later does not bring dropped ones back, but keeps new ones', () => {
    const ring = ringOf(0, [event(11), event(12)]);
    ring.retain(10);
    ring.push(event(13));
    assert.equal(ring.floor, 12);
    assert.deepEqual(keys(ring.after(12, 100).events), ['k13']);
  });
});
