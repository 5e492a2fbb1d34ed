import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../api/core/v1/pod.js';
import { CycleState } from './framework/cycle-state.js';
import { Framework } from './framework/framework.js';
import type { FilterPlugin } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import { newPodInfo, type PodInfo } from './framework/pod-info.js';
import { Snapshot } from './framework/snapshot.js';
import { Code, Status } from './framework/status.js';
import { type FindNodeResult, NodeFinder, numFeasibleNodesToFind } from './find-node.js';
import { makeNode, makeNodeInfo, makePod } from './testing/builders.js';
import {
  type FakeProfile,
  fakeFilter,
  fakePreFilter,
  fakePreFilterAndFilter,
  fakePreScore,
  fakeProfile,
  fakeScore,
} from './testing/fake-plugins.js';

const nodes = (...names: string[]): NodeInfo[] => names.map((n) => makeNodeInfo(makeNode(n)));
const snapshotOf = (...names: string[]): Snapshot => new Snapshot(nodes(...names));
const fwk = (parts: FakeProfile): Framework => new Framework('test', fakeProfile(parts));
const pod = makePod('p');
const nominatedTo = (node: string): Pod => ({ ...makePod('p'), status: { nominatedNodeName: node } });

function find(
  parts: FakeProfile,
  snapshot: Snapshot,
  options: { pod?: Pod; random?: () => number; percentage?: number; state?: CycleState } = {},
): FindNodeResult {
  return new NodeFinder(options.random).find(
    fwk(parts),
    options.state ?? new CycleState(),
    options.pod ?? pod,
    snapshot,
    options.percentage ?? 0,
  );
}

const chosen = (r: FindNodeResult): string => (r.kind === 'node' ? r.node : `${r.kind}`);
const fitMessage = (r: FindNodeResult): string => {
  assert.equal(r.kind, 'unschedulable', JSON.stringify(r));
  return r.kind === 'unschedulable' ? r.fitError.message() : '';
};

describe('numFeasibleNodesToFind (upstream TestNumFeasibleNodesToFind and its formula)', () => {
  const cases: { name: string; percentage: number; nodes: number; want: number }[] = [
    { name: 'fewer than 100 nodes are all filtered', percentage: 0, nodes: 10, want: 10 },
    { name: 'fewer than 100 nodes are all filtered whatever the percentage', percentage: 40, nodes: 10, want: 10 },
    { name: '99 nodes are all filtered', percentage: 0, nodes: 99, want: 99 },
    { name: '100 nodes at the adaptive 50 % is still the minimum of 100', percentage: 0, nodes: 100, want: 100 },
    { name: '250 nodes adaptive: 48 % is 120', percentage: 0, nodes: 250, want: 120 },
    { name: '1000 nodes adaptive: 50 - 1000/125 = 42 % is 420', percentage: 0, nodes: 1000, want: 420 },
    { name: '1000 nodes at an explicit 40 % is 400', percentage: 40, nodes: 1000, want: 400 },
    { name: '1000 nodes at an explicit 70 % is 700', percentage: 70, nodes: 1000, want: 700 },
    { name: '1000 nodes at 100 % is every node', percentage: 100, nodes: 1000, want: 1000 },
    { name: '1000 nodes at 1 % is raised to the minimum of 100', percentage: 1, nodes: 1000, want: 100 },
    { name: '5000 nodes adaptive: 10 % is 500', percentage: 0, nodes: 5000, want: 500 },
    { name: '6000 nodes adaptive: 2 % is raised to the 5 % floor, 300', percentage: 0, nodes: 6000, want: 300 },
    { name: '6000 nodes at an explicit 40 % is 2400', percentage: 40, nodes: 6000, want: 2400 },
    { name: '1001 nodes adaptive: 42 % of 1001 rounds down to 420', percentage: 0, nodes: 1001, want: 420 },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(numFeasibleNodesToFind(c.percentage, c.nodes), c.want));
  }
});

