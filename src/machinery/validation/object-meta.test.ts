import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorString, FieldPath } from '../field-errors.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './name-functions.js';
import { validateObjectMeta, type ObjectMetaRules } from './object-meta.js';
import type { ObjectMetaLike } from './object-meta-like.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const namespaced: ObjectMetaRules = { namespaced: true, nameFn: nameIsDNSSubdomain };
const clusterScoped: ObjectMetaRules = { namespaced: false, nameFn: nameIsDNSLabel };
const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u1' };

interface Case {
  name: string;
  meta: ObjectMetaLike;
  rules?: ObjectMetaRules;
  want: string[];
  /** Compare `field: detail` only: Go prints these bad values (structs, control characters) in ways a JSON value cannot show. */
  detailOnly?: boolean;
}

const cases: Case[] = [
  { name: 'a named object in a namespace is valid', meta: { name: 'web', namespace: 'default' }, want: [] },
  {
    name: 'an object without name or generateName is refused',
    meta: { namespace: 'default' },
    want: ['metadata.name: Required value: name or generateName is required'],
  },
  {
    name: 'a bad name is reported with the kind’s name format',
    meta: { name: 'Web', namespace: 'default' },
    want: [`metadata.name: Invalid value: "Web": ${SUBDOMAIN}`],
  },
  {
    name: 'a bad generateName is reported on generateName and on the generated name',
    meta: { generateName: 'Web-', name: 'Web-abcde', namespace: 'default' },
    want: [
      `metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}`,
      `metadata.name: Invalid value: "Web-abcde": ${SUBDOMAIN}`,
    ],
  },
  { name: 'a namespaced kind needs a namespace', meta: { name: 'web' }, want: ['metadata.namespace: Required value'] },
  {
    name: 'a namespace must be a DNS label',
    meta: { name: 'web', namespace: 'a.b' },
    want: ['metadata.namespace: Invalid value: "a.b": must not contain dots'],
  },
  {
    name: 'a cluster-scoped kind forbids a namespace',
    meta: { name: 'node-1', namespace: 'default' },
    rules: clusterScoped,
    want: ['metadata.namespace: Forbidden: not allowed on this type'],
  },
  {
    name: 'a negative generation is refused',
    meta: { name: 'web', namespace: 'default', generation: -1 },
    want: ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'],
  },
  {
    name: 'bad label keys and values name the labels map',
    meta: { name: 'web', namespace: 'default', labels: { 'app:x': 'ok', app: '-bad' } },
    want: [
      `metadata.labels: Invalid value: "app:x": ${NAME_PART}`,
      `metadata.labels: Invalid value: "-bad": ${LABEL_VALUE}`,
    ],
  },
  {
    name: 'annotation keys are checked case-insensitively',
    meta: { name: 'web', namespace: 'default', annotations: { 'Example.COM/Key': 'v' } },
    want: [],
  },
  {
    name: 'annotations over 256 KiB in total are too long',
    meta: { name: 'web', namespace: 'default', annotations: { a: 'x'.repeat(256 * 1024) } },
    want: ['metadata.annotations: Too long: may not be more than 262144 bytes'],
  },
  {
    name: 'an owner reference needs apiVersion, kind, name and uid',
    meta: { name: 'web', namespace: 'default', ownerReferences: [{}] },
    want: [
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ],
  },
  {
    name: 'an apiVersion with a group but no version has no version',
    meta: { name: 'web', namespace: 'default', ownerReferences: [{ ...owner, apiVersion: 'apps/' }] },
    want: ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty'],
  },
  {
    name: 'an Event may not own anything',
    meta: { name: 'web', namespace: 'default', ownerReferences: [{ ...owner, apiVersion: 'v1', kind: 'Event' }] },
    want: ['metadata.ownerReferences: /v1, Kind=Event is disallowed from being an owner'],
    detailOnly: true,
  },
  {
    name: 'only one owner reference may be the controller',
    meta: {
      name: 'web',
      namespace: 'default',
      ownerReferences: [
        { ...owner, controller: true },
        { ...owner, kind: 'Deployment', name: 'app', uid: 'u2', controller: true },
      ],
    },
    want: [
      'metadata.ownerReferences: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/web and Deployment/app',
    ],
    detailOnly: true,
  },
  {
    name: 'finalizers are qualified names',
    meta: { name: 'web', namespace: 'default', finalizers: ['example.com/cleanup', 'bad finalizer'] },
    want: [`metadata.finalizers: Invalid value: "bad finalizer": ${NAME_PART}`],
  },
  {
    name: 'orphan and foregroundDeletion exclude each other',
    meta: { name: 'web', namespace: 'default', finalizers: ['orphan', 'foregroundDeletion'] },
    want: [
      'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ],
  },
  {
    name: 'managed fields need a known operation and a printable manager',
    meta: {
      name: 'web',
      namespace: 'default',
      managedFields: [{ manager: 'kube\x07ctl', operation: 'Patch', fieldsType: 'FieldsV2' }],
    },
    want: [
      'metadata.managedFields[0].operation: must be `Apply` or `Update`',
      'metadata.managedFields[0].fieldsType: must be `FieldsV1`',
      'metadata.managedFields[0].manager: invalid character U+0007 (at position 4)',
    ],
    detailOnly: true,
  },
];

describe('metadata validation on create', () => {
  for (const c of cases) {
    test(c.name, () => {
      const errs = validateObjectMeta(c.meta, c.rules ?? namespaced, FieldPath.root('metadata'));
      const shown = c.detailOnly ? errs.map((e) => `${e.field}: ${e.detail ?? ''}`) : errs.map(errorString);
      assert.deepEqual(shown, c.want);
    });
  }

  test('errors carry upstream’s cause types', () => {
    const [err] = validateObjectMeta({}, clusterScoped, FieldPath.root('metadata'));
    assert.equal(err?.type, 'FieldValueRequired');
    assert.equal(err?.field, 'metadata.name');
  });
});
