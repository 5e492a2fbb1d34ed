import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
} from './names.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './name-functions.js';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

interface Case {
  name: string;
  check: (v: string) => string[];
  value: string;
  want: string[];
}

const cases: Case[] = [
  { name: 'a plain lowercase name is a DNS subdomain', check: isDNS1123Subdomain, value: 'web-1.example', want: [] },
  { name: 'an uppercase letter breaks a DNS subdomain', check: isDNS1123Subdomain, value: 'Web', want: [SUBDOMAIN] },
  { name: 'a leading dash breaks a DNS subdomain', check: isDNS1123Subdomain, value: '-web', want: [SUBDOMAIN] },
  { name: 'the empty string is no DNS subdomain', check: isDNS1123Subdomain, value: '', want: [SUBDOMAIN] },
  {
    name: 'a subdomain longer than 253 bytes reports its length',
    check: isDNS1123Subdomain,
    value: 'a'.repeat(254),
    want: ['must be no more than 253 characters'],
  },
  { name: 'a DNS label takes digits first', check: isDNS1123Label, value: '123-abc', want: [] },
  {
    name: 'a valid subdomain with dots is told it must not contain dots',
    check: isDNS1123Label,
    value: 'a.b',
    want: ['must not contain dots'],
  },
  {
    name: 'an underscore breaks a DNS label with the regex message',
    check: isDNS1123Label,
    value: 'a_b',
    want: [LABEL],
  },
  {
    name: 'a DNS label over 63 bytes reports only its length when otherwise fine',
    check: isDNS1123Label,
    value: 'a'.repeat(64),
    want: ['must be no more than 63 characters'],
  },
  { name: 'a DNS-1035 label may not start with a digit', check: isDNS1035Label, value: '1abc', want: [DNS1035] },
  { name: 'a DNS-1035 label starting with a letter is fine', check: isDNS1035Label, value: 'abc-123', want: [] },
  { name: 'a qualified name may carry a DNS prefix', check: isQualifiedName, value: 'example.com/MyName', want: [] },
  {
    name: 'a qualified name without prefix may use capitals and dots',
    check: isQualifiedName,
    value: 'My.name_1',
    want: [],
  },
  { name: 'a colon breaks the name part', check: isQualifiedName, value: 'app:monolith', want: [NAME_PART] },
  {
    name: 'an empty prefix is reported',
    check: isQualifiedName,
    value: '/name',
    want: ['prefix part must be non-empty'],
  },
  {
    name: 'an empty name part is reported with the regex message too',
    check: isQualifiedName,
    value: 'example.com/',
    want: ['name part must be non-empty', NAME_PART],
  },
  {
    name: 'a bad prefix is reported with the subdomain message',
    check: isQualifiedName,
    value: 'app.kubernetes_io/name',
    want: [`prefix part ${SUBDOMAIN}`],
  },
  {
    name: 'two slashes are reported as one whole-name message',
    check: isQualifiedName,
    value: 'a/b/c',
    want: [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  },
  {
    name: 'a name part over 63 bytes reports its length',
    check: isQualifiedName,
    value: 'a'.repeat(64),
    want: ['name part must be no more than 63 characters'],
  },
  { name: 'an empty label value is valid', check: isValidLabelValue, value: '', want: [] },
  { name: 'a label value may not start with a dash', check: isValidLabelValue, value: '-b', want: [LABEL_VALUE] },
  {
    name: 'a label value over 63 bytes reports its length',
    check: isValidLabelValue,
    value: 'v'.repeat(64),
    want: ['must be no more than 63 characters'],
  },
  { name: 'a path segment may not be ..', check: isValidPathSegmentName, value: '..', want: ["may not be '..'"] },
  {
    name: 'a path segment may contain neither / nor %',
    check: isValidPathSegmentName,
    value: 'a/b%c',
    want: ["may not contain '/'", "may not contain '%'"],
  },
  { name: 'a path segment prefix may be ..', check: isValidPathSegmentPrefix, value: '..', want: [] },
  { name: 'a generateName may end with a dash', check: (v) => nameIsDNSSubdomain(v, true), value: 'web-', want: [] },
  {
    name: 'a name may not end with a dash',
    check: (v) => nameIsDNSSubdomain(v, false),
    value: 'web-',
    want: [SUBDOMAIN],
  },
  {
    name: 'a namespace name may not contain dots',
    check: (v) => nameIsDNSLabel(v, false),
    value: 'a.b',
    want: ['must not contain dots'],
  },
];

describe('name formats', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(c.check(c.value), c.want);
    });
  }
});
