import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CompactionTracker } from './compaction.js';

/** A fake etcd with a compacted revision and a current one, counting the reads made. */
function fakeEtcd(compacted: number, current: number): { tracker: CompactionTracker; reads: number[] } {
  const reads: number[] = [];
  const tracker = new CompactionTracker({
    readableAt: async (revision) => {
      reads.push(revision);
      return revision >= compacted;
    },
    currentRevision: async () => current,
  });
  return { tracker, reads };
}

describe('compaction tracker', () => {
  const cases = [
    { name: 'nothing compacted is reported as 0 after one read', compacted: 0, current: 50, reads: 1 },
    { name: 'a compaction by another client is found exactly', compacted: 37, current: 100, reads: 8 },
    { name: 'a compaction at the current revision is found exactly', compacted: 100, current: 100, reads: 8 },
    { name: 'a compaction at revision 2 is found exactly', compacted: 2, current: 1_000_000, reads: 21 },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { tracker, reads } = fakeEtcd(c.compacted, c.current);
      assert.equal(await tracker.compactedRevision(), c.compacted);
      assert.ok(reads.length <= c.reads, `${reads.length} reads`);
    });
  }

  test('a known compaction costs one read when nobody compacted further', async () => {
    const { tracker, reads } = fakeEtcd(40, 100);
    tracker.note(40);
    assert.equal(await tracker.compactedRevision(), 40);
    assert.deepEqual(reads, [40]);
  });

  test('a found compaction is remembered as the next lower bound', async () => {
    const { tracker } = fakeEtcd(60, 100);
    await tracker.compactedRevision();
    assert.equal(tracker.lowerBound(), 60);
  });
});
