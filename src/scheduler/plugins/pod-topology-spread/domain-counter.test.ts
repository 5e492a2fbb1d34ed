import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { labelSelectorFromSet } from '../../../machinery/labels/index.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { newPodInfo } from '../../framework/pod-info.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Snapshot } from '../../framework/snapshot.js';
import { countMatchingPods, labelValue } from './constraints.js';
import { type CountQuery, DomainCounter, DomainCounterCache } from './domain-counter.js';
import { PRE_FILTER_STATE_KEY, type PreFilterState } from './filtering.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import { fooSelector, handleWith, node, nodeInfos, pod, spread } from './test-fixtures.js';

const query: CountQuery = {
  namespace: 'default',
  topologyKey: 'zone',
  selector: labelSelectorFromSet({ app: 'web' }),
  requiredKeys: ['zone'],
};
const web = (name: string, nodeName: string): Pod => pod(name, { node: nodeName, labels: { app: 'web' } });

/** Domain → matching pods, for the domains that exist. */
function countsOf(counter: DomainCounter): Record<string, number> {
  const result: Record<string, number> = {};
  counter.domainNames.forEach((name, id) => {
    if ((counter.nodeCounts[id] as number) > 0) result[name] = counter.podCounts[id] as number;
  });
  return result;
}

function fresh(nodes: readonly NodeInfo[]): Record<string, number> {
  const counter = new DomainCounter(query);
  counter.refresh(nodes);
  return countsOf(counter);
}

interface Step {
  readonly name: string;
  /** Changes the cluster; returns the node list the next cycle sees. */
  readonly change: (nodes: NodeInfo[]) => NodeInfo[];
  readonly want: Record<string, number>;
}

const start = (): NodeInfo[] =>
  nodeInfos(
    [node('a', { zone: 'z1' }), node('b', { zone: 'z1' }), node('c', { zone: 'z2' }), node('d', {})],
    [web('p1', 'a'), web('p2', 'c'), web('p3', 'd')],
  );

const steps: Step[] = [
  { name: 'the first refresh counts every node', change: (n) => n, want: { z1: 1, z2: 1 } },
  {
    name: 'a pod added in place (generation moves) is counted',
    change: (n) => {
      n[1]!.addPod(newPodInfo(web('p4', 'b')));
      return n;
    },
    want: { z1: 2, z2: 1 },
  },
  {
    name: 'a pod added to a cloned NodeInfo (a new snapshot entry) is counted',
    change: (n) => {
      const copy = n[2]!.clone();
      copy.addPod(newPodInfo(web('p5', 'c')));
      return n.map((info, i) => (i === 2 ? copy : info));
    },
    want: { z1: 2, z2: 2 },
  },
  {
    name: 'a removed pod is no longer counted',
    change: (n) => {
      n[0]!.removePod(newPodInfo(web('p1', 'a')));
      return n;
    },
    want: { z1: 1, z2: 2 },
  },
  {
    name: 'a node whose labels change moves its pods to its new domain',
    change: (n) => {
      n[1]!.setNode(node('b', { zone: 'z3' }));
      return n;
    },
    want: { z1: 0, z2: 2, z3: 1 },
  },
  {
    name: 'a node gaining the topology key starts counting',
    change: (n) => {
      n[3]!.setNode(node('d', { zone: 'z2' }));
      return n;
    },
    want: { z1: 0, z2: 3, z3: 1 },
  },
  {
    name: 'a removed node takes its domain away when it was the last one there',
    change: (n) => n.filter((info) => info.name !== 'b'),
    want: { z1: 0, z2: 3 },
  },
  {
    name: 'reordered nodes are counted once each',
    change: (n) => [...n].reverse(),
    want: { z1: 0, z2: 3 },
  },
  {
    name: 'an added node opens a new domain',
    change: (n) => [...n, ...nodeInfos([node('e', { zone: 'z4' })], [web('p6', 'e'), pod('other', { node: 'e' })])],
    want: { z1: 0, z2: 3, z4: 1 },
  },
  {
    name: 'an empty node list has no domains',
    change: () => [],
    want: {},
  },
];

describe('PodTopologySpread domain counter', () => {
  const counter = new DomainCounter(query);
  let nodes = start();
  for (const step of steps) {
    test(step.name, () => {
      nodes = step.change(nodes);
      counter.refresh(nodes);
      assert.deepEqual(countsOf(counter), step.want);
      assert.deepEqual(countsOf(counter), fresh(nodes), 'incremental counts equal a fresh count');
      assert.equal(counter.liveDomains, Object.keys(step.want).length);
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        const info = nodes.find((n) => n.name === name);
        const counted = info !== undefined && labelValue(info.node?.metadata?.labels, 'zone') !== undefined;
        const want = counted ? countMatchingPods(info.pods, query.selector, query.namespace) : undefined;
        assert.equal(counter.countOnNode(name), want, `the pods counted on node ${name}`);
      }
    });
  }
});

