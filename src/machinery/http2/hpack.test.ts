import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HpackDecoder, HpackError, encodeHeaderBlock } from './hpack.js';

type Field = [string, string];

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

/** The dynamic table's entries, newest first, read back through indexed fields (which change nothing). */
function dynamicEntries(decoder: HpackDecoder): Field[] {
  const block = new Uint8Array(decoder.tableLength);
  for (let i = 0; i < block.length; i++) block[i] = 0x80 | (62 + i); // indexes 62..(< 127)
  return decoder.decode(block);
}

/** One header block of an RFC 7541 Appendix C series, with what decoding it must leave. */
interface Step {
  block: string;
  fields: Field[];
  /** The dynamic table afterwards, newest first. */
  table: Field[];
  tableSize: number;
}

const requestFields: Field[][] = [
  [
    [':method', 'GET'],
    [':scheme', 'http'],
    [':path', '/'],
    [':authority', 'www.example.com'],
  ],
  [
    [':method', 'GET'],
    [':scheme', 'http'],
    [':path', '/'],
    [':authority', 'www.example.com'],
    ['cache-control', 'no-cache'],
  ],
  [
    [':method', 'GET'],
    [':scheme', 'https'],
    [':path', '/index.html'],
    [':authority', 'www.example.com'],
    ['custom-key', 'custom-value'],
  ],
];
const requestTables: Field[][] = [
  [[':authority', 'www.example.com']],
  [
    ['cache-control', 'no-cache'],
    [':authority', 'www.example.com'],
  ],
  [
    ['custom-key', 'custom-value'],
    ['cache-control', 'no-cache'],
    [':authority', 'www.example.com'],
  ],
];
const requestSizes = [57, 110, 164];

const date1 = 'Mon, 21 Oct 2013 20:13:21 GMT';
const date2 = 'Mon, 21 Oct 2013 20:13:22 GMT';
const location = 'https://www.example.com';
const cookie = 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1';
const responseFields: Field[][] = [
  [
    [':status', '302'],
    ['cache-control', 'private'],
    ['date', date1],
    ['location', location],
  ],
  [
    [':status', '307'],
    ['cache-control', 'private'],
    ['date', date1],
    ['location', location],
  ],
  [
    [':status', '200'],
    ['cache-control', 'private'],
    ['date', date2],
    ['location', location],
    ['content-encoding', 'gzip'],
    ['set-cookie', cookie],
  ],
];
const responseTables: Field[][] = [
  [
    ['location', location],
    ['date', date1],
    ['cache-control', 'private'],
    [':status', '302'],
  ],
  [
    [':status', '307'],
    ['location', location],
    ['date', date1],
    ['cache-control', 'private'],
  ],
  [
    ['set-cookie', cookie],
    ['content-encoding', 'gzip'],
    ['date', date2],
  ],
];
const responseSizes = [222, 222, 215];

function series(blocks: string[], fields: Field[][], tables: Field[][], sizes: number[]): Step[] {
  return blocks.map((block, i) => ({ block, fields: fields[i]!, table: tables[i]!, tableSize: sizes[i]! }));
}

/** RFC 7541 Appendix C.3–C.6: three header blocks each, decoded in order by one decoder. */
const rfcSeries: { name: string; maxTableSize: number; steps: Step[] }[] = [
  {
    name: 'requests without Huffman coding (C.3)',
    maxTableSize: 4096,
    steps: series(
      [
        '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
        '8286 84be 5808 6e6f 2d63 6163 6865',
        '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65',
      ],
      requestFields,
      requestTables,
      requestSizes,
    ),
  },
  {
    name: 'requests with Huffman coding (C.4)',
    maxTableSize: 4096,
    steps: series(
      [
        '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff',
        '8286 84be 5886 a8eb 1064 9cbf',
        '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf',
      ],
      requestFields,
      requestTables,
      requestSizes,
    ),
  },
  {
    name: 'responses without Huffman coding, evicting from a 256-octet table (C.5)',
    maxTableSize: 256,
    steps: series(
      [
        `4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133
         2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70
         6c65 2e63 6f6d`,
        '4803 3330 37c1 c0bf',
        `88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d
         54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049
         5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e
         3d31`,
      ],
      responseFields,
      responseTables,
      responseSizes,
    ),
  },
  {
    name: 'responses with Huffman coding, evicting from a 256-octet table (C.6)',
    maxTableSize: 256,
    steps: series(
      [
        `4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
         2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3`,
        '4883 640e ffc1 c0bf',
        `88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
         77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
         9587 3160 65c0 03ed 4ee5 b106 3d50 07`,
      ],
      responseFields,
      responseTables,
      responseSizes,
    ),
  },
];

