/**
 * The building blocks of upstream's validation messages (apimachinery util/validation): every name and
 * label check words its failures with these, so they must stay character-for-character identical.
 */

/** `must be no more than 63 characters` (upstream counts bytes but says characters). */
export const maxLenError = (length: number): string => `must be no more than ${length} characters`;

/** `must be non-empty`. */
export const emptyError = (): string => 'must be non-empty';

/** `must be between 1 and 65535, inclusive`. */
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/**
 * A regex failure with examples, in upstream's exact shape, including its double space before each `or`:
 * `<msg> (e.g. 'my-name',  or '123-abc', regex used for validation is '<re>')`.
 */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  const listed = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${listed}regex used for validation is '${re}')`;
}
