import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveSimOptions } from './sim-options.js';

describe('simulator options', () => {
  const cases: { name: string; nodes: number; podWorkers?: number; want: number }[] = [
    { name: 'a small cluster keeps 32 pod writers', nodes: 3, want: 32 },
    { name: 'a hundred nodes write a hundred pods at a time', nodes: 100, want: 100 },
    { name: 'a thousand nodes are capped at 256 pod writers', nodes: 1000, want: 256 },
    { name: 'asked-for writers win over the default', nodes: 1000, podWorkers: 8, want: 8 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const options = resolveSimOptions({
        nodes: c.nodes,
        ...(c.podWorkers === undefined ? {} : { podWorkers: c.podWorkers }),
      });
      assert.equal(options.podWorkers, c.want);
    });
  }
});