describe('HpackDecoder', () => {
  // RFC 7541 Appendix C.2: single fields, each decoded by a fresh decoder.
  const singleFields: { name: string; block: string; fields: Field[]; table: Field[] }[] = [
    {
      name: 'a literal field with incremental indexing enters the dynamic table (C.2.1)',
      block: '400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572',
      fields: [['custom-key', 'custom-header']],
      table: [['custom-key', 'custom-header']],
    },
    {
      name: 'a literal field without indexing leaves the dynamic table alone (C.2.2)',
      block: '040c 2f73 616d 706c 652f 7061 7468',
      fields: [[':path', '/sample/path']],
      table: [],
    },
    {
      name: 'a literal field never indexed leaves the dynamic table alone (C.2.3)',
      block: '1008 7061 7373 776f 7264 0673 6563 7265 74',
      fields: [['password', 'secret']],
      table: [],
    },
    {
      name: 'an indexed field reads the static table (C.2.4)',
      block: '82',
      fields: [[':method', 'GET']],
      table: [],
    },
  ];
  for (const c of singleFields) {
    test(c.name, () => {
      const decoder = new HpackDecoder();
      assert.deepEqual(decoder.decode(hex(c.block)), c.fields);
      assert.deepEqual(dynamicEntries(decoder), c.table);
    });
  }

  test('the C.2.1 entry takes 55 octets: name, value and 32', () => {
    const decoder = new HpackDecoder();
    decoder.decode(hex(singleFields[0]!.block));
    assert.equal(decoder.tableSize, 10 + 13 + 32);
  });

  for (const c of rfcSeries) {
    test(`${c.name} decode in order, the dynamic table carrying over`, () => {
      const decoder = new HpackDecoder(c.maxTableSize);
      c.steps.forEach((step, i) => {
        assert.deepEqual(decoder.decode(hex(step.block)), step.fields, `block ${i + 1}`);
        assert.deepEqual(dynamicEntries(decoder), step.table, `table after block ${i + 1}`);
        assert.equal(decoder.tableSize, step.tableSize, `table size after block ${i + 1}`);
        assert.equal(decoder.tableLength, step.table.length);
      });
    });
  }

  test('decodes a block held in a Buffer or in part of a larger array', () => {
    const bytes = hex('00 8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d 00');
    const inner = bytes.subarray(1, bytes.length - 1);
    assert.deepEqual(new HpackDecoder().decode(inner), requestFields[0]);
    assert.deepEqual(new HpackDecoder().decode(Buffer.from(inner)), requestFields[0]);
  });

  test('octets above 127 in a raw literal come back as latin1 chars', () => {
    assert.deepEqual(new HpackDecoder().decode(hex('0001 78 02 c3a9')), [['x', '\u00c3\u00a9']]);
  });

  test('a size update at the start of a block shrinks the table, evicting entries', () => {
    const decoder = new HpackDecoder();
    decoder.decode(hex(singleFields[0]!.block)); // 55 octets
    assert.deepEqual(decoder.decode(hex('3f01 82')), [[':method', 'GET']]); // to 31 + 1 = 32 octets
    assert.equal(decoder.tableLength, 0);
    assert.equal(decoder.tableSize, 0);
    // The table holds nothing of 32 octets or more until the peer sizes it up again.
    decoder.decode(hex('4001 6100')); // 'a': '' takes 33 octets
    assert.equal(decoder.tableLength, 0);
  });

  test('two size updates may open a block, and the table may grow back to the maximum', () => {
    const decoder = new HpackDecoder();
    decoder.decode(hex('20 3fe1 1f')); // to 0, then to 4096
    decoder.decode(hex(singleFields[0]!.block));
    assert.equal(decoder.tableLength, 1);
  });

  test('an entry larger than the whole table empties it without an error', () => {
    const decoder = new HpackDecoder(64);
    decoder.decode(hex('4001 6100')); // 33 octets
    assert.equal(decoder.tableLength, 1);
    const big = `4001 62 20 ${'78'.repeat(32)}`; // 'b': 32 x's, 65 octets
    assert.deepEqual(decoder.decode(hex(big)), [['b', 'x'.repeat(32)]]);
    assert.equal(decoder.tableLength, 0);
    assert.equal(decoder.tableSize, 0);
  });

  test('setMaxTableSize evicts down to the new maximum and then bounds size updates', () => {
    const decoder = new HpackDecoder();
    for (const name of ['a', 'b', 'c']) decoder.decode(hex(`4001 ${Buffer.from(name).toString('hex')} 00`));
    assert.equal(decoder.tableSize, 99);
    decoder.setMaxTableSize(70);
    assert.deepEqual(dynamicEntries(decoder), [
      ['c', ''],
      ['b', ''],
    ]);
    assert.throws(() => decoder.decode(hex('3f28')), HpackError); // 71
    decoder.decode(hex('3f27')); // 70
  });

  test('the dynamic table matches a plain list over many inserts, evictions, resizes and wraps', () => {
    const decoder = new HpackDecoder(600);
    const model: Field[] = []; // newest first
    let capacity = 600;
    let x = 12345;
    for (let round = 0; round < 2000; round++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      if (x % 53 === 0) {
        capacity = x % 601;
        decoder.decode(sizeUpdate(capacity));
        evict(model, capacity);
      } else {
        const name = `n${round % 7}`;
        const value = 'v'.repeat(x % 40);
        decoder.decode(Buffer.concat([Buffer.from([0x40]), literal(name), literal(value)]));
        model.unshift([name, value]);
        if (sizeOf(model.slice(0, 1)) > capacity) model.length = 0;
        evict(model, capacity);
      }
      assert.equal(decoder.tableLength, model.length);
      assert.equal(decoder.tableSize, sizeOf(model));
      assert.deepEqual(dynamicEntries(decoder), model);
    }
  });

  test('entries stay addressable when the table holds more than its first few slots', () => {
    const decoder = new HpackDecoder();
    for (let i = 0; i < 60; i++) decoder.decode(Buffer.concat([Buffer.from([0x40, 1, 0x6b]), literal(String(i))]));
    assert.equal(decoder.tableLength, 60);
    assert.deepEqual(decoder.decode(hex('be')), [['k', '59']]); // 62: the newest
    assert.deepEqual(decoder.decode(hex('f9')), [['k', '0']]); // 121: the oldest
    assert.deepEqual(decoder.decode(hex('7f 3a 00')), [['k', '']]); // name from index 121
  });

  const refused: { name: string; block: string }[] = [
    { name: 'index 0', block: '80' },
    { name: 'an index beyond the empty dynamic table', block: 'be' },
    { name: 'an index beyond a literal name', block: '7e 00' }, // name index 62, table empty
    { name: 'a huge index', block: 'ff ffff ffff 03' },
    { name: 'a truncated integer', block: 'ff' },
    { name: 'an integer cut after a continuation octet', block: 'ff 80' },
    { name: 'an integer above 2^31', block: 'ff ffff ffff 7f' },
    { name: 'an integer with too many continuation octets', block: 'ff 8080 8080 8000' },
    { name: 'a literal whose name is missing', block: '40' },
    { name: 'a literal whose value is missing', block: '41' },
    { name: 'a truncated name', block: '400a 6375 73' },
    { name: 'a truncated value', block: '4102 61' },
    { name: 'a truncated Huffman value', block: '4183 640e' },
    { name: 'a string length above 2^31', block: '41 7f ffff ffff 7f' },
    { name: 'bad Huffman padding in a value', block: '4181 00' },
    { name: 'EOS in a Huffman name', block: '4084 ffff ffff 00' },
    { name: 'a size update above the maximum', block: '3fe2 1f' }, // 4097
    { name: 'a size update after a field', block: '82 20' },
    { name: 'a size update after a literal field', block: '0001 6100 3f01' },
  ];
  for (const c of refused) {
    test(`refuses ${c.name}`, () => assert.throws(() => new HpackDecoder().decode(hex(c.block)), HpackError));
  }

  test('random blocks are decoded or refused with HpackError, never anything else', () => {
    let x = 99;
    const decoder = new HpackDecoder();
    for (let round = 0; round < 3000; round++) {
      const block = new Uint8Array(1 + (round % 24));
      for (let i = 0; i < block.length; i++) {
        x = (x * 1103515245 + 12345) & 0x7fffffff;
        block[i] = x >>> 8;
      }
      try {
        decoder.decode(block);
      } catch (err) {
        assert.ok(err instanceof HpackError, String(err));
      }
    }
  });
});

