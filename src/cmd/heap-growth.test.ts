import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { limitHeapGrowth } from './heap-growth.js';

describe('limitHeapGrowth', () => {
  const cases: { name: string; execArgv: string[]; nodeOptions: string; applied: boolean }[] = [
    { name: 'without a flag of the user’s it sets the growth', execArgv: [], nodeOptions: '', applied: true },
    {
      name: 'a node flag of the user’s wins',
      execArgv: ['--heap-growing-percent=50'],
      nodeOptions: '',
      applied: false,
    },
    {
      name: 'NODE_OPTIONS of the user’s win, in either spelling',
      execArgv: ['--expose-gc'],
      nodeOptions: '--max-old-space-size=4096 --heap_growing_percent=300',
      applied: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(limitHeapGrowth(c.execArgv, c.nodeOptions), c.applied));
  }
});
