/**
 * resource.Quantity arithmetic for validation and QoS: parse `500m`, `1.5Gi`, `2e3`; compare; print in
 * upstream's canonical form (`0.5` → `500m`, `1000` → `1k`, `1.5Gi` → `1536Mi`). Values are held exactly in
 * nano units, rounded up as upstream rounds sub-nano precision.
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** Upstream's wording when a quantity cannot be parsed. */
export const QUANTITY_SYNTAX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const SYNTAX = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const BINARY_POWERS: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_EXPONENTS: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIXES = new Map(Object.entries(DECIMAL_EXPONENTS).map(([suffix, exp]) => [exp, suffix]));
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** Parses a quantity (a string, or a JSON number); undefined when it is not one. */
export function parseQuantity(value: unknown): Quantity | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const m = SYNTAX.exec(text);
  if (!m) return undefined;
  const [, sign = '', number = '', suffix = ''] = m;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let denominator = pow10(fraction.length);
  let format: QuantityFormat = 'DecimalSI';
  let exponent = 9;
  if (suffix in BINARY_POWERS) {
    format = 'BinarySI';
    numerator *= 1024n ** BigInt(BINARY_POWERS[suffix] ?? 0);
  } else if (suffix in DECIMAL_EXPONENTS) {
    exponent += DECIMAL_EXPONENTS[suffix] ?? 0;
  } else {
    format = 'DecimalExponent';
    exponent += Number(suffix.slice(1));
  }
  if (exponent >= 0) numerator *= pow10(exponent);
  else denominator *= pow10(-exponent);
  const magnitude = ceilDiv(numerator, denominator);
  return { nanos: sign === '-' ? -magnitude : magnitude, format };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export const compareQuantities = (a: Quantity, b: Quantity): number =>
  a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;

export const addQuantities = (a: Quantity, b: Quantity): Quantity => ({ nanos: a.nanos + b.nanos, format: a.format });

/** The largest exponent (a multiple of 3, at most 18) at which the value has an integer mantissa. */
function decimalForm(nanos: bigint): { mantissa: bigint; exponent: number } {
  if (nanos === 0n) return { mantissa: 0n, exponent: 0 };
  for (let exponent = 18; exponent > -9; exponent -= 3) {
    const unit = pow10(exponent + 9);
    if (nanos % unit === 0n) return { mantissa: nanos / unit, exponent };
  }
  return { mantissa: nanos, exponent: -9 };
}

/** The canonical text of a quantity, as upstream's Quantity.String() prints it. */
export function formatQuantity(q: Quantity): string {
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  const sign = q.nanos < 0n ? '-' : '';
  const whole = abs % 1_000_000_000n === 0n ? abs / 1_000_000_000n : undefined;
  if (q.format === 'BinarySI' && whole !== undefined && whole >= 1024n) {
    let mantissa = whole;
    let power = 0;
    while (power < 6 && mantissa % 1024n === 0n) {
      mantissa /= 1024n;
      power++;
    }
    return `${sign}${mantissa}${BINARY_SUFFIXES[power] ?? ''}`;
  }
  const { mantissa, exponent } = decimalForm(abs);
  if (q.format === 'DecimalExponent') return exponent === 0 ? `${sign}${mantissa}` : `${sign}${mantissa}e${exponent}`;
  return `${sign}${mantissa}${DECIMAL_SUFFIXES.get(exponent) ?? ''}`;
}
