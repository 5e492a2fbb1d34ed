import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatMicroTime, leaseSpecFromRecord, parseMicroTime, recordFromLeaseSpec } from './leader-election-record.js';

describe('MicroTime', () => {
  const cases: { name: string; text: string; ms: number; canonical: string }[] = [
    {
      name: 'milliseconds gain three zero digits',
      text: '2024-01-01T00:00:00.123000Z',
      ms: Date.UTC(2024, 0, 1, 0, 0, 0, 123),
      canonical: '2024-01-01T00:00:00.123000Z',
    },
    {
      name: 'microseconds are cut to milliseconds',
      text: '2024-01-01T00:00:00.123456Z',
      ms: Date.UTC(2024, 0, 1, 0, 0, 0, 123),
      canonical: '2024-01-01T00:00:00.123000Z',
    },
    {
      name: 'a time without fraction reads as whole seconds',
      text: '2024-01-01T00:00:05Z',
      ms: Date.UTC(2024, 0, 1, 0, 0, 5),
      canonical: '2024-01-01T00:00:05.000000Z',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(parseMicroTime(c.text), c.ms);
      assert.equal(formatMicroTime(c.ms), c.canonical);
    });
  }

  test('an absent or unreadable time reads as 0', () => {
    assert.equal(parseMicroTime(undefined), 0);
    assert.equal(parseMicroTime('yesterday'), 0);
  });

  test('a record survives the round trip through a Lease spec', () => {
    const record = {
      holderIdentity: 'node-1_abc',
      leaseDurationSeconds: 15,
      acquireTime: Date.UTC(2024, 0, 1),
      renewTime: Date.UTC(2024, 0, 1, 0, 0, 2, 500),
      leaderTransitions: 4,
    };
    const spec = leaseSpecFromRecord(record);
    assert.equal(spec.renewTime, '2024-01-01T00:00:02.500000Z');
    assert.equal(spec.leaseTransitions, 4);
    assert.deepEqual(recordFromLeaseSpec(spec), record);
  });
});
