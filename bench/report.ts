import { readdirSync, readFileSync } from 'node:fs';

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

/** Linux's USER_HZ, the unit of /proc/PID/stat times (100 on every common build). */
const CLOCK_TICKS_PER_S = 100;

/** The CPU time (user + system, ms) process `pid` has used so far, from Linux's /proc; undefined elsewhere. */
export function cpuMsOf(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : ticksMsOf(`/proc/${pid}/stat`);
}

/** The CPU time (ms) of process `pid`'s main thread alone (its JavaScript thread, for Node). */
export function mainThreadCpuMsOf(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : ticksMsOf(`/proc/${pid}/task/${pid}/stat`);
}

/** CPU time (ms) per thread of process `pid`, by thread id (creation order), from Linux's /proc. */
export function threadCpuMsOf(pid: number | undefined): Map<number, number> {
  const out = new Map<number, number>();
  if (pid === undefined) return out;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const ms = ticksMsOf(`/proc/${pid}/task/${tid}/stat`);
      if (ms !== undefined) out.set(Number(tid), ms);
    }
  } catch {
    // Not Linux, or the process is gone: no figures.
  }
  return out;
}

function ticksMsOf(statFile: string): number | undefined {
  try {
    // Fields after the parenthesised command name: state is 3rd, utime 14th and stime 15th (in clock ticks).
    const fields = readFileSync(statFile, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** The machine's CPU times so far (clock ticks, all cores): everything, and what the hypervisor stole. */
export function machineCpuTicks(): { total: number; steal: number } | undefined {
  try {
    // The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal guest guest_nice".
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { total, steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** The share (%) of the machine's CPU time the hypervisor stole between two readings; NaN when unknown. */
export function stealPercent(
  before: { total: number; steal: number } | undefined,
  after: { total: number; steal: number } | undefined,
): number {
  if (before === undefined || after === undefined || after.total <= before.total) return Number.NaN;
  return ((after.steal - before.steal) * 100) / (after.total - before.total);
}
