import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { goJson } from './go-value.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  type ManagerInfo,
  managerIdentifier,
  parseIdentifier,
} from './managed-fields.js';

describe('manager identifiers', () => {
  /** The identifier as the JSON of the entry's identifying members, in Go's declaration order. */
  const reference = (info: ManagerInfo): string => {
    const entry: Record<string, string> = {};
    if (info.manager) entry['manager'] = info.manager;
    entry['operation'] = info.operation;
    if (info.operation === 'Update' && info.apiVersion) entry['apiVersion'] = info.apiVersion;
    if (info.subresource) entry['subresource'] = info.subresource;
    return `{${Object.entries(entry)
      .map(([name, value]) => `${JSON.stringify(name)}:${goJson(value)}`)
      .join(',')}}`;
  };
  const cases: { name: string; info: ManagerInfo }[] = [
    { name: 'an Update entry', info: { manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1' } },
    {
      name: 'an Update entry of a subresource',
      info: { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', subresource: 'status' },
    },
    {
      name: 'an Apply entry, whose version is no part of it',
      info: { manager: 'a', operation: 'Apply', apiVersion: 'v1' },
    },
    { name: 'an entry without a manager', info: { manager: '', operation: 'Update', apiVersion: 'v1' } },
    { name: 'an empty subresource', info: { manager: 'm', operation: 'Update', apiVersion: 'v1', subresource: '' } },
    {
      name: 'a manager with characters Go escapes',
      info: { manager: 'a<b>&"c"\u2028\ud800', operation: 'Update', apiVersion: 'v1' },
    },
  ];
  for (const c of cases) {
    test(`${c.name} is identified by the JSON of its identifying members, and parses back`, () => {
      const identifier = managerIdentifier(c.info);
      assert.equal(identifier, reference(c.info));
      const parsed = parseIdentifier(identifier);
      assert.equal(parsed.manager, c.info.manager);
      assert.equal(parsed.subresource ?? '', c.info.subresource ?? '');
    });
  }
});

describe('managedFields times', () => {
  const times = [
    '2024-05-01T10:00:00Z',
    '2024-02-29T23:59:59Z',
    '2023-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T23:60:00Z',
    '2024-01-01T23:00:60Z',
    '2024-00-10T00:00:00Z',
    '2024-13-10T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '2024-05-01T10:00:00.750Z',
    '2024-05-01T12:00:00+02:00',
    'yesterday',
  ];
  for (const time of times) {
    test(`the time ${time} is read as parsing and formatting it gives it`, () => {
      const ms = Date.parse(time);
      const expected = Number.isNaN(ms) ? undefined : formatTime(new Date(ms));
      const managed = decodeManagedFields([
        { manager: 'm', operation: 'Update', apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1: {} },
      ]);
      assert.deepEqual([...managed.times.values()], expected === undefined ? [] : [expected]);
    });
  }
});

describe('encoding managedFields', () => {
  test('entries encode alike whether the identifiers are parsed or were remembered from decoding', () => {
    const entries = [
      {
        manager: 'b',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2024-05-01T10:00:02Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:a': {} },
      },
      {
        manager: 'a<x>',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2024-05-01T10:00:01Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:b': {} },
        subresource: 'status',
      },
      {
        operation: 'Apply',
        apiVersion: 'v2',
        time: '2024-05-01T10:00:03Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:c': {} },
        subresource: '',
      },
    ];
    const managed = decodeManagedFields(entries);
    assert.ok(managed.infos !== undefined && managed.infos.size === 3);
    const { infos: _remembered, ...parsedOnly } = managed;
    assert.deepEqual(encodeManagedFields(managed), encodeManagedFields(parsedOnly));
    assert.deepEqual(
      encodeManagedFields(managed).map((e) => e.manager ?? ''),
      ['', 'a<x>', 'b'],
    );
  });
});
