import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { FieldSet } from './field-set.js';
import { encodeFieldsV1 } from './fields-v1.js';
import { elementToString, fieldPath, keyElement, pathToString, valueElement } from './path-element.js';
import { configMapSchema, deployment, deploymentSchema, serviceSchema } from './test-schemas.js';
import { listErrors, toFieldSet } from './to-field-set.js';

const set = (...paths: string[]): FieldSet => FieldSet.fromPaths(paths.map((p) => fieldPath(...p.split('.'))));
const printed = (s: FieldSet): string[] => s.paths().map(pathToString);

describe('field set operations', () => {
  const cases: { name: string; result: FieldSet; expected: string[] }[] = [
    {
      name: 'a union holds the paths of both sets',
      result: set('a.b', 'c').union(set('a.d', 'c')),
      expected: ['.c', '.a.b', '.a.d'],
    },
    {
      name: 'an intersection holds the paths in both sets',
      result: set('a.b', 'a.d', 'c').intersection(set('a.d', 'e')),
      expected: ['.a.d'],
    },
    {
      name: 'a difference keeps children of the other set’s members',
      result: set('a', 'a.b', 'c').difference(set('a')),
      expected: ['.c', '.a.b'],
    },
    {
      name: 'a recursive difference drops children of the other set’s members',
      result: set('a.b', 'a.c.d', 'e').recursiveDifference(set('a.c')),
      expected: ['.e', '.a.b'],
    },
    {
      name: 'leaves are the members that are not also parents',
      result: set('a', 'a.b', 'c').leaves(),
      expected: ['.c', '.a.b'],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(printed(c.result), c.expected));

  test('a path is a member only when inserted itself, not through its children', () => {
    const s = set('spec.replicas');
    assert.equal(s.has(fieldPath('spec', 'replicas')), true);
    assert.equal(s.has(fieldPath('spec')), false);
    assert.equal(s.has([]), false);
  });

  test('a set with no paths left is empty', () => {
    assert.equal(set('a.b').difference(set('a.b')).isEmpty(), true);
    assert.equal(set('a.b').difference(set('a.b')).children.length, 0);
  });

  const unchanged: { name: string; operation: (s: FieldSet) => FieldSet }[] = [
    { name: 'a union with the empty set', operation: (s) => s.union(FieldSet.EMPTY) },
    { name: 'the empty set’s union with it', operation: (s) => FieldSet.EMPTY.union(s) },
    { name: 'a difference of the empty set', operation: (s) => s.difference(FieldSet.EMPTY) },
    { name: 'a recursive difference of the empty set', operation: (s) => s.recursiveDifference(FieldSet.EMPTY) },
    {
      name: 'a difference of an intersection with nothing in common',
      operation: (s) => s.difference(s.intersection(set('x'))),
    },
  ];
  for (const c of unchanged) {
    test(`${c.name} is the set itself, not a copy`, () => {
      const s = set('a.b', 'a.c', 'd');
      assert.equal(c.operation(s), s);
    });
  }

  test('path elements print as upstream prints them in conflicts', () => {
    assert.equal(
      elementToString(
        keyElement([
          { name: 'protocol', value: 'TCP' },
          { name: 'containerPort', value: 80 },
        ]),
      ),
      '[containerPort=80,protocol="TCP"]',
    );
    assert.equal(elementToString(valueElement('x')), '[="x"]');
  });
});

describe('field set operations against paths, and when they give back a set itself', () => {
  /** A reference for each operation on printed paths (`.a.b`), with no sharing or shortcuts. */
  const reference = {
    union: (a: string[], b: string[]) => [...new Set([...a, ...b])],
    intersection: (a: string[], b: string[]) => a.filter((p) => b.includes(p)),
    difference: (a: string[], b: string[]) => a.filter((p) => !b.includes(p)),
    recursiveDifference: (a: string[], b: string[]) =>
      a.filter((p) => !b.some((q) => p === q || p.startsWith(`${q}.`))),
  };
  type Operation = keyof typeof reference;
  const sorted = (paths: string[]): string[] => [...paths].sort();
  const pairs: { name: string; a: string[]; b: string[]; same: Partial<Record<Operation, 'a' | 'b'>> }[] = [
    {
      name: 'a set and a copy of it',
      a: ['a.b', 'a.c', 'd'],
      b: ['a.b', 'a.c', 'd'],
      same: { union: 'a', intersection: 'a' },
    },
    {
      name: 'a set and a part of it',
      a: ['a.b', 'a.c', 'd', 'e.f.g'],
      b: ['a.c', 'e.f.g'],
      same: { union: 'a' },
    },
    {
      name: 'a part of a set and the set',
      a: ['a.c', 'd'],
      b: ['a.b', 'a.c', 'd', 'e.f.g'],
      same: { union: 'b', intersection: 'a' },
    },
    {
      name: 'sets with nothing in common below a shared step',
      a: ['a.b', 'e.f.g'],
      b: ['a.c', 'e.f.h'],
      same: { difference: 'a', recursiveDifference: 'a' },
    },
    {
      name: 'sets that overlap in part, at several depths',
      a: ['a', 'a.b', 'a.c.d', 'x'],
      b: ['a.c', 'a.c.e', 'x', 'y.z'],
      same: { difference: undefined },
    },
    {
      name: 'a set and a member above some of its paths',
      a: ['a.b.c', 'a.d', 'e'],
      b: ['a.b'],
      same: { difference: 'a', union: undefined },
    },
  ];
  const operations: Operation[] = ['union', 'intersection', 'difference', 'recursiveDifference'];
  for (const c of pairs) {
    for (const operation of operations) {
      const which = c.same[operation];
      const named = which === undefined ? 'a new set' : `set ${which} itself`;
      test(`the ${operation} of ${c.name} holds the expected paths and is ${named}`, () => {
        const a = set(...c.a);
        const b = set(...c.b);
        const result = a[operation](b);
        const expected = sorted(reference[operation](printed(a), printed(b)));
        assert.deepEqual(sorted(printed(result)), expected);
        if (which === 'a') assert.equal(result, a);
        else if (which === 'b') assert.equal(result, b);
        else assert.ok(result !== a && result !== b, 'a new set');
      });
    }
  }
});

describe('the fields an object sets', () => {
  const cases: { name: string; object: unknown; schema: typeof deploymentSchema; expected: string }[] = [
    {
      name: 'structs are owned only through their leaves, map entries and list elements by themselves',
      object: deployment({ replicas: 2 }),
      schema: deploymentSchema,
      expected: JSON.stringify({
        'f:apiVersion': {},
        'f:kind': {},
        'f:metadata': { 'f:name': {}, 'f:namespace': {} },
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
          },
        },
      }),
    },
    {
      name: 'a port without a protocol is keyed with the default TCP',
      object: { spec: { ports: [{ port: 80 }] } },
      schema: serviceSchema,
      expected: JSON.stringify({
        'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {} } } },
      }),
    },
    {
      name: 'an atomic map is one leaf',
      object: { spec: { selector: { app: 'web', tier: 'front' } } },
      schema: serviceSchema,
      expected: JSON.stringify({ 'f:spec': { 'f:selector': {} } }),
    },
    {
      name: 'set elements are owned by value',
      object: { metadata: { finalizers: ['b', 'a'] } },
      schema: configMapSchema,
      expected: JSON.stringify({ 'f:metadata': { 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} } } }),
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(JSON.stringify(encodeFieldsV1(toFieldSet(c.object, c.schema))), c.expected);
    });
  }

  const invalid: { name: string; object: unknown; errors: string[] }[] = [
    {
      name: 'an element without its key is reported with the list’s path',
      object: { spec: { ports: [{ name: 'http' }] } },
      errors: [
        '.spec.ports: element 0: associative list with keys has an element that omits key field "port" (and doesn\'t have default value)',
      ],
    },
    {
      name: 'a key given twice is reported once per repeat',
      object: { spec: { ports: [{ port: 80 }, { port: 80, protocol: 'TCP' }] } },
      errors: ['.spec.ports: duplicate entries for key [port=80,protocol="TCP"]'],
    },
  ];
  for (const c of invalid) test(c.name, () => assert.deepEqual(listErrors(c.object, serviceSchema), c.errors));
});