describe('NodeFinder filtering', () => {
  test('filtering stops at the first plugin that rejects a node, and records that plugin', () => {
    const first = fakeFilter('First', (n) => (n === 'n2' ? Status.unschedulable('first says no') : Status.SUCCESS));
    const second = fakeFilter('Second', (n) => (n === 'n3' ? Status.unresolvable('second says no') : Status.SUCCESS));
    const result = find({ filter: [first, second] }, snapshotOf('n1', 'n2', 'n3'));
    assert.equal(chosen(result), 'n1');
    assert.deepEqual(first.calls, ['n1', 'n2', 'n3']);
    assert.deepEqual(second.calls, ['n1', 'n3'], 'Second never sees the node First rejected');
  });

  test('when no node fits, each node’s status names its plugin and the FitError counts the reasons', () => {
    const first = fakeFilter('First', (n) => (n === 'n1' ? Status.unschedulable('first says no') : Status.SUCCESS));
    const second = fakeFilter('Second', () => Status.unresolvable('second says no'));
    const result = find({ filter: [first, second] }, snapshotOf('n1', 'n2', 'n3'));
    assert.equal(fitMessage(result), '0/3 nodes are available: 1 first says no, 2 second says no.');
    assert.ok(result.kind === 'unschedulable');
    const statuses = result.fitError.diagnosis.nodeStatuses;
    assert.deepEqual(
      [...statuses].map(([n, s]) => [n, s.plugin, s.code]),
      [
        ['n1', 'First', Code.Unschedulable],
        ['n2', 'Second', Code.UnschedulableAndUnresolvable],
        ['n3', 'Second', Code.UnschedulableAndUnresolvable],
      ],
    );
    assert.deepEqual([...result.fitError.diagnosis.unschedulablePlugins].sort(), ['First', 'Second']);
  });

  test('one rejection shared by two plugins names, on each node, the plugin that gave it there', () => {
    const shared = Status.unschedulable('no room');
    const a = fakeFilter('A', (n) => (n === 'n2' ? Status.SUCCESS : shared));
    const b = fakeFilter('B', () => shared);
    const result = find({ filter: [a, b] }, snapshotOf('n1', 'n2', 'n3', 'n4'));
    assert.ok(result.kind === 'unschedulable');
    assert.deepEqual(
      [...result.fitError.diagnosis.nodeStatuses].map(([n, st]) => `${n}:${st.plugin}:${st.message()}`),
      ['n1:A:no room', 'n2:B:no room', 'n3:A:no room', 'n4:A:no room'],
    );
    assert.equal(shared.plugin, '', 'the plugin’s own status is left as it was');
  });

  test('a found node counts as evaluated the nodes PreFilter left out, the nodes rejected and the feasible ones', () => {
    const filter = fakeFilter('F', (n) => (n === 'n2' ? Status.unschedulable('full') : Status.SUCCESS));
    const result = find(
      {
        preFilter: [fakePreFilter('Narrow', Status.SUCCESS, ['n2', 'n3', 'n4'])],
        filter: [filter],
        score: [{ plugin: fakeScore('S', { n4: 1 }), weight: 1 }],
      },
      snapshotOf('n1', 'n2', 'n3', 'n4', 'n5'),
    );
    assert.deepEqual(result, { kind: 'node', node: 'n4', evaluated: 5, feasible: 2 });
  });

  test('a Filter error ends the cycle with that error', () => {
    const broken = fakeFilter('Broken', () => Status.error('boom'));
    const result = find({ filter: [broken] }, snapshotOf('n1', 'n2'));
    assert.equal(result.kind, 'error');
    assert.ok(result.kind === 'error');
    assert.equal(result.status.message(), 'boom');
    assert.equal(result.status.plugin, 'Broken');
  });

  test('no nodes at all is an error', () => {
    const result = find({}, snapshotOf());
    assert.ok(result.kind === 'error');
    assert.equal(result.status.message(), 'no nodes available to schedule pods');
  });

  test('a single feasible node is chosen without scoring', () => {
    let scored = false;
    const score = {
      plugin: {
        name: 'S',
        score: (): number => {
          scored = true;
          return 0;
        },
      },
      weight: 1,
    };
    const only = fakeFilter('Only', (n) => (n === 'n2' ? Status.SUCCESS : Status.unschedulable('no')));
    const result = find({ filter: [only], score: [score] }, snapshotOf('n1', 'n2', 'n3'));
    assert.deepEqual(result, { kind: 'node', node: 'n2', evaluated: 3, feasible: 1 });
    assert.equal(scored, false);
  });

  test('a single feasible node is taken without running PreScore at all', () => {
    let preScored = 0;
    const preScore = { name: 'S', preScore: () => (preScored++, Status.SUCCESS) };
    const only = fakeFilter('Only', (n) => (n === 'n1' ? Status.SUCCESS : Status.unschedulable('no')));
    const result = find(
      { filter: [only], preScore: [preScore], score: [{ plugin: fakeScore('S', {}), weight: 1 }] },
      snapshotOf('n1', 'n2'),
    );
    assert.equal(chosen(result), 'n1');
    assert.equal(preScored, 0);
  });

  test('filtering stops once enough feasible nodes are found, and the next cycle starts where it stopped', () => {
    const names = Array.from({ length: 200 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    const snapshot = snapshotOf(...names);
    const all = fakeFilter('All', () => Status.SUCCESS);
    const finder = new NodeFinder(() => 0.99);
    const framework = fwk({ filter: [all], score: [{ plugin: fakeScore('S', {}), weight: 1 }] });
    const first = finder.find(framework, new CycleState(), pod, snapshot, 30);
    assert.ok(first.kind === 'node');
    assert.equal(first.feasible, 100, '30 % of 200 is 60, raised to the minimum of 100');
    assert.equal(first.node, 'n000', 'equal scores, the random function keeps the first');
    assert.equal(all.calls.length, 100);
    all.calls.length = 0;
    const second = finder.find(framework, new CycleState(), pod, snapshot, 30);
    assert.ok(second.kind === 'node');
    assert.equal(all.calls[0], 'n100');
    assert.equal(second.node, 'n100');
  });
});

describe('NodeFinder nominated node', () => {
  test('the nominated node is evaluated first and taken when it fits', () => {
    const filter = fakeFilter('F', () => Status.SUCCESS);
    const result = find({ filter: [filter] }, snapshotOf('n1', 'n2', 'n3'), { pod: nominatedTo('n3') });
    assert.deepEqual(result, { kind: 'node', node: 'n3', evaluated: 1, feasible: 1 });
    assert.deepEqual(filter.calls, ['n3']);
  });

  test('a nominated node that no longer fits is skipped and every node is filtered', () => {
    const filter = fakeFilter('F', (n) => (n === 'n3' ? Status.unschedulable('full') : Status.SUCCESS));
    const result = find(
      { filter: [filter], score: [{ plugin: fakeScore('S', { n2: 10 }), weight: 1 }] },
      snapshotOf('n1', 'n2', 'n3'),
      { pod: nominatedTo('n3') },
    );
    assert.equal(chosen(result), 'n2');
    assert.deepEqual(filter.calls, ['n3', 'n1', 'n2', 'n3']);
  });

  test('a nominated node that is gone is ignored', () => {
    const filter = fakeFilter('F', () => Status.SUCCESS);
    const result = find({ filter: [filter] }, snapshotOf('n1'), { pod: nominatedTo('gone') });
    assert.equal(chosen(result), 'n1');
  });

  test('a nominated node PreFilter ruled out is not taken', () => {
    const filter = fakeFilter('F', () => Status.SUCCESS);
    const result = find(
      { preFilter: [fakePreFilter('P', Status.SUCCESS, ['n1'])], filter: [filter] },
      snapshotOf('n1', 'n2'),
      {
        pod: nominatedTo('n2'),
      },
    );
    assert.equal(chosen(result), 'n1');
    assert.deepEqual(filter.calls, ['n1']);
  });
});

describe('NodeFinder and pods nominated to other nodes', () => {
  const cases: { name: string; anyNominated: boolean; want: string; lookups: number }[] = [
    {
      name: 'with no pod nominated anywhere, nodes are filtered without looking nominated pods up',
      anyNominated: false,
      want: 'n1',
      lookups: 0,
    },
    {
      name: 'with some pod nominated, every node is looked up and a nominated pod counts where it is nominated',
      anyNominated: true,
      want: 'n2',
      lookups: 2,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const big = newPodInfo(makePod('big', { priority: 100 }));
      let lookups = 0;
      const nominatedPods = (node: string): readonly PodInfo[] => (lookups++, node === 'n1' ? [big] : []);
      // The node with a pod on it (nominated or not) is full.
      const full: FilterPlugin = {
        name: 'Full',
        filter: (_state, _pod, info) => (info.pods.length > 0 ? Status.unschedulable('full') : Status.SUCCESS),
      };
      const framework = new Framework('test', fakeProfile({ filter: [full] }), nominatedPods, () => c.anyNominated);
      const result = new NodeFinder(() => 0.99).find(framework, new CycleState(), pod, snapshotOf('n1', 'n2'), 0);
      assert.equal(chosen(result), c.want);
      assert.equal(lookups, c.lookups);
    });
  }
});

describe('NodeFinder scoring', () => {
  test('scores are weighted and summed; the highest total wins', () => {
    const result = find(
      {
        score: [
          { plugin: fakeScore('A', { n1: 10, n2: 50, n3: 20 }), weight: 1 },
          { plugin: fakeScore('B', { n1: 30, n2: 0, n3: 20 }), weight: 3 },
        ],
      },
      snapshotOf('n1', 'n2', 'n3'),
    );
    assert.deepEqual(result, { kind: 'node', node: 'n1', evaluated: 3, feasible: 3 }); // 100 vs 50 vs 80
  });

  test('weights can turn the result around', () => {
    const result = find(
      {
        score: [
          { plugin: fakeScore('A', { n1: 10, n2: 50, n3: 20 }), weight: 5 },
          { plugin: fakeScore('B', { n1: 30, n2: 0, n3: 20 }), weight: 1 },
        ],
      },
      snapshotOf('n1', 'n2', 'n3'),
    );
    assert.equal(chosen(result), 'n2'); // 80 vs 250 vs 120
  });

  test('a score plugin whose PreScore skipped does not count', () => {
    const result = find(
      {
        preScore: [fakePreScore('A', Status.SKIP)],
        score: [
          { plugin: fakeScore('A', { n1: 100 }), weight: 10 },
          { plugin: fakeScore('B', { n2: 1 }), weight: 1 },
        ],
      },
      snapshotOf('n1', 'n2'),
    );
    assert.equal(chosen(result), 'n2');
  });

  test('a score plugin whose PreScore skipped is never asked for a score', () => {
    const asked: string[] = [];
    const skipped = { name: 'A', score: (_s: CycleState, _p: Pod, n: NodeInfo) => (asked.push(n.name), 100) };
    find(
      {
        preScore: [fakePreScore('A', Status.SKIP)],
        score: [
          { plugin: skipped, weight: 1 },
          { plugin: fakeScore('B', {}), weight: 1 },
        ],
      },
      snapshotOf('n1', 'n2'),
    );
    assert.deepEqual(asked, []);
  });

  test('a PreScore error ends the cycle with that error', () => {
    const result = find(
      { preScore: [fakePreScore('A', Status.error('no state'))], score: [{ plugin: fakeScore('A', {}), weight: 1 }] },
      snapshotOf('n1', 'n2'),
    );
    assert.ok(result.kind === 'error');
    assert.equal(result.status.plugin, 'A');
  });

  const ties: { name: string; randoms: number[]; want: string }[] = [
    {
      name: 'a random function that never replaces keeps the first of the tied nodes',
      randoms: [0.99, 0.99],
      want: 'n1',
    },
    { name: 'a random function that always replaces takes the last of the tied nodes', randoms: [0, 0], want: 'n4' },
    { name: 'replacing on the second tie only takes the second tied node', randoms: [0, 0.99], want: 'n2' },
    { name: 'replacing on the third tie only takes the third tied node', randoms: [0.99, 0], want: 'n4' },
  ];
  for (const c of ties) {
    test(c.name, () => {
      const randoms = [...c.randoms];
      const result = find(
        // n3 scores lower: only the tied best nodes draw from the random function.
        { score: [{ plugin: fakeScore('S', { n1: 10, n2: 10, n3: 5, n4: 10 }), weight: 1 }] },
        snapshotOf('n1', 'n2', 'n3', 'n4'),
        { random: () => randoms.shift() ?? assert.fail('random called too often') },
      );
      assert.equal(chosen(result), c.want);
      assert.deepEqual(randoms, []);
    });
  }

  test('ties are broken evenly over many cycles', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const counts = new Map<string, number>();
    const snapshot = snapshotOf('n1', 'n2', 'n3');
    const framework = fwk({ score: [{ plugin: fakeScore('S', { n1: 7, n2: 7, n3: 7 }), weight: 1 }] });
    const finder = new NodeFinder(random);
    for (let i = 0; i < 3000; i++) {
      const r = finder.find(framework, new CycleState(), pod, snapshot, 0);
      counts.set(chosen(r), (counts.get(chosen(r)) ?? 0) + 1);
    }
    for (const n of ['n1', 'n2', 'n3']) {
      const c = counts.get(n) ?? 0;
      assert.ok(c > 850 && c < 1150, `${n} chosen ${c} times of 3000`);
    }
  });
});

