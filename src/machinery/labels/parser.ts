/**
 * The label selector grammar (apimachinery labels.Parse), with upstream's error texts:
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 */
import { errorString } from '../field-errors.js';
import { compareGoStrings } from '../validation/go-format.js';
import { type ScannedItem, scan, Token } from './lexer.js';
import { aggregateMessage, labelKeyError, newRequirement, Operator, type Requirement } from './requirement.js';

/** A selector that failed to parse; `message` is upstream's text, served as a 400 BadRequest. */
export class SelectorParseError extends Error {
  override readonly name = 'SelectorParseError';
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'].join(', ');

/** Parses selector text into requirements, sorted by key (stably). Empty text yields none. */
export function parseRequirements(text: string): Requirement[] {
  const parser = new Parser(scan(text));
  const requirements = parser.parse();
  return requirements.sort((a, b) => compareGoStrings(a.key, b.key));
}

type Context = 'keyAndOperator' | 'values';

class Parser {
  private position = 0;

  constructor(private readonly items: readonly ScannedItem[]) {}

  /** The current item; in a values context `in` and `notin` are plain identifiers. */
  private lookahead(context: Context): ScannedItem {
    const item = this.items[Math.min(this.position, this.items.length - 1)] ?? {
      token: Token.EndOfString,
      literal: '',
    };
    if (context === 'values' && (item.token === Token.In || item.token === Token.NotIn)) {
      return { token: Token.Identifier, literal: item.literal };
    }
    return item;
  }

  private consume(context: Context): ScannedItem {
    const item = this.lookahead(context);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead('values');
      if (token === Token.EndOfString) return requirements;
      if (token !== Token.Identifier && token !== Token.DoesNotExist) {
        throw new SelectorParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.parseRequirement());
      } catch (err) {
        if (err instanceof SelectorParseError)
          throw new SelectorParseError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      const next = this.consume('values');
      if (next.token === Token.EndOfString) return requirements;
      if (next.token !== Token.Comma)
        throw new SelectorParseError(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead('values');
      if (after.token !== Token.Identifier && after.token !== Token.DoesNotExist) {
        throw new SelectorParseError(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    let { token, literal } = this.consume('values');
    let operator: string | undefined;
    if (token === Token.DoesNotExist) {
      operator = Operator.DoesNotExist;
      ({ token, literal } = this.consume('values'));
    }
    if (token !== Token.Identifier) throw new SelectorParseError(`found '${literal}', expected: identifier`);
    const keyErr = labelKeyError(literal, '<nil>');
    if (keyErr) throw new SelectorParseError(errorString(keyErr));
    const key = literal;
    const next = this.lookahead('values').token;
    if (next === Token.EndOfString || next === Token.Comma) operator ??= Operator.Exists;
    if (operator === Operator.Exists || operator === Operator.DoesNotExist) return this.build(key, operator, []);

    operator = this.parseOperator();
    const values =
      operator === Operator.In || operator === Operator.NotIn ? this.parseValues() : this.parseExactValue();
    return this.build(key, operator, [...values].sort(compareGoStrings));
  }

  private build(key: string, operator: string, values: readonly string[]): Requirement {
    const result = newRequirement(key, operator, values);
    if ('errors' in result) throw new SelectorParseError(aggregateMessage(result.errors));
    return result.requirement;
  }

  private parseOperator(): Operator {
    const { token, literal } = this.consume('keyAndOperator');
    switch (token) {
      case Token.In:
        return Operator.In;
      case Token.Equals:
        return Operator.Equals;
      case Token.DoubleEquals:
        return Operator.DoubleEquals;
      case Token.GreaterThan:
        return Operator.GreaterThan;
      case Token.LessThan:
        return Operator.LessThan;
      case Token.NotIn:
        return Operator.NotIn;
      case Token.NotEquals:
        return Operator.NotEquals;
      default:
        throw new SelectorParseError(`found '${literal}', expected: ${BINARY_OPERATORS}`);
    }
  }

  /** `(a,b,c)`; empty members are the empty value, and `()` is the set of the empty value. */
  private parseValues(): Set<string> {
    const open = this.consume('values');
    if (open.token !== Token.OpenPar) throw new SelectorParseError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead('values');
    if (token === Token.ClosedPar) {
      this.consume('values');
      return new Set(['']);
    }
    if (token !== Token.Identifier && token !== Token.Comma) {
      throw new SelectorParseError(`found '${literal}', expected: ',', ')' or identifier`);
    }
    const values = this.parseIdentifiersList();
    if (this.consume('values').token !== Token.ClosedPar) {
      // Upstream reports the token that opened the list here, not the one found.
      throw new SelectorParseError(`found '${literal}', expected: ')'`);
    }
    return values;
  }

  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { token, literal } = this.consume('values');
      if (token === Token.Identifier) {
        values.add(literal);
        const next = this.lookahead('values');
        if (next.token === Token.Comma) continue;
        if (next.token === Token.ClosedPar) return values;
        throw new SelectorParseError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token !== Token.Comma) throw new SelectorParseError(`found '${literal}', expected: ',', or identifier`);
      if (values.size === 0) values.add(''); // "(,"
      const next = this.lookahead('values').token;
      if (next === Token.ClosedPar) {
        values.add(''); // ",)"
        return values;
      }
      if (next === Token.Comma) values.add(''); // ",,"
    }
  }

  /** The one value after `=`, `==`, `!=`, `>`, `<`; nothing before `,` or the end is the empty value. */
  private parseExactValue(): Set<string> {
    const next = this.lookahead('values').token;
    if (next === Token.EndOfString || next === Token.Comma) return new Set(['']);
    const { token, literal } = this.consume('values');
    if (token === Token.Identifier) return new Set([literal]);
    throw new SelectorParseError(`found '${literal}', expected: identifier`);
  }
}
