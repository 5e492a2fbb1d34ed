/** One measured figure, printed as a table row and then as one JSON line. */
export interface Figure {
  readonly bench: string;
  readonly case: string;
  readonly metric: string;
  readonly value: number;
}

/** Prints a readable table of the figures, then one JSON object per line per figure. */
export function printFigures(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [f.case, f.metric, formatValue(f.value)]);
  const widths = [0, 1, 2].map((i) =>
    Math.max(['case', 'metric', 'value'][i]!.length, ...rows.map((r) => r[i]!.length)),
  );
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  process.stdout.write(`${line(['case', 'metric', 'value'])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  process.stdout.write('\n');
  for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);
}

function formatValue(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2);
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Milliseconds since an arbitrary origin, with sub-millisecond precision. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