describe('PodTopologySpread domain counter over a snapshot', () => {
  const snapshot = new Snapshot(start());
  const counter = new DomainCounter(query);
  /** Replaces node `name` in the snapshot with a clone changed by `change`, as the cache does. */
  const replace = (name: string, change: (copy: NodeInfo) => void): void => {
    const copy = snapshot.get(name)!.clone();
    change(copy);
    snapshot.set(copy);
  };
  const check = (want: Record<string, number>): void => {
    counter.refresh(snapshot.list());
    assert.deepEqual(countsOf(counter), want);
    assert.deepEqual(countsOf(counter), fresh(snapshot.list()), 'incremental counts equal a fresh count');
    for (const info of snapshot.list()) {
      const counted = labelValue(info.node?.metadata?.labels, 'zone') !== undefined;
      const pods = counted ? countMatchingPods(info.pods, query.selector, query.namespace) : undefined;
      assert.equal(counter.countOnNode(info.name), pods, `the pods counted on node ${info.name}`);
    }
  };

  test('replaced nodes are recounted from the journal, repeats and all', () => {
    check({ z1: 1, z2: 1 });
    replace('b', (copy) => copy.addPod(newPodInfo(web('p4', 'b'))));
    replace('c', (copy) => copy.addPod(newPodInfo(web('p5', 'c'))));
    replace('b', (copy) => copy.setNode(node('b', { zone: 'z3' })));
    check({ z1: 1, z2: 2, z3: 1 });
  });

  test('only the replaced positions are looked at: a NodeInfo changed in place (against the contract) is not', () => {
    snapshot.get('a')!.addPod(newPodInfo(web('p6', 'a')));
    counter.refresh(snapshot.list());
    assert.deepEqual(countsOf(counter), { z1: 1, z2: 2, z3: 1 });
    replace('a', () => undefined);
    check({ z1: 2, z2: 2, z3: 1 });
  });

  test('an added or removed node makes the next refresh compare every node', () => {
    snapshot.set(nodeInfos([node('e', { zone: 'z4' })], [web('p7', 'e')])[0]!);
    check({ z1: 2, z2: 2, z3: 1, z4: 1 });
    snapshot.remove('a');
    check({ z2: 2, z3: 1, z4: 1 });
    replace('d', (copy) => copy.setNode(node('d', { zone: 'z4' })));
    check({ z2: 2, z3: 1, z4: 2 });
  });
});

describe('PodTopologySpread domain counter cache', () => {
  test('hands out one counter per query', () => {
    const cache = new DomainCounterCache();
    const nodes = start();
    assert.equal(cache.counter(query, nodes), cache.counter({ ...query }, nodes));
    assert.notEqual(cache.counter(query, nodes), cache.counter({ ...query, namespace: 'other' }, nodes));
  });

  test('evicts the least recently used counter beyond its capacity', () => {
    const cache = new DomainCounterCache(2);
    const nodes = start();
    const first = cache.counter(query, nodes);
    cache.counter({ ...query, topologyKey: 'a' }, nodes);
    cache.counter(query, nodes);
    cache.counter({ ...query, topologyKey: 'b' }, nodes);
    assert.equal(cache.counter(query, nodes), first);
    assert.notEqual(cache.counter({ ...query, topologyKey: 'a' }, nodes), undefined);
  });
});

describe('PodTopologySpread across cycles', () => {
  test('a later cycle sees the pod an earlier cycle placed', () => {
    const infos = nodeInfos([node('a', { zone: 'z1' }), node('b', { zone: 'z2' })]);
    const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith(infos));
    const incoming = (name: string) =>
      pod(name, { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)] });
    const counts = (state: CycleState) =>
      Object.fromEntries(state.read<PreFilterState>(PRE_FILTER_STATE_KEY)!.matchCounts[0]!.toMap());

    const first = new CycleState();
    plugin.preFilter(first, incoming('p1'), infos);
    assert.deepEqual(counts(first), { z1: 0, z2: 0 });
    infos[0]!.addPod(newPodInfo({ ...incoming('p1'), spec: { ...incoming('p1').spec!, nodeName: 'a' } }));

    const second = new CycleState();
    plugin.preFilter(second, incoming('p2'), infos);
    assert.deepEqual(counts(second), { z1: 1, z2: 0 });
    assert.deepEqual(counts(first), { z1: 0, z2: 0 }, 'an earlier state keeps its own counts');
    assert.equal(plugin.filter(second, incoming('p2'), infos[0]!).code, 'Unschedulable');
    assert.equal(plugin.filter(second, incoming('p2'), infos[1]!).code, 'Success');
  });
});
