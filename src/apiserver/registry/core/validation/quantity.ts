/**
 * Just enough of resource.Quantity for validation: parse the text form exactly (no floating point) so
 * quantities can be compared, checked for sign and for whole numbers.
 */

/** The regular expression upstream names when a quantity does not parse. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/** An exact value: `mantissa × 10^exponent`. */
export interface Quantity {
  readonly mantissa: bigint;
  readonly exponent: number;
}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

/** Parses `500m`, `1.5Gi`, `2e3`, `-1`; undefined when the text is not a quantity. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = SHAPE.exec(text.trim());
  if (!m) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = m;
  if (whole === '' && fraction === '') return undefined;
  let mantissa = BigInt(`${whole}${fraction}` || '0');
  let exponent = -fraction.length;
  if (suffix in BINARY_SUFFIX) {
    mantissa *= 2n ** BigInt(BINARY_SUFFIX[suffix] ?? 0);
  } else if (suffix in DECIMAL_SUFFIX) {
    exponent += DECIMAL_SUFFIX[suffix] ?? 0;
  } else {
    const e = /^[eE]([+-]?\d+)$/.exec(suffix);
    if (!e?.[1]) return undefined;
    exponent += Number(e[1]);
  }
  return { mantissa: sign === '-' ? -mantissa : mantissa, exponent };
}

/** Both values scaled to the smaller exponent. */
function align(a: Quantity, b: Quantity): [bigint, bigint] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.mantissa * 10n ** BigInt(a.exponent - e), b.mantissa * 10n ** BigInt(b.exponent - e)];
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isNegative = (q: Quantity): boolean => q.mantissa < 0n;
export const isPositive = (q: Quantity): boolean => q.mantissa > 0n;

/** Whether the value is a whole number (integer resources such as `pods` must be). */
export const isWholeNumber = (q: Quantity): boolean =>
  q.exponent >= 0 || q.mantissa % 10n ** BigInt(-q.exponent) === 0n;

/** The value as a JavaScript number (for ratios in messages). */
export const toNumber = (q: Quantity): number => Number(q.mantissa) * 10 ** q.exponent;
