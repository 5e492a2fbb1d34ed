import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LeasePool } from './lease-pool.js';

function fakeEtcd(): { pool: LeasePool; grants: number[]; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const grants: number[] = [];
  const pool = new LeasePool({
    now: () => clock.now,
    grant: async (ttlSeconds) => {
      grants.push(ttlSeconds);
      return { id: String(grants.length), ttlSeconds };
    },
  });
  return { pool, grants, clock };
}

describe('lease pool', () => {
  test('a lease is granted a reuse window longer than asked, and reused while it still fits', async () => {
    const { pool, grants, clock } = fakeEtcd();
    assert.equal(await pool.leaseFor(600), '1');
    assert.deepEqual(grants, [630]);
    clock.now += 20_000;
    assert.equal(await pool.leaseFor(600), '1', '610 s left is within [600, 630]');
    clock.now += 15_000;
    assert.equal(await pool.leaseFor(600), '2', '595 s left is too little');
    assert.deepEqual(grants, [630, 630]);
  });

  test('a lease with far more time left than asked is not reused for a shorter TTL', async () => {
    const { pool, grants } = fakeEtcd();
    await pool.leaseFor(3600);
    await pool.leaseFor(60);
    assert.deepEqual(grants, [3660, 63]);
  });

  test('the reuse window is capped at a minute', async () => {
    const { pool, grants } = fakeEtcd();
    await pool.leaseFor(7200);
    assert.deepEqual(grants, [7260]);
  });

  test('concurrent writes with one TTL share one grant', async () => {
    const { pool, grants } = fakeEtcd();
    const ids = await Promise.all([pool.leaseFor(300), pool.leaseFor(300), pool.leaseFor(300)]);
    assert.deepEqual(ids, ['1', '1', '1']);
    assert.equal(grants.length, 1);
  });

  test('a forgotten lease is not handed out again', async () => {
    const { pool, grants } = fakeEtcd();
    const first = await pool.leaseFor(600);
    pool.forget(first);
    assert.notEqual(await pool.leaseFor(600), first);
    assert.equal(grants.length, 2);
  });

  test('a failed grant is not remembered and the next write tries again', async () => {
    let fail = true;
    const pool = new LeasePool({
      grant: async (ttlSeconds) => {
        if (fail) throw new Error('no leader');
        return { id: 'ok', ttlSeconds };
      },
    });
    await assert.rejects(pool.leaseFor(10), /no leader/);
    fail = false;
    assert.equal(await pool.leaseFor(10), 'ok');
  });
});
