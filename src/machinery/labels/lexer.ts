/** The tokenizer of label selector text (apimachinery labels.Lexer): operators, keywords, identifiers. */

export const Token = {
  EndOfString: 'EndOfString',
  ClosedPar: 'ClosedPar',
  Comma: 'Comma',
  DoesNotExist: 'DoesNotExist',
  DoubleEquals: 'DoubleEquals',
  Equals: 'Equals',
  GreaterThan: 'GreaterThan',
  Identifier: 'Identifier',
  In: 'In',
  LessThan: 'LessThan',
  NotEquals: 'NotEquals',
  NotIn: 'NotIn',
  OpenPar: 'OpenPar',
} as const;
export type Token = (typeof Token)[keyof typeof Token];

export interface ScannedItem {
  readonly token: Token;
  readonly literal: string;
}

const LITERAL_TOKENS: Readonly<Record<string, Token>> = {
  ')': Token.ClosedPar,
  ',': Token.Comma,
  '!': Token.DoesNotExist,
  '==': Token.DoubleEquals,
  '=': Token.Equals,
  '>': Token.GreaterThan,
  in: Token.In,
  '<': Token.LessThan,
  '!=': Token.NotEquals,
  notin: Token.NotIn,
  '(': Token.OpenPar,
};
const tokenOf = (s: string): Token | undefined => (Object.hasOwn(LITERAL_TOKENS, s) ? LITERAL_TOKENS[s] : undefined);

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch);

/**
 * Splits `text` into tokens, ending with EndOfString. A NUL character ends the text, as in upstream's lexer.
 * Never fails: every run of special characters starts with a one-character operator.
 */
export function scan(text: string): ScannedItem[] {
  const end = text.indexOf('\0') === -1 ? text.length : text.indexOf('\0');
  const items: ScannedItem[] = [];
  let pos = 0;
  for (;;) {
    while (pos < end && isWhitespace(text.charAt(pos))) pos++;
    if (pos >= end) {
      items.push({ token: Token.EndOfString, literal: '' });
      return items;
    }
    const start = pos;
    if (isSpecial(text.charAt(pos))) {
      // The longest run of special characters that still spells an operator.
      let best: ScannedItem | undefined;
      while (pos < end && isSpecial(text.charAt(pos))) {
        const candidate = text.slice(start, pos + 1);
        const token = tokenOf(candidate);
        if (token !== undefined) best = { token, literal: candidate };
        else if (best !== undefined) break;
        pos++;
      }
      if (best === undefined) throw new Error(`error expected: keyword found '${text.slice(start, pos)}'`);
      pos = start + best.literal.length;
      items.push(best);
    } else {
      while (pos < end && !isSpecial(text.charAt(pos)) && !isWhitespace(text.charAt(pos))) pos++;
      const literal = text.slice(start, pos);
      items.push({ token: tokenOf(literal) ?? Token.Identifier, literal });
    }
  }
}
