import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { sameJson } from './same-json.js';

const pod = () => ({
  metadata: { name: 'p', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', ports: [{ containerPort: 80 }] }], priority: 0 },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
});

describe('sameJson', () => {
  const cases: { name: string; a: unknown; b: unknown }[] = [
    { name: 'two decodings of one object', a: pod(), b: JSON.parse(JSON.stringify(pod())) },
    { name: 'objects with members in another order', a: { x: 1, y: [1, 2] }, b: { y: [1, 2], x: 1 } },
    { name: 'a changed leaf deep down', a: pod(), b: { ...pod(), status: { phase: 'Failed', conditions: [] } } },
    { name: 'a member absent on one side and undefined on the other', a: { x: undefined }, b: {} },
    { name: 'undefined members of other names', a: { x: undefined }, b: { y: undefined } },
    { name: 'zero and negative zero', a: { n: 0 }, b: { n: -0 } },
    { name: 'NaN and NaN', a: [NaN], b: [NaN] },
    { name: 'an array and an object with the same entries', a: ['x'], b: { 0: 'x' } },
    { name: 'arrays of other lengths', a: [1, 2], b: [1, 2, 3] },
    { name: 'a sparse array and one holding undefined', a: [, 1], b: [undefined, 1] }, // eslint-disable-line no-sparse-arrays
    { name: 'two dates of other times', a: { t: new Date(0) }, b: { t: new Date(1) } },
    { name: 'two equal dates', a: { t: new Date(5) }, b: { t: new Date(5) } },
    { name: 'a null-prototype object and a plain one', a: Object.assign(Object.create(null), { x: 1 }), b: { x: 1 } },
    { name: 'objects differing in a symbol key', a: { [Symbol.for('s')]: 1 }, b: {} },
    { name: 'null and an empty object', a: null, b: {} },
  ];
  for (const c of cases) {
    test(`${c.name}: answers as isDeepStrictEqual does`, () => {
      assert.equal(sameJson(c.a, c.b), isDeepStrictEqual(c.a, c.b));
      assert.equal(sameJson(c.b, c.a), isDeepStrictEqual(c.b, c.a));
    });
  }
});