describe('encodeHeaderBlock', () => {
  const roundTrips: { name: string; fields: Field[] }[] = [
    {
      name: 'a typical GET',
      fields: [
        [':method', 'GET'],
        [':scheme', 'https'],
        [':authority', '10.0.0.1:6443'],
        [':path', '/api/v1/namespaces/default/pods?limit=500'],
        ['accept', 'application/json'],
        ['user-agent', 'skiff/0.1'],
        ['authorization', 'Bearer abc.def'],
      ],
    },
    {
      name: 'a POST with a content type and length',
      fields: [
        [':method', 'POST'],
        [':path', '/apis/apps/v1/namespaces/ns/deployments'],
        ['content-type', 'application/json'],
        ['content-length', '1234'],
      ],
    },
    { name: 'a value of 300 octets', fields: [['x-long', 'v'.repeat(300)]] },
    { name: 'a name of 200 octets', fields: [['x'.repeat(200), 'y']] },
    { name: 'a name not in the static table', fields: [['x-kubernetes-pf-flowschema-uid', 'abc']] },
    {
      name: 'empty values',
      fields: [
        ['accept-encoding', ''],
        ['x-empty', ''],
        [':authority', ''],
      ],
    },
    { name: 'latin1 octets above 127', fields: [['x-latin1', 'caf\u00e9\u00ff']] },
    { name: 'no fields at all', fields: [] },
  ];
  for (const c of roundTrips) {
    test(`${c.name} decodes back to the same fields without touching the dynamic table`, () => {
      const decoder = new HpackDecoder();
      assert.deepEqual(decoder.decode(encodeHeaderBlock(c.fields)), c.fields);
      assert.equal(decoder.tableLength, 0);
    });
  }

  const encodings: { name: string; fields: Field[]; block: string }[] = [
    { name: 'a static entry is one octet', fields: [[':method', 'GET']], block: '82' },
    { name: 'an exact static match with an empty value is one octet', fields: [[':authority', '']], block: '81' },
    { name: 'a static name is indexed under a 4-bit prefix', fields: [[':path', '/a']], block: '04 02 2f61' },
    {
      name: 'a static name above 14 takes a continuation octet',
      fields: [['user-agent', 'k']],
      block: '0f 2b 01 6b',
    },
    { name: 'a new name is sent as a raw literal', fields: [['x-a', 'b']], block: '00 03 782d61 01 62' },
    {
      name: 'a length of 127 or more takes a continuation octet',
      fields: [['x', 'v'.repeat(300)]],
      block: `00 01 78 7f ad01 ${'76'.repeat(300)}`,
    },
  ];
  for (const c of encodings) {
    test(c.name, () => assert.deepEqual(Uint8Array.from(encodeHeaderBlock(c.fields)), hex(c.block)));
  }

  const refused: { name: string; field: Field }[] = [
    { name: 'a value with CR LF', field: ['x-a', 'b\r\nx-injected: 1'] },
    { name: 'a value with a lone LF', field: ['x-a', 'b\nc'] },
    { name: 'a value with NUL', field: ['x-a', 'b\0'] },
    { name: 'a value with a char above 255', field: ['x-a', '\u20ac'] },
    { name: 'a static name with a CR in its value', field: [':path', '/\r'] },
    { name: 'a name with CR LF', field: ['x-a\r\nx-b', 'c'] },
    { name: 'a name with a char above 255', field: ['x-\u0101', 'c'] },
  ];
  for (const c of refused) {
    test(`refuses ${c.name}`, () => assert.throws(() => encodeHeaderBlock([c.field]), Error));
  }
});

function literal(value: string): Buffer {
  return Buffer.concat([Buffer.from([value.length]), Buffer.from(value, 'latin1')]);
}

/** A dynamic table size update (§6.3): an integer with a 5-bit prefix after the bits 001. */
function sizeUpdate(size: number): Buffer {
  if (size < 31) return Buffer.from([0x20 | size]);
  const octets = [0x3f];
  let rest = size - 31;
  while (rest >= 128) {
    octets.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  octets.push(rest);
  return Buffer.from(octets);
}

function sizeOf(entries: Field[]): number {
  return entries.reduce((sum, [n, v]) => sum + n.length + v.length + 32, 0);
}

function evict(model: Field[], capacity: number): void {
  while (sizeOf(model) > capacity) model.pop();
}
