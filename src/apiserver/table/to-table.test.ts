import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StatusError } from '../../machinery/status.js';
import { configMapPrinter } from './config-printers.js';
import { podPrinter } from './pod-printers.js';
import { NOW, ago } from './testing.js';
import { parseIncludeObject, toTable } from './to-table.js';

const configMaps = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'app-config',
      namespace: 'shop',
      uid: 'u-1',
      resourceVersion: '41',
      creationTimestamp: ago(30),
      labels: { app: 'shop' },
    },
    data: { 'app.yaml': 'port: 8080' },
  },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'kube-root-ca.crt',
      namespace: 'shop',
      uid: 'u-2',
      resourceVersion: '7',
      creationTimestamp: ago(3600),
    },
    data: { 'ca.crt': '-----BEGIN CERTIFICATE-----' },
  },
];

describe('toTable', () => {
  test('the envelope carries kind, version, list metadata and the column definitions', () => {
    const table = toTable(configMaps, configMapPrinter, {
      includeObject: 'Metadata',
      resourceVersion: '42',
      continue: 'eyJzIjoiYSJ9',
      now: NOW,
    });
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    assert.deepEqual(table.metadata, { resourceVersion: '42', continue: 'eyJzIjoiYSJ9' });
    assert.deepEqual(
      table.columnDefinitions.map((c) => Object.keys(c).sort()),
      [0, 1, 2].map(() => ['description', 'format', 'name', 'priority', 'type']),
    );
    assert.deepEqual(
      table.rows.map((r) => r.cells),
      [
        ['app-config', 1, '30s'],
        ['kube-root-ca.crt', 1, '60m'],
      ],
    );
  });

  test('includeObject=Metadata puts a PartialObjectMetadata with the whole metadata in each row', () => {
    const table = toTable(configMaps, configMapPrinter, { includeObject: 'Metadata', now: NOW });
    assert.deepEqual(table.rows[0]?.object, {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: configMaps[0]?.metadata,
    });
    assert.deepEqual(table.metadata, {});
  });

  test('includeObject=Object puts the whole object in each row', () => {
    const table = toTable(configMaps, configMapPrinter, { includeObject: 'Object', now: NOW });
    assert.deepEqual(
      table.rows.map((r) => r.object),
      configMaps,
    );
  });

  test('includeObject=None leaves the object out of the rows', () => {
    const table = toTable(configMaps, configMapPrinter, { includeObject: 'None', now: NOW });
    for (const r of table.rows) assert.equal('object' in r, false);
    assert.equal(JSON.parse(JSON.stringify(table)).rows[0].object, undefined);
  });

  test('a v1beta1 table names its partial objects in the same version', () => {
    const table = toTable(configMaps.slice(0, 1), configMapPrinter, {
      includeObject: 'Metadata',
      now: NOW,
      version: 'v1beta1',
    });
    assert.equal(table.apiVersion, 'meta.k8s.io/v1beta1');
    assert.equal((table.rows[0]?.object as { apiVersion: string }).apiVersion, 'meta.k8s.io/v1beta1');
  });

  test('noHeaders leaves out the column definitions but keeps the cells', () => {
    const table = toTable(configMaps, configMapPrinter, { includeObject: 'None', now: NOW, noHeaders: true });
    assert.deepEqual(table.columnDefinitions, []);
    assert.equal(table.rows.length, 2);
  });

  test('an empty list gives an empty rows array', () => {
    assert.deepEqual(toTable([], podPrinter, { includeObject: 'Metadata', resourceVersion: '9', now: NOW }).rows, []);
  });

  test('rows carry the printer’s conditions when it has any', () => {
    const done = {
      metadata: { name: 'job-x' },
      spec: { containers: [{ name: 'main' }] },
      status: { phase: 'Succeeded' },
    };
    const running = {
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'main' }] },
      status: { phase: 'Running' },
    };
    const table = toTable([done, running], podPrinter, { includeObject: 'None', now: NOW });
    assert.equal(table.rows[0]?.conditions?.[0]?.type, 'Completed');
    assert.equal('conditions' in (table.rows[1] ?? {}), false);
  });

  test('the objects are not mutated', () => {
    const before = JSON.stringify(configMaps);
    toTable(configMaps, configMapPrinter, { includeObject: 'Metadata', now: NOW });
    assert.equal(JSON.stringify(configMaps), before);
  });
});

describe('parseIncludeObject', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['an absent value means Metadata', undefined, 'Metadata'],
    ['an empty value means Metadata', '', 'Metadata'],
    ['None is accepted', 'None', 'None'],
    ['Object is accepted', 'Object', 'Object'],
    ['Metadata is accepted', 'Metadata', 'Metadata'],
  ];
  for (const [name, value, want] of cases) test(name, () => assert.equal(parseIncludeObject(value), want));

  test('any other value is a 400 with upstream’s message', () => {
    assert.throws(
      () => parseIncludeObject('Everything'),
      (err: unknown) =>
        err instanceof StatusError &&
        err.code === 400 &&
        err.message === 'unrecognized includeObject value: "Everything"',
    );
  });
});