describe('NodeFinder PreFilter', () => {
  test('a PreFilter Skip skips that plugin’s Filter', () => {
    const plugin = fakePreFilterAndFilter('Skipper', Status.SKIP, () => Status.unschedulable('would reject'));
    const state = new CycleState();
    const result = find({ preFilter: [plugin], filter: [plugin] }, snapshotOf('n1', 'n2'), { state });
    assert.equal(result.kind, 'node');
    assert.deepEqual(plugin.calls, []);
    assert.ok(state.skipFilterPlugins.has('Skipper'));
  });

  test('PreFilter node names narrow the nodes filtered; the others get the "didn’t satisfy plugin" status', () => {
    const filter = fakeFilter('F', () => Status.unschedulable('Insufficient cpu'));
    const result = find(
      { preFilter: [fakePreFilter('Narrow', Status.SUCCESS, ['n2'])], filter: [filter] },
      snapshotOf('n1', 'n2', 'n3'),
    );
    assert.deepEqual(filter.calls, ['n2']);
    assert.equal(
      fitMessage(result),
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin Narrow.",
    );
    assert.ok(result.kind === 'unschedulable');
    const absent = result.fitError.diagnosis.nodeStatuses.get('n1');
    assert.equal(absent?.code, Code.UnschedulableAndUnresolvable);
  });

  test('a narrowed node that fits is chosen, and every node counts as evaluated', () => {
    const result = find({ preFilter: [fakePreFilter('Narrow', Status.SUCCESS, ['n3'])] }, snapshotOf('n1', 'n2', 'n3'));
    assert.deepEqual(result, { kind: 'node', node: 'n3', evaluated: 3, feasible: 1 });
  });

  test('node names of several PreFilters intersect', () => {
    const filter = fakeFilter('F', () => Status.SUCCESS);
    const result = find(
      {
        preFilter: [fakePreFilter('A', Status.SUCCESS, ['n1', 'n2']), fakePreFilter('B', Status.SUCCESS, ['n2', 'n3'])],
        filter: [filter],
      },
      snapshotOf('n1', 'n2', 'n3'),
    );
    assert.equal(chosen(result), 'n2');
    assert.deepEqual(filter.calls, ['n2']);
  });

  test('disjoint node names of two PreFilters reject the pod for both, simultaneously', () => {
    const result = find(
      { preFilter: [fakePreFilter('A', Status.SUCCESS, ['n1']), fakePreFilter('B', Status.SUCCESS, ['n2'])] },
      snapshotOf('n1', 'n2'),
    );
    assert.equal(fitMessage(result), "0/2 nodes are available: node(s) didn't satisfy plugin(s) [A B] simultaneously.");
  });

  test('a PreFilter rejection gives every node that status and the FitError its message', () => {
    const result = find(
      { preFilter: [fakePreFilter('Gate', Status.unresolvable("node(s) didn't match pod affinity rules"))] },
      snapshotOf('n1', 'n2'),
    );
    assert.equal(fitMessage(result), "0/2 nodes are available: node(s) didn't match pod affinity rules.");
    assert.ok(result.kind === 'unschedulable');
    assert.deepEqual([...result.fitError.diagnosis.nodeStatuses.keys()], ['n1', 'n2']);
    assert.deepEqual([...result.fitError.diagnosis.unschedulablePlugins], ['Gate']);
  });

  test('a PreFilter error ends the cycle with that error', () => {
    const result = find({ preFilter: [fakePreFilter('Broken', Status.error('bad state'))] }, snapshotOf('n1'));
    assert.ok(result.kind === 'error');
    assert.equal(result.status.plugin, 'Broken');
  });
});

