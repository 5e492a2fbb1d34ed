import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeNode, makeNodeInfo, makePod } from '../testing/builders.js';
import type { NodeInfo } from './node-info.js';
import { Snapshot } from './snapshot.js';
import type { NodeTotals } from './node-totals.js';

/** A node with `cpu` millicores, 1Gi and 10 pods allocatable, holding pods requesting `used` millicores each. */
function node(name: string, cpu: number, ...used: number[]): NodeInfo {
  const pods = used.map((m, i) =>
    makePod(`${name}-${i}`, {
      nodeName: name,
      spec: { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: `${m}m`, memory: '1Mi' } } }] },
    }),
  );
  return makeNodeInfo(makeNode(name, { allocatable: { cpu: `${cpu}m`, memory: '1Gi', pods: '10' } }), pods);
}

/** Each row of `totals` as [allocatable cpu, requested cpu, non-zero cpu, pods], for the first `n` positions. */
const rows = (totals: NodeTotals, n: number): number[][] =>
  Array.from({ length: n }, (_, p) => [
    totals.allocatableMilliCPU(p),
    totals.requestedMilliCPU(p),
    totals.nonZeroMilliCPU(p),
    totals.podCount(p),
  ]);
/** The same, read from the NodeInfos. */
const expected = (nodes: readonly NodeInfo[]): number[][] =>
  nodes.map((n) => [n.allocatable.milliCPU, n.requested.milliCPU, n.nonZeroRequested.milliCPU, n.pods.length]);

describe('NodeTotals', () => {
  test("each row holds its node's totals, memory and storage included", () => {
    const info = node('a', 4000, 100, 250);
    const totals = new Snapshot([info]).totals();
    assert.deepEqual(rows(totals, 1), [[4000, 350, 350, 2]]);
    assert.equal(totals.allocatableMemory(0), 1024 ** 3);
    assert.equal(totals.requestedMemory(0), 2 * 1024 ** 2);
    assert.equal(totals.nonZeroMemory(0), 2 * 1024 ** 2);
    assert.equal(totals.allowedPodNumber(0), 10);
    assert.equal(totals.requestedEphemeralStorage(0), 0);
  });

  test('rows follow the snapshot as nodes are set, replaced, removed and the whole list replaced', () => {
    const snapshot = new Snapshot([node('a', 1000), node('b', 2000, 10), node('c', 3000)]);
    const check = (): void =>
      assert.deepEqual(rows(snapshot.totals(), snapshot.list().length), expected(snapshot.list()));
    check();
    snapshot.set(node('b', 2000, 10, 20));
    check();
    snapshot.remove('a');
    check();
    snapshot.set(node('d', 500, 5));
    check();
    snapshot.replace([node('x', 7000, 1, 2, 3)]);
    check();
  });

  test('the table grows past its first size and keeps every row', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(`n${i}`, 1000 + i, i));
    const snapshot = new Snapshot(nodes.slice(0, 3));
    for (const n of nodes.slice(3)) snapshot.set(n);
    assert.deepEqual(rows(snapshot.totals(), 200), expected(nodes));
    snapshot.remove('n0');
    assert.deepEqual(rows(snapshot.totals(), 199), expected(nodes.slice(1)));
  });
});
