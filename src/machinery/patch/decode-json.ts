/**
 * Decoding a patch body that arrives as text or bytes, with Go's `encoding/json` syntax error messages
 * (`invalid character 'x' looking for beginning of value`, `unexpected end of JSON input`), which
 * kube-apiserver puts in its 400 answers.
 */

export type DecodeResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Parses JSON; on a syntax error, returns the message Go's decoder gives for the same input. */
export function decodeJson(body: string | Uint8Array): DecodeResult {
  const text = typeof body === 'string' ? body : new TextDecoder('utf-8').decode(body);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    return { ok: false, message: goSyntaxError(bytes) ?? (err as Error).message };
  }
}

/** Where the scanner is: what it expects next. */
type Step = (c: number) => string | undefined;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** A byte as Go's scanner quotes it in messages: `'x'`, `'\n'`, `'\''`, `'"'`. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  const name = named[c];
  if (name !== undefined) return `'${name}'`;
  if (c === 0x5c) return `'\\\\'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  if (c >= 0x80 && c <= 0x9f) return `'\\u${c.toString(16).padStart(4, '0')}'`;
  if (c === 0xa0 || c === 0xad) return `'\\u00${c.toString(16)}'`;
  return `'${String.fromCharCode(c)}'`;
}

/**
 * Runs Go's JSON scanner over the bytes and returns the message of the first error, or undefined when the
 * input is well-formed.
 */
export function goSyntaxError(bytes: Uint8Array): string | undefined {
  const stack: ('key' | 'value' | 'array')[] = [];
  let failed: string | undefined;
  const fail = (c: number, context: string): undefined => {
    failed = `invalid character ${quoteChar(c)} ${context}`;
    return undefined;
  };
  let step: Step;

  const endValue: Step = (c) => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      step = endTop;
      return endTop(c);
    }
    step = endValue;
    if (isSpace(c)) return;
    if (top === 'key') {
      if (c === 0x3a) {
        stack[stack.length - 1] = 'value';
        step = beginValue;
        return;
      }
      return fail(c, 'after object key');
    }
    if (top === 'value') {
      if (c === 0x2c) {
        stack[stack.length - 1] = 'key';
        step = beginString;
        return;
      }
      if (c === 0x7d) return pop();
      return fail(c, 'after object key:value pair');
    }
    if (c === 0x2c) {
      step = beginValue;
      return;
    }
    if (c === 0x5d) return pop();
    return fail(c, 'after array element');
  };
  const pop = (): undefined => {
    stack.pop();
    step = endValue;
    return undefined;
  };
  const endTop: Step = (c) => (isSpace(c) ? undefined : fail(c, 'after top-level value'));
  const literal = (rest: string, word: string): Step => {
    const expect = rest.charCodeAt(0);
    return (c) => {
      if (c !== expect) return fail(c, `in literal ${word} (expecting '${rest[0]}')`);
      step = rest.length > 1 ? literal(rest.slice(1), word) : endValue;
      return;
    };
  };
  const inString: Step = (c) => {
    if (c === 0x22) step = endValue;
    else if (c === 0x5c) step = inEscape;
    else if (c < 0x20) return fail(c, 'in string literal');
  };
  const inEscape: Step = (c) => {
    if ('bfnrt\\/"'.includes(String.fromCharCode(c))) step = inString;
    else if (c === 0x75) step = hexDigits(4);
    else return fail(c, 'in string escape code');
  };
  const hexDigits =
    (left: number): Step =>
    (c) => {
      if (!isHex(c)) return fail(c, 'in \\u hexadecimal character escape');
      step = left > 1 ? hexDigits(left - 1) : inString;
    };
  const afterZero: Step = (c) => {
    if (c === 0x2e) step = dot;
    else if (c === 0x65 || c === 0x45) step = exponent;
    else return endValue(c);
  };
  const digits: Step = (c) => (isDigit(c) ? undefined : afterZero(c));
  const negative: Step = (c) => {
    if (c === 0x30) step = afterZero;
    else if (isDigit(c)) step = digits;
    else return fail(c, 'in numeric literal');
  };
  const dot: Step = (c) => {
    if (!isDigit(c)) return fail(c, 'after decimal point in numeric literal');
    step = fraction;
  };
  const fraction: Step = (c) => {
    if (isDigit(c)) return;
    if (c === 0x65 || c === 0x45) step = exponent;
    else return endValue(c);
  };
  const exponent: Step = (c) => {
    if (c === 0x2b || c === 0x2d) {
      step = exponentSign;
      return;
    }
    return exponentSign(c);
  };
  const exponentSign: Step = (c) => {
    if (!isDigit(c)) return fail(c, 'in exponent of numeric literal');
    step = exponentDigits;
  };
  const exponentDigits: Step = (c) => (isDigit(c) ? undefined : endValue(c));
  const beginValue: Step = (c) => {
    if (isSpace(c)) return;
    switch (c) {
      case 0x7b:
        stack.push('key');
        step = beginStringOrEmpty;
        return;
      case 0x5b:
        stack.push('array');
        step = beginValueOrEmpty;
        return;
      case 0x22:
        step = inString;
        return;
      case 0x2d:
        step = negative;
        return;
      case 0x30:
        step = afterZero;
        return;
      case 0x74:
        step = literal('rue', 'true');
        return;
      case 0x66:
        step = literal('alse', 'false');
        return;
      case 0x6e:
        step = literal('ull', 'null');
        return;
    }
    if (isDigit(c)) {
      step = digits;
      return;
    }
    return fail(c, 'looking for beginning of value');
  };
  const beginValueOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x5d) return pop();
    return beginValue(c);
  };
  const beginString: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x22) {
      step = inString;
      return;
    }
    return fail(c, 'looking for beginning of object key string');
  };
  const beginStringOrEmpty: Step = (c) => {
    if (isSpace(c)) return;
    if (c === 0x7d) return pop();
    return beginString(c);
  };

  step = beginValue;
  for (const c of bytes) {
    step(c);
    if (failed !== undefined) return failed;
  }
  // A number ends only when something follows it; Go feeds a space at the end for the same reason.
  step(0x20);
  if (failed !== undefined) return failed;
  return step === endTop ? undefined : 'unexpected end of JSON input';
}