describe('NodeFinder PreFilter against upstream (discrepancies)', () => {
  test('one PreFilter narrowing to no node is worded "node(s) didn’t satisfy plugin <name>" (upstream RunPreFilterPlugins)', () => {
    const result = find({ preFilter: [fakePreFilter('Narrow', Status.SUCCESS, [])] }, snapshotOf('n1', 'n2'));
    assert.equal(fitMessage(result), "0/2 nodes are available: node(s) didn't satisfy plugin Narrow.");
  });

  test('the plugins named in "didn’t satisfy plugin(s)" are sorted (upstream sets.List)', () => {
    const result = find(
      { preFilter: [fakePreFilter('Zeta', Status.SUCCESS, ['n1']), fakePreFilter('Alpha', Status.SUCCESS, ['n2'])] },
      snapshotOf('n1', 'n2'),
    );
    assert.equal(
      fitMessage(result),
      "0/2 nodes are available: node(s) didn't satisfy plugin(s) [Alpha Zeta] simultaneously.",
    );
  });

  test('the plugins that narrowed the nodes count as rejecting the pod (upstream diagnosis.UnschedulablePlugins)', () => {
    const result = find(
      {
        preFilter: [fakePreFilter('Narrow', Status.SUCCESS, ['n2'])],
        filter: [fakeFilter('F', () => Status.unschedulable('Insufficient cpu'))],
      },
      snapshotOf('n1', 'n2'),
    );
    assert.ok(result.kind === 'unschedulable');
    assert.deepEqual([...result.fitError.diagnosis.unschedulablePlugins].sort(), ['F', 'Narrow']);
  });

  test('after a PreFilter answers Unschedulable the remaining PreFilters still run, so preemption has their state (upstream #119770)', () => {
    let laterRan = false;
    const later = {
      name: 'Later',
      preFilter: () => {
        laterRan = true;
        return { status: Status.SUCCESS };
      },
    };
    const result = find(
      { preFilter: [fakePreFilter('Early', Status.unschedulable('not now')), later] },
      snapshotOf('n1'),
    );
    assert.equal(result.kind, 'unschedulable');
    assert.equal(laterRan, true);
  });
});
