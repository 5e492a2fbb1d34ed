/**
 * The few quantity questions validation asks, over the machinery's exact resource.Quantity: parse without
 * throwing, compare, sign, whole-number check.
 */
import { Quantity, QUANTITY_FORMAT_ERROR } from '../../../../machinery/quantity.js';

export { Quantity, QUANTITY_FORMAT_ERROR };

export const ZERO = Quantity.of(0);
export const ONE = Quantity.of(1);

/** Parses `500m`, `1.5Gi`, `2e3`, `-1`; undefined when the text is not a quantity. */
export function parseQuantity(text: string): Quantity | undefined {
  try {
    return Quantity.parse(text);
  } catch {
    return undefined;
  }
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b`. */
export const compareQuantities = (a: Quantity, b: Quantity): number => a.cmp(b);

export const isNegative = (q: Quantity): boolean => q.sign() < 0;
export const isPositive = (q: Quantity): boolean => q.sign() > 0;

/** Whether the value, rounded up to millis, is a whole number (integer resources such as `pods` must be). */
export const isWholeNumber = (q: Quantity): boolean => q.milliValue() % 1000n === 0n;

/** The value as a JavaScript number (for ratios in messages). */
export const toNumber = (q: Quantity): number => Number(q.milliValue()) / 1000;
