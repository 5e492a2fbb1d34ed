/**
 * Resource quantities (apimachinery api/resource.Quantity): exact decimal numbers with a suffix format,
 * parsed and printed as kube-apiserver does. A value is `coef × 10^exp` in BigInt; nothing is a float.
 */

export const QuantityFormat = {
  /** `12e6` */
  DecimalExponent: 'DecimalExponent',
  /** `12Mi` (12 × 2^20) */
  BinarySI: 'BinarySI',
  /** `12M` (12 × 10^6) */
  DecimalSI: 'DecimalSI',
} as const;
export type QuantityFormat = (typeof QuantityFormat)[keyof typeof QuantityFormat];

/** Upstream's three parse errors, word for word. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

/** A string that is not a quantity; `message` is one of upstream's three texts. */
export class QuantityParseError extends Error {
  override readonly name = 'QuantityParseError';
}

const NANO = -9;
const MAX_INT64 = 2n ** 63n - 1n;
/** Aligning two values further apart than this many decimal places is refused rather than attempted. */
const MAX_ALIGNMENT = 100_000;
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const digits = (n: bigint): number => (n === 0n ? 0 : abs(n).toString().length);
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** `n / 10^k` rounded away from zero, and whether that was exact. */
function divideUp(n: bigint, k: number): [bigint, boolean] {
  if (n === 0n) return [0n, true];
  if (k <= 0) return [n * pow10(-k), true];
  if (k >= digits(n)) return [n > 0n ? 1n : -1n, false];
  const d = pow10(k);
  const q = n / d;
  if (n % d === 0n) return [q, true];
  return [n > 0n ? q + 1n : q - 1n, false];
}

/** `coef × 10^exp` rewritten with its trailing zeros moved into the exponent, then the exponent lowered to a multiple of 3. */
function canonicalDecimal(coef: bigint, exp: number): [bigint, number] {
  let c = coef;
  let e = exp;
  while (c !== 0n && c % 10n === 0n) {
    c /= 10n;
    e++;
  }
  while (e % 3 !== 0) {
    c *= 10n;
    e--;
  }
  return [c, e];
}

export class Quantity {
  private constructor(
    /** The value is `coef × 10^exp`. */
    private readonly coef: bigint,
    private readonly exp: number,
    /** The format the value prints in; kept from the parsed text. */
    readonly format: QuantityFormat,
    /** Upstream reuses the parsed text when it was already canonical-looking; printed verbatim. */
    private readonly text?: string,
  ) {}

  /** `value` units in the given format (upstream NewQuantity). */
  static of(value: bigint | number, format: QuantityFormat = QuantityFormat.DecimalSI): Quantity {
    return new Quantity(BigInt(value), 0, format);
  }

  /** `value` thousandths (upstream NewMilliQuantity). */
  static milli(value: bigint | number, format: QuantityFormat = QuantityFormat.DecimalSI): Quantity {
    return new Quantity(BigInt(value), -3, format);
  }

  /** `value × 10^scale` in DecimalSI (upstream NewScaledQuantity). */
  static scaled(value: bigint | number, scale: number): Quantity {
    return new Quantity(BigInt(value), scale, QuantityFormat.DecimalSI);
  }

