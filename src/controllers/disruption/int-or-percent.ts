/**
 * An int-or-string that is a count or a percentage of a total (upstream intstr.GetScaledValueFromIntOrPercent):
 * a number as it is, `"N%"` as N% of the total rounded up or down; any other string is an error.
 */

/**
 * The value of `value` against `total`.
 * @throws Error `invalid value for IntOrString: …` (upstream's text) for a string that is no percentage.
 */
export function scaledValueFromIntOrPercent(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) {
    throw new Error(
      `invalid value for IntOrString: invalid value ${JSON.stringify(value)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`,
    );
  }
  const scaled = (Number.parseInt(digits, 10) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
