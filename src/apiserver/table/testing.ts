/** Test helpers for printers (imported by tests only). */
import type { Cell, Printer } from './types.js';

/** A fixed clock for tests: 2024-05-01T12:00:00Z. */
export const NOW = new Date('2024-05-01T12:00:00Z');

/** The RFC 3339 time `seconds` before {@link NOW} (negative: after). */
export const ago = (seconds: number): string =>
  new Date(NOW.getTime() - seconds * 1000).toISOString().replace('.000Z', 'Z');

/** The object's row as a map from column name to cell, checking there is one cell per column. */
export function row(printer: Printer, obj: unknown, now: Date = NOW): Record<string, Cell> {
  const cells = printer.cells(obj, now);
  if (cells.length !== printer.columns.length) {
    throw new Error(`${cells.length} cells for ${printer.columns.length} columns`);
  }
  return Object.fromEntries(printer.columns.map((c, i) => [c.name, cells[i] as Cell]));
}

/** Only the named columns of the object's row. */
export function pick(printer: Printer, obj: unknown, names: readonly string[]): Record<string, Cell> {
  const all = row(printer, obj);
  return Object.fromEntries(names.map((n) => [n, all[n] as Cell]));
}
