import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiObject } from '../strategy.js';
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

  test('the served JSON of a remembered object and of its taken copy comes from the stored text, at each version', () => {
    const written = new WrittenObjects();
    const value = new Uint8Array([1]);
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'a', resourceVersion: '4' },
      data: { k: 'v' },
    };
    const text = JSON.stringify({ ...object, metadata: { name: 'a' } });
    written.remember(value, object, text);
    const served = (o: ApiObject): unknown => JSON.parse(written.servedJson(o, 'v1', 'ConfigMap') ?? 'null');
    assert.deepEqual(served(object), object);
    const taken = written.take(value, 7) as ApiObject;
    assert.deepEqual(served(taken), { ...object, metadata: { name: 'a', resourceVersion: '7' } });
    assert.equal(written.servedJson(taken, 'v1', 'Secret'), undefined, 'another kind is not served from it');
    assert.notEqual(written.servedJson(taken, 'v1', 'ConfigMap', true), undefined);
    assert.equal(written.servedJson(taken, 'v1', 'ConfigMap'), undefined, 'forgotten once used with forget');
    assert.equal(written.servedJson({ ...object }, 'v1', 'ConfigMap'), undefined, 'an object not written here');
    const other = new Uint8Array([2]);
    written.remember(other, object, text);
    const unwatched = written.take(other, 8, false) as ApiObject;
    assert.equal(written.servedJson(unwatched, 'v1', 'ConfigMap'), undefined, 'a copy taken without its text');
  });
});
