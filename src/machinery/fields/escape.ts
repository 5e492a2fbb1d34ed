/**
 * Escaping of field selector values (apimachinery fields): `\`, `,` and `=` inside a value are written
 * `\\`, `\,` and `\=`, so that terms and operators stay unambiguous.
 */

/** Escapes a literal value for use in a field selector. */
export const escapeValue = (value: string): string => value.replace(/[\\,=]/g, (c) => `\\${c}`);

/** Why a value could not be unescaped; `message` is upstream's text. */
export class FieldSelectorValueError extends Error {
  override readonly name = 'FieldSelectorValueError';
}

/**
 * Unescapes a value as written in a selector.
 * @throws FieldSelectorValueError on an unknown escape, a trailing `\`, or a bare `,` or `=`.
 */
export function unescapeValue(text: string): string {
  if (!/[\\,=]/.test(text)) return text;
  let out = '';
  let inSlash = false;
  for (const ch of text) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new FieldSelectorValueError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',' || ch === '=') {
      // Go prints the rune with %v: its code point in decimal.
      throw new FieldSelectorValueError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (inSlash) throw new FieldSelectorValueError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits selector text at commas that are not escaped; escapes stay in the terms. Empty text: no terms. */
export function splitTerms(text: string): string[] {
  if (text === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}
