/** `npm run bench -- NAME`: runs one benchmark and prints its figures. */
import { printFigures, type Figure } from './report.js';
import { apiserverBench } from './apiserver.js';
import { densityBench } from './density.js';
import { schedulerBench } from './scheduler/scheduler-bench.js';
import { storeBench } from './store.js';

const benches: Record<string, (args: string[]) => Promise<Figure[]>> = {
  store: storeBench,
  apiserver: apiserverBench,
  scheduler: schedulerBench,
  density: densityBench,
};

const [name, ...args] = process.argv.slice(2);
const bench = name === undefined ? undefined : benches[name];
if (bench === undefined) {
  process.stderr.write(`usage: npm run bench -- NAME [args]\nbenchmarks: ${Object.keys(benches).join(', ')}\n`);
  process.exit(2);
}
printFigures(await bench(args));
process.exit(0);