  /** Parses upstream's syntax; see `parseQuantity`. */
  static parse(text: string): Quantity {
    if (text.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
    if (text === '0') return new Quantity(0n, 0, QuantityFormat.DecimalSI, '0');
    const { positive, value, num, denom, suffix } = scanQuantity(text);
    const { base, exponent, format } = interpretSuffix(suffix);
    if (!takesFastPath(num, denom, base, exponent) && !/[0-9]/.test(value)) {
      throw new QuantityParseError(QUANTITY_NUMERIC_ERROR);
    }
    const cached = reusesText(num, denom, base, exponent) ? text : undefined;
    let coef = BigInt(num + denom) * (positive ? 1n : -1n);
    let exp = -denom.length;
    if (base === 10) exp += exponent;
    else coef <<= BigInt(exponent);
    // Round anything finer than a nano up (away from zero): asking for some gets some.
    if (exp < NANO) {
      [coef, exp] = [divideUp(coef, NANO - exp)[0], NANO];
    }
    let fmt: QuantityFormat = format;
    if (format === QuantityFormat.BinarySI) {
      const q = new Quantity(abs(coef), exp, format);
      if (q.cmp(Quantity.of(MAX_INT64)) > 0) [coef, exp] = [positive ? MAX_INT64 : -MAX_INT64, 0];
      else if (coef !== 0n && q.cmp(Quantity.of(1)) < 0) fmt = QuantityFormat.DecimalSI;
    }
    return new Quantity(coef, coef === 0n ? 0 : exp, fmt, cached);
  }

  /** Both values as coefficients of the smaller exponent, and that exponent. */
  private static align(a: Quantity, b: Quantity): [bigint, bigint, number] {
    if (a.coef === 0n) return [0n, b.coef, b.exp];
    if (b.coef === 0n) return [a.coef, 0n, a.exp];
    const exp = Math.min(a.exp, b.exp);
    if (Math.max(a.exp, b.exp) - exp > MAX_ALIGNMENT)
      throw new RangeError('quantities too far apart to combine exactly');
    return [a.coef * pow10(a.exp - exp), b.coef * pow10(b.exp - exp), exp];
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.coef === 0n ? 0 : this.coef > 0n ? 1 : -1;
  }

  isZero(): boolean {
    return this.coef === 0n;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const [a, b] = [this.sign(), other.sign()];
    if (a !== b) return a > b ? 1 : -1;
    if (a === 0) return 0;
    // Same sign: compare orders of magnitude first, so wildly different exponents never get aligned.
    const [ma, mb] = [digits(this.coef) + this.exp, digits(other.coef) + other.exp];
    if (ma !== mb) return ma > mb === a > 0 ? 1 : -1;
    const [x, y] = Quantity.align(this, other);
    return x === y ? 0 : x > y ? 1 : -1;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** This plus `other`, exactly; keeps this format unless this is zero (then `other`'s). */
  add(other: Quantity): Quantity {
    const [x, y, exp] = Quantity.align(this, other);
    return new Quantity(x + y, exp, this.isZero() ? other.format : this.format);
  }

  /** This minus `other`, exactly; keeps this format unless this is zero (then `other`'s). */
  sub(other: Quantity): Quantity {
    return this.add(other.neg());
  }

  neg(): Quantity {
    return new Quantity(-this.coef, this.exp, this.format);
  }

  /** The same value printed in another format. */
  withFormat(format: QuantityFormat): Quantity {
    return new Quantity(this.coef, this.exp, format);
  }

  /** The value in units of `10^scale`, rounded away from zero: `scaledValue(-3)` is the milli value. */
  scaledValue(scale: number): bigint {
    const shift = scale - this.exp;
    if (-shift > MAX_ALIGNMENT) throw new RangeError(`quantity ${this.toString()} is too large to scale exactly`);
    return divideUp(this.coef, shift)[0];
  }

  /** The value rounded up (away from zero) to a whole number. */
  value(): bigint {
    return this.scaledValue(0);
  }

  /** The value in thousandths, rounded up (away from zero): CPU `100m` → 100n. */
  milliValue(): bigint {
    return this.scaledValue(-3);
  }

  /** The serialised form: the parsed text if upstream reuses it, else the canonical form (`1500m`, `1536Mi`). */
  toString(): string {
    if (this.text !== undefined) return this.text;
    if (this.coef === 0n) return '0';
    if (this.format === QuantityFormat.BinarySI) {
      // Between -1024 and 1024, or not a whole number: printed as DecimalSI (`500m`, `1025`).
      if (this.cmp(Quantity.of(-1024)) <= 0 || this.cmp(Quantity.of(1024)) >= 0) {
        // Past 10^1000 a value holds far more than six factors of 1024: no suffix could fit.
        if (this.exp > 1000) return exponentString(this.coef, this.exp);
        const [whole, exact] = divideUp(this.coef, -this.exp);
        if (exact) return binaryString(whole);
      }
    }
    if (this.format !== QuantityFormat.DecimalExponent) {
      const [c, e] = canonicalDecimal(this.coef, this.exp);
      const suffix = DECIMAL_BY_EXPONENT.get(e);
      if (suffix !== undefined) return `${c}${suffix}`;
    }
    // Past `E` or below `n`, DecimalSI falls back to exponent notation, as upstream now does.
    return exponentString(this.coef, this.exp);
  }

  /** Quantities serialise to JSON as their string. */
  toJSON(): string {
    return this.toString();
  }
}

/** Parses a quantity. @throws QuantityParseError with upstream's message. */
export const parseQuantity = (text: string): Quantity => Quantity.parse(text);

function exponentString(coef: bigint, exp: number): string {
  const [c, e] = canonicalDecimal(coef, exp);
  return e === 0 ? `${c}` : `${c}e${e}`;
}

/** An integer as `n` × 1024^k with the largest k that has a suffix; past Ei, as exact decimal. */
function binaryString(whole: bigint): string {
  let n = whole;
  let power = 0;
  while (abs(n) >= 1024n && n % 1024n === 0n) {
    n /= 1024n;
    power++;
  }
  const suffix = BINARY_BY_POWER[power];
  return suffix !== undefined ? `${n}${suffix}` : exponentString(whole, 0);
}

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** Upstream's scanner: sign, digits (leading zeros dropped), `.digits`, then suffix letters, sign, digits. */
function scanQuantity(str: string): Scanned {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < str.length && str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (pos < str.length && isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const start = ++pos;
    while (pos < str.length && isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos] ?? '')) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < str.length && isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Upstream's suffixer: SI and binary suffixes, or `e`/`E` and an exponent within int32 (±2147483647). */
function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) {
    return { base: 10, exponent: DECIMAL_SUFFIXES[suffix] ?? 0, format: QuantityFormat.DecimalSI };
  }
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) {
    return { base: 2, exponent: BINARY_SUFFIXES[suffix] ?? 0, format: QuantityFormat.BinarySI };
  }
  const m = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  const exponent = m?.[1] === undefined ? undefined : BigInt(m[1]);
  if (exponent === undefined || exponent > 2147483647n || exponent < -2147483647n) {
    throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
  }
  return { base: 10, exponent: Number(exponent), format: QuantityFormat.DecimalExponent };
}

/** Whether upstream parses through its int64 fast path (else through inf.Dec, which needs a digit). */
function takesFastPath(num: string, denom: string, base: 10 | 2, exponent: number): boolean {
  if (base === 10) return 18 - (num.length + denom.length) >= 0 && exponent - denom.length >= NANO;
  return denom.length === 0 && 15 - num.length - Math.trunc((exponent * 3) / 10) - 1 >= 0;
}

/**
 * Whether upstream's int64 fast path keeps the input text as the printed form: few enough digits, no finer
 * than a nano, a multiple-of-3 scale with no trailing `000` and no leading 0 (decimal), or an odd-ish
 * multiplier (binary, where the low three bits of the number are not all zero).
 */
function reusesText(num: string, denom: string, base: 10 | 2, exponent: number): boolean {
  if (!takesFastPath(num, denom, base, exponent)) return false;
  if (base === 2) return (BigInt(num) & 7n) !== 0n;
  const shifted = num + denom;
  return (exponent - denom.length) % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
}
