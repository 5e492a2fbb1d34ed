import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StatusError } from '../status.js';
import { parseLabelSelector } from './selector.js';

const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parsing label selector text', () => {
  const parsed = [
    { name: 'the empty selector selects everything', input: '', want: '' },
    { name: 'blank text selects everything', input: ' \t\n', want: '' },
    { name: 'an equality keeps its spelling', input: 'a=b', want: 'a=b' },
    { name: 'a double equality keeps its spelling', input: 'a==b', want: 'a==b' },
    { name: 'an inequality keeps its spelling', input: 'a!=b', want: 'a!=b' },
    { name: 'whitespace around operators and commas is dropped', input: ' a = b , c ', want: 'a=b,c' },
    { name: 'a bare key means the key exists', input: 'k', want: 'k' },
    { name: 'greater-than and less-than take integers', input: 'k>3,j<10', want: 'j<10,k>3' },
    { name: '! before a key means it does not exist', input: '!k', want: '!k' },
    {
      name: 'set values are sorted and de-duplicated',
      input: 'x in (foo,,baz),y,z notin ()',
      want: 'x in (,baz,foo),y,z notin ()',
    },
    { name: 'requirements are sorted by key', input: 'z=1,a=2,m', want: 'a=2,m,z=1' },
    { name: 'repeated keys keep their order', input: 'a=2,a!=1', want: 'a=2,a!=1' },
    {
      name: 'in and notin are plain words where a key or value is expected',
      input: 'in in (in,notin)',
      want: 'in in (in,notin)',
    },
    { name: 'an equality with nothing after it selects the empty value', input: 'a=,b', want: 'a=,b' },
    { name: 'a prefixed key is accepted', input: 'app.kubernetes.io/name=web', want: 'app.kubernetes.io/name=web' },
  ];
  for (const c of parsed) {
    test(c.name, () => assert.equal(parseLabelSelector(c.input).toString(), c.want));
  }

  const refused = [
    {
      name: 'two words without an operator are refused',
      input: 'a b',
      want: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    },
    { name: 'a trailing word is refused', input: 'a=b c', want: "found 'c', expected: ',' or 'end of string'" },
    { name: 'a trailing comma is refused', input: 'a=b,', want: "found '', expected: identifier after ','" },
    { name: 'a leading comma is refused', input: ',a', want: "found ',', expected: !, identifier, or 'end of string'" },
    {
      name: 'set values need commas',
      input: 'a in (b c)',
      want: "unable to parse requirement: found 'c', expected: ',' or ')'",
    },
    { name: 'a set needs parentheses', input: 'a in b', want: "unable to parse requirement: found 'b' expected: '('" },
    {
      name: 'an unclosed set is refused',
      input: 'a in (b',
      want: "unable to parse requirement: found '', expected: ',' or ')'",
    },
    {
      name: 'three equals signs are refused',
      input: 'a===b',
      want: "unable to parse requirement: found '=', expected: identifier",
    },
    { name: 'a value after !key is refused', input: '!a=b', want: "found '=', expected: ',' or 'end of string'" },
    {
      name: 'a bad key is reported with a <nil> field, as upstream does',
      input: 'app:monolith',
      want: `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${NAME_PART}`,
    },
    {
      name: 'a bad value is reported on values[i][key]',
      input: 'a=-b',
      want: `unable to parse requirement: values[0][a]: Invalid value: "-b": ${LABEL_VALUE}`,
    },
    {
      name: 'a non-integer for > is refused',
      input: 'a>b',
      want: "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer",
    },
    {
      name: 'a negative number for > is refused as a label value',
      input: 'a>-1',
      want: `unable to parse requirement: values[0][a]: Invalid value: "-1": ${LABEL_VALUE}`,
    },
    {
      name: 'several problems with one requirement are listed in brackets',
      input: 'a>-b',
      want:
        "unable to parse requirement: [values[0]: Invalid value: \"-b\": for 'Gt', 'Lt' operators, the value must be an integer, " +
        `values[0][a]: Invalid value: "-b": ${LABEL_VALUE}]`,
    },
  ];
  for (const c of refused) {
    test(c.name, () => {
      assert.throws(
        () => parseLabelSelector(c.input),
        (err: unknown) => {
          assert.ok(err instanceof StatusError);
          assert.equal(err.code, 400);
          assert.equal(err.reason, 'BadRequest');
          assert.equal(err.message, c.want);
          return true;
        },
      );
    });
  }
});
