import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WrittenObjects } from './written-objects.js';

describe('written objects', () => {
  test('a remembered object is taken once, with the write revision as its resourceVersion', () => {
    const written = new WrittenObjects();
    const value = new Uint8Array([1, 2, 3]);
    const spec = { replicas: 2 };
    const object = { metadata: { name: 'a', resourceVersion: '4' }, spec };
    written.remember(value, object);
    const taken = written.take(value, 7);
    assert.deepEqual(taken, { metadata: { name: 'a', resourceVersion: '7' }, spec });
    assert.equal(taken?.['spec'], spec, 'everything but metadata is shared');
    assert.equal(object.metadata.resourceVersion, '4', 'the remembered metadata is not changed');
    assert.equal(written.take(value, 7), undefined, 'a second take finds nothing');
  });

  test('bytes not written here, even if equal, find nothing', () => {
    const written = new WrittenObjects();
    written.remember(new Uint8Array([1]), { metadata: { name: 'a' } });
    assert.equal(written.take(new Uint8Array([1]), 2), undefined);
  });

  test('an object without metadata gets metadata with the resourceVersion', () => {
    const written = new WrittenObjects();
    const value = new Uint8Array([1]);
    written.remember(value, { data: {} });
    assert.deepEqual(written.take(value, 3), { data: {}, metadata: { resourceVersion: '3' } });
  });
});
