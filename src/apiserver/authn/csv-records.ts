/**
 * Comma-separated records with the rules of Go's encoding/csv in its strict mode (what kube-apiserver reads
 * --token-auth-file with): fields may be double-quoted, `""` inside quotes is one quote, quoted fields may
 * span lines, blank lines are skipped, a quote inside an unquoted field is an error, spaces are kept.
 */

/** A malformed CSV input; the message says where, in Go's words. */
export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    problem: string,
  ) {
    super(`parse error on line ${line}, column ${column}: ${problem}`);
    this.name = 'CsvError';
  }
}

const BARE_QUOTE = 'bare " in non-quoted-field';
const QUOTE = 'extraneous or missing " in quoted-field';

/**
 * Splits CSV text into records (each an array of fields; records may differ in length).
 * @throws CsvError on a stray or missing quote.
 */
export function parseCsvRecords(text: string): string[][] {
  const input = text.replace(/\r\n/g, '\n');
  const records: string[][] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (problem: string, at: number): never => {
    throw new CsvError(line, at - lineStart + 1, problem);
  };

  while (pos < input.length) {
    if (input[pos] === '\n') {
      pos++; // a blank line
      line++;
      lineStart = pos;
      continue;
    }
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (input[pos] === '"') {
        pos++;
        for (;;) {
          const quote = input.indexOf('"', pos);
          if (quote < 0) fail(QUOTE, input.length);
          const chunk = input.slice(pos, quote);
          for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) {
            line++;
            lineStart = pos + i + 1;
          }
          field += chunk;
          pos = quote + 1;
          if (input[pos] === '"') {
            field += '"';
            pos++;
          } else if (pos === input.length || input[pos] === ',' || input[pos] === '\n') {
            break;
          } else {
            fail(QUOTE, pos);
          }
        }
      } else {
        let end = pos;
        while (end < input.length && input[end] !== ',' && input[end] !== '\n') end++;
        field = input.slice(pos, end);
        const quote = field.indexOf('"');
        if (quote >= 0) fail(BARE_QUOTE, pos + quote);
        pos = end;
      }
      record.push(field);
      if (input[pos] === ',') {
        pos++;
        continue;
      }
      break; // end of line or of input
    }
    records.push(record);
    if (input[pos] === '\n') {
      pos++;
      line++;
      lineStart = pos;
    }
  }
  return records;
}
