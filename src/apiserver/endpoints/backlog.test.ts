import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { backlogged, HIGH_WATER_BYTES } from './backlog.js';

class FakeResponse extends EventEmitter {
  writableLength = 0;
  closed = false;
}

const settled = async (p: Promise<void>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('backlogged', () => {
  test('a response holding up to the high-water mark does not wait', () => {
    const res = new FakeResponse();
    res.writableLength = HIGH_WATER_BYTES;
    assert.equal(backlogged(res), undefined);
  });

  test('a response holding more waits for its drain, then leaves no listener', async () => {
    const res = new FakeResponse();
    res.writableLength = HIGH_WATER_BYTES + 1;
    const waiting = backlogged(res);
    assert.ok(waiting !== undefined);
    assert.equal(await settled(waiting), false);
    res.emit('drain');
    assert.equal(await settled(waiting), true);
    assert.equal(res.listenerCount('drain') + res.listenerCount('close'), 0);
  });

  test('a response that closes while it waits stops the wait', async () => {
    const res = new FakeResponse();
    res.writableLength = 5 * HIGH_WATER_BYTES;
    const waiting = backlogged(res);
    assert.ok(waiting !== undefined);
    res.emit('close');
    assert.equal(await settled(waiting), true);
    assert.equal(res.listenerCount('drain') + res.listenerCount('close'), 0);
  });

  test('a closed response never waits, whatever it holds', () => {
    const res = new FakeResponse();
    res.writableLength = 5 * HIGH_WATER_BYTES;
    res.closed = true;
    assert.equal(backlogged(res), undefined);
  });
});
