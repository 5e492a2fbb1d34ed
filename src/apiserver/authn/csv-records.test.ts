import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCsvRecords } from './csv-records.js';

describe('parseCsvRecords', () => {
  const cases: { name: string; text: string; want: string[][] | RegExp }[] = [
    {
      name: 'splits lines into records and commas into fields',
      text: 'a,b,c\nd,e,f\n',
      want: [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
    },
    {
      name: 'records may have different lengths',
      text: 'a,b,c\nd,e,f,g',
      want: [
        ['a', 'b', 'c'],
        ['d', 'e', 'f', 'g'],
      ],
    },
    { name: 'a quoted field may hold commas', text: 't,u,1,"g1,g2"\n', want: [['t', 'u', '1', 'g1,g2']] },
    { name: 'two quotes inside quotes are one quote', text: '"say ""hi""",x', want: [['say "hi"', 'x']] },
    {
      name: 'a quoted field may span lines',
      text: '"a\nb",c\nd,e',
      want: [
        ['a\nb', 'c'],
        ['d', 'e'],
      ],
    },
    {
      name: 'blank lines are skipped and CRLF is a line end',
      text: '\r\na,b\r\n\r\nc,d\r\n',
      want: [
        ['a', 'b'],
        ['c', 'd'],
      ],
    },
    { name: 'spaces are kept', text: ' a , b ', want: [[' a ', ' b ']] },
    { name: 'empty fields are kept', text: ',,\n', want: [['', '', '']] },
    {
      name: 'a quote inside an unquoted field is an error',
      text: 'a,b"c',
      want: /: parse error on line 1, column 4: bare " in non-quoted-field$/,
    },
    {
      name: 'text after a closing quote is an error',
      text: 'x\n"a"b,c',
      want: /: parse error on line 2, column 4: extraneous or missing " in quoted-field$/,
    },
    { name: 'a quote never closed is an error', text: '"abc', want: /extraneous or missing " in quoted-field/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      if (c.want instanceof RegExp) assert.throws(() => parseCsvRecords(c.text), c.want);
      else assert.deepEqual(parseCsvRecords(c.text), c.want);
    });
  }
});
