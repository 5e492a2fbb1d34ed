/**
 * How far the JavaScript heap of a long-running component grows between full collections. V8 picks the
 * factor itself (up to 4× the live heap when the process allocates fast, as an API server under load does),
 * which leaves a busy control plane's resident memory at several times what it holds. Skiff's server sets it
 * to 2×, as Go's default GOGC=100 does for upstream's components; NODE_OPTIONS or node flags that set
 * `--heap-growing-percent` themselves win.
 */
import { setFlagsFromString } from 'node:v8';

/** The growth after a full collection, in percent of the live heap (100: up to twice the live heap). */
export const HEAP_GROWING_PERCENT = 100;

/** Applies HEAP_GROWING_PERCENT unless the process was started with its own `--heap-growing-percent`. */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions = process.env['NODE_OPTIONS'] ?? '',
): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => /^--heap[-_]growing[-_]percent/.test(a));
  if (given) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
