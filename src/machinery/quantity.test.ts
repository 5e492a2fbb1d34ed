import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseQuantity,
  Quantity,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_NUMERIC_ERROR,
  QUANTITY_SUFFIX_ERROR,
  QuantityFormat,
  QuantityParseError,
} from './quantity.js';

const { BinarySI, DecimalSI, DecimalExponent } = QuantityFormat;

describe('parsing and printing quantities', () => {
  const cases: { name: string; input: string; want: string; format: QuantityFormat }[] = [
    { name: 'a thousand millis print as one', input: '1000m', want: '1', format: DecimalSI },
    {
      name: 'a fractional binary amount moves to the next smaller suffix',
      input: '1.5Gi',
      want: '1536Mi',
      format: BinarySI,
    },
    { name: 'a tenth prints in millis', input: '0.1', want: '100m', format: DecimalSI },
    { name: 'one and a half prints in millis', input: '1.5', want: '1500m', format: DecimalSI },
    { name: '1024Mi prints as 1Gi', input: '1024Mi', want: '1Gi', format: BinarySI },
    { name: '1000M prints as 1G', input: '1000M', want: '1G', format: DecimalSI },
    { name: 'a thousand plain units print as 1k', input: '1000', want: '1k', format: DecimalSI },
    { name: 'half a Mi prints in Ki', input: '0.5Mi', want: '512Ki', format: BinarySI },
    { name: 'a small binary amount prints as decimal millis', input: '.001Ki', want: '1024m', format: BinarySI },
    { name: 'a binary amount below one becomes DecimalSI', input: '.000001Ki', want: '1024u', format: DecimalSI },
    {
      name: 'a binary amount below one becomes DecimalSI and rounds up to nanos',
      input: '.000000000001Ki',
      want: '2n',
      format: DecimalSI,
    },
    {
      name: 'a non-integral binary amount prints as decimal',
      input: '100.035Ki',
      want: '102435840m',
      format: BinarySI,
    },
    { name: 'below a nano rounds up to a nano', input: '0.0000000001', want: '1n', format: DecimalSI },
    { name: 'nanos round up, not to nearest', input: '3.001n', want: '4n', format: DecimalSI },
    { name: 'a decimal exponent keeps its format', input: '1e3', want: '1e3', format: DecimalExponent },
    { name: 'a decimal exponent prints in multiples of three', input: '1.2e3', want: '1200', format: DecimalExponent },
    {
      name: 'a negative decimal exponent prints in multiples of three',
      input: '80e-3',
      want: '80e-3',
      format: DecimalExponent,
    },
    { name: 'a plus sign in an exponent is accepted', input: '1.3E+6', want: '1300e3', format: DecimalExponent },
    { name: 'E alone is exa', input: '12E', want: '12E', format: DecimalSI },
    { name: 'past E, DecimalSI falls back to exponent notation', input: '1000E', want: '1e21', format: DecimalSI },
    { name: 'binary amounts are capped at 2^63-1', input: '9Ei', want: '9223372036854775807', format: BinarySI },
    {
      name: 'negative binary amounts are capped too',
      input: '-9223372036854775807Ki',
      want: '-9223372036854775807',
      format: BinarySI,
    },
    { name: 'negative amounts keep their sign', input: '-1.5', want: '-1500m', format: DecimalSI },
    { name: 'zero prints as 0 whatever the suffix', input: '0Mi', want: '0', format: BinarySI },
    { name: 'negative zero prints as 0', input: '-0', want: '0', format: DecimalSI },
    { name: 'a lone dot is zero', input: '.', want: '0', format: DecimalSI },
    { name: 'a lone sign is zero', input: '-', want: '0', format: DecimalSI },
    { name: 'upstream keeps a plus sign it did not need to rewrite', input: '+1', want: '+1', format: DecimalSI },
    {
      name: 'upstream keeps trailing decimal zeros on a multiple-of-three scale',
      input: '1.500',
      want: '1.500',
      format: DecimalSI,
    },
    { name: 'upstream keeps a trailing dot', input: '1.G', want: '1.G', format: DecimalSI },
    { name: 'upstream keeps an odd binary multiplier as written', input: '+3Ki', want: '+3Ki', format: BinarySI },
    { name: 'a multiplier divisible by eight is rewritten', input: '1024Ki', want: '1Mi', format: BinarySI },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const q = parseQuantity(c.input);
      assert.equal(q.toString(), c.want);
      assert.equal(q.format, c.format);
      assert.equal(parseQuantity(q.toString()).cmp(q), 0, 'the printed form parses back to the same value');
    });
  }

  // Upstream's TestQuantityString pairs: each alternate spelling prints as the canonical one.
  const alternates = [
    ['1024Mi', '1Gi'],
    ['307200Ki', '300Mi'],
    ['1025024Mi', '1001Gi'],
    ['5000m', '5'],
    ['0.5', '500m'],
    ['0.001T', '1G'],
    ['1000u', '1m'],
    ['1.08', '1080m'],
    ['1080000000n', '1080m'],
    ['5000E', '5e21'],
    ['1000000E', '1e24'],
    ['.001e12', '1e9'],
    ['0.001e0', '1e-3'],
    ['1000e-12', '1e-9'],
    ['00', '0'],
  ];
  for (const [alternate, canonical] of alternates) {
    test(`${alternate} prints as ${canonical}`, () =>
      assert.equal(parseQuantity(alternate ?? '').toString(), canonical));
  }

  const refused = [
    { input: '', want: QUANTITY_FORMAT_ERROR },
    { input: 'aoeu', want: QUANTITY_FORMAT_ERROR },
    { input: '1.1.M', want: QUANTITY_FORMAT_ERROR },
    { input: '1+1.0M', want: QUANTITY_FORMAT_ERROR },
    { input: '0.1am', want: QUANTITY_FORMAT_ERROR },
    { input: ' 1', want: QUANTITY_FORMAT_ERROR },
    { input: '1 ', want: QUANTITY_FORMAT_ERROR },
    { input: '0.1mi', want: QUANTITY_SUFFIX_ERROR },
    { input: '.5i', want: QUANTITY_SUFFIX_ERROR },
    { input: '1K', want: QUANTITY_SUFFIX_ERROR },
    { input: '-3.01e-', want: QUANTITY_SUFFIX_ERROR },
    { input: '1e4294967297', want: QUANTITY_SUFFIX_ERROR },
    { input: '.e-20', want: QUANTITY_NUMERIC_ERROR },
  ];
  for (const c of refused) {
    test(`${JSON.stringify(c.input)} is refused with upstream's message`, () => {
      assert.throws(
        () => parseQuantity(c.input),
        (err: unknown) => err instanceof QuantityParseError && err.message === c.want,
      );
    });
  }

  test('the regex message is upstream’s, word for word', () => {
    assert.equal(
      QUANTITY_FORMAT_ERROR,
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('arithmetic', () => {
  const q = parseQuantity;

  const comparisons = [
    { a: '0', b: '0', want: 0 },
    { a: '100m', b: '50m', want: 1 },
    { a: '50m', b: '100m', want: -1 },
    { a: '10000T', b: '100Gi', want: 1 },
    { a: '1', b: '1000m', want: 0 },
    { a: '1Ki', b: '1024', want: 0 },
    { a: '-1', b: '1m', want: -1 },
    { a: '-2', b: '-1', want: -1 },
    { a: '1e2147483647', b: '9Ei', want: 1 },
    { a: '-1e2147483647', b: '-1', want: -1 },
  ];
  for (const c of comparisons) {
    test(`${c.a} compared with ${c.b} is ${c.want}`, () => {
      assert.equal(q(c.a).cmp(q(c.b)), c.want);
      assert.equal(q(c.b).cmp(q(c.a)), -c.want || 0);
    });
  }

  test('adding is exact, with no floating-point drift', () => {
    let sum = Quantity.of(0);
    for (let i = 0; i < 10; i++) sum = sum.add(q('100m'));
    assert.equal(sum.toString(), '1');
    assert.equal(q('0.1').add(q('0.2')).toString(), '300m');
  });

  test('a sum keeps the left format unless the left side is zero', () => {
    assert.equal(q('1Ki').add(q('1')).toString(), '1025');
    assert.equal(q('1Ki').add(q('1Ki')).toString(), '2Ki');
    assert.equal(q('0').add(q('1Gi')).toString(), '1Gi');
    assert.equal(q('100m').add(q('0')).toString(), '100m');
  });

  test('subtracting keeps formats the same way', () => {
    assert.equal(q('10').sub(q('1Ki')).toString(), '-1014');
    assert.equal(Quantity.of(10, BinarySI).sub(q('1')).format, BinarySI);
    assert.equal(q('0').sub(q('50')).toString(), '-50');
    assert.equal(q('2Gi').sub(q('512Mi')).toString(), '1536Mi');
  });

  const values = [
    { input: '-.484785E-1', value: -1n, milli: -49n },
    { input: '.484785E-1', value: 1n, milli: 49n },
    { input: '-0.0005', value: -1n, milli: -1n },
    { input: '1500m', value: 2n, milli: 1500n },
    { input: '-1500m', value: -2n, milli: -1500n },
    { input: '-9.5000000001Gi', value: -10200547329n, milli: -10200547328108n },
    { input: '9.5000000001Gi', value: 10200547329n, milli: 10200547328108n },
    { input: '1Ei', value: 1152921504606846976n, milli: 1152921504606846976000n },
    { input: '0', value: 0n, milli: 0n },
  ];
  for (const c of values) {
    test(`${c.input} rounds away from zero to ${c.value} and ${c.milli}m`, () => {
      assert.equal(q(c.input).value(), c.value);
      assert.equal(q(c.input).milliValue(), c.milli);
    });
  }

  test('scaled values round away from zero', () => {
    assert.equal(Quantity.scaled(1, -9).scaledValue(-3), 1n);
    assert.equal(Quantity.scaled(1, 2).scaledValue(-2), 10000n);
    assert.equal(Quantity.scaled(0, -9).value(), 0n);
  });
});

describe('building quantities', () => {
  const built = [
    { name: 'one milli', q: Quantity.milli(1), want: '1m' },
    { name: 'a thousand millis', q: Quantity.milli(1000), want: '1' },
    { name: 'binary millis print as decimal', q: Quantity.milli(1024, BinarySI), want: '1024m' },
    { name: 'a thousand units', q: Quantity.of(1000), want: '1k' },
    { name: '1024 binary units', q: Quantity.of(1024, BinarySI), want: '1Ki' },
    { name: 'a million as exponent', q: Quantity.of(1_000_000, DecimalExponent), want: '1e6' },
    { name: 'a thousand nanos', q: Quantity.scaled(1000, -9), want: '1u' },
    {
      name: 'a binary amount past Ei prints its exact digits',
      q: Quantity.of(2n ** 70n, BinarySI),
      want: '1180591620717411303424',
    },
    {
      name: 'a binary power of ten past Ei prints as an exponent',
      q: Quantity.scaled(1, 70).withFormat(BinarySI),
      want: '10e69',
    },
    { name: 'below a nano prints as an exponent', q: Quantity.scaled(1, -10), want: '100e-12' },
    { name: 'a negated quantity', q: Quantity.scaled(901, -2).neg(), want: '-9010m' },
  ];
  for (const c of built) {
    test(c.name, () => assert.equal(c.q.toString(), c.want));
  }

  test('quantities serialise to JSON as strings', () => {
    assert.equal(
      JSON.stringify({ cpu: parseQuantity('0.5'), memory: parseQuantity('1.5Gi') }),
      '{"cpu":"500m","memory":"1536Mi"}',
    );
  });
});
