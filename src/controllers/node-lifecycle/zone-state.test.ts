import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../../client/clock/fake-clock.js';
import { computeZoneState, decideDisruption, zoneKey, ZoneState, zoneTaintRate } from './zone-state.js';
import { ZoneTainter } from './zone-tainter.js';

describe('zones', () => {
  test('a node without zone labels is in the zone ""', () => assert.equal(zoneKey({ metadata: {} }), ''));
  test('region and zone labels make the key, beta labels count too', () => {
    const labels = { 'topology.kubernetes.io/region': 'r1', 'failure-domain.beta.kubernetes.io/zone': 'z1' };
    assert.equal(zoneKey({ metadata: { labels } }), 'r1:\u0000:z1');
  });

  const states: [string, (string | undefined)[], ZoneState][] = [
    ['a zone where every node is Ready is normal', ['True', 'True'], ZoneState.Normal],
    ['a zone without a Ready node is fully disrupted', ['Unknown', undefined], ZoneState.FullDisruption],
    [
      'a zone with two of three nodes down is still normal (more than two must be down)',
      ['True', 'False', 'Unknown'],
      ZoneState.Normal,
    ],
    [
      'a zone with three of four nodes down is partially disrupted',
      ['True', 'False', 'Unknown', 'Unknown'],
      ZoneState.PartialDisruption,
    ],
    [
      'a zone with three of ten nodes down is normal',
      ['False', 'False', 'False', ...Array<string>(7).fill('True')],
      ZoneState.Normal,
    ],
  ];
  for (const [name, statuses, expected] of states) {
    test(name, () => assert.equal(computeZoneState(statuses, 0.55).state, expected));
  }

  const rates = { evictionLimiterQps: 0.1, secondaryEvictionLimiterQps: 0.01, largeClusterThreshold: 50 };
  test('a partially disrupted small zone stops tainting, a large one slows down', () => {
    assert.equal(zoneTaintRate(ZoneState.PartialDisruption, 10, rates), 0);
    assert.equal(zoneTaintRate(ZoneState.PartialDisruption, 51, rates), 0.01);
    assert.equal(zoneTaintRate(ZoneState.Normal, 10, rates), 0.1);
    assert.equal(zoneTaintRate(ZoneState.FullDisruption, 10, rates), 0.1);
  });
});

describe('decideDisruption', () => {
  const m = (entries: [string, ZoneState][]): Map<string, ZoneState> => new Map(entries);
  const cases: [string, Map<string, ZoneState>, Map<string, ZoneState>, string][] = [
    ['no zones at all changes nothing', m([]), m([]), 'unchanged'],
    [
      'every zone going fully disrupted stops all evictions',
      m([['a', ZoneState.Normal]]),
      m([['a', ZoneState.FullDisruption]]),
      'enter-full-disruption',
    ],
    [
      'the first pass over a cluster whose every node is down enters full disruption',
      m([['a', ZoneState.Initial]]),
      m([['a', ZoneState.FullDisruption]]),
      'enter-full-disruption',
    ],
    [
      'one zone recovering from a total disruption exits it',
      m([
        ['a', ZoneState.FullDisruption],
        ['b', ZoneState.FullDisruption],
      ]),
      m([
        ['a', ZoneState.Normal],
        ['b', ZoneState.FullDisruption],
      ]),
      'exit-full-disruption',
    ],
    [
      'one of two zones going down is a plain zone change',
      m([
        ['a', ZoneState.Normal],
        ['b', ZoneState.Normal],
      ]),
      m([
        ['a', ZoneState.FullDisruption],
        ['b', ZoneState.Normal],
      ]),
      'zones-changed',
    ],
    [
      'staying fully disrupted changes nothing',
      m([['a', ZoneState.FullDisruption]]),
      m([['a', ZoneState.FullDisruption]]),
      'unchanged',
    ],
  ];
  for (const [name, previous, next, kind] of cases) {
    test(name, () => assert.equal(decideDisruption(previous, next).kind, kind));
  }
});

describe('ZoneTainter', () => {
  test('at 0.1 qps one node is tainted at once and the next ten seconds later', async () => {
    const clock = new FakeClock();
    const tainter = new ZoneTainter(0.1, clock);
    tainter.add('n1', 'u1');
    tainter.add('n2', 'u2');
    const tainted: string[] = [];
    const taint = async (name: string): Promise<boolean> => {
      tainted.push(name);
      return true;
    };
    await tainter.drain(taint);
    assert.deepEqual(tainted, ['n1']);
    clock.step(5_000);
    await tainter.drain(taint);
    assert.deepEqual(tainted, ['n1']);
    clock.step(5_000);
    await tainter.drain(taint);
    assert.deepEqual(tainted, ['n1', 'n2']);
  });

  test('a rate of 0 taints nothing; an unlimited one taints every queued node', async () => {
    const clock = new FakeClock();
    const tainter = new ZoneTainter(0, clock);
    for (const n of ['a', 'b', 'c']) tainter.add(n, n);
    let calls = 0;
    await tainter.drain(async () => ++calls > 0);
    assert.equal(calls, 0);
    tainter.setRate(Infinity);
    await tainter.drain(async () => ++calls > 0);
    assert.equal(calls, 3);
  });

  test('a node whose taint failed stays queued for the next drain', async () => {
    const tainter = new ZoneTainter(Infinity, new FakeClock());
    tainter.add('n1', 'u1');
    await tainter.drain(async () => false);
    assert.ok(tainter.has('n1'));
    await tainter.drain(async () => true);
    assert.ok(!tainter.has('n1'));
  });
});
