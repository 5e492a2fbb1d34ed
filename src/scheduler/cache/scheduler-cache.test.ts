import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { Snapshot } from '../framework/snapshot.js';
import { makeNode, makePod } from '../testing/builders.js';
import { SchedulerCache } from './scheduler-cache.js';

const pending = makePod('p', { requests: { cpu: '500m' } });
const boundTo = (node: string, pod: Pod = pending): Pod => ({
  ...pod,
  spec: { ...pod.spec, nodeName: node } as Pod['spec'],
});

const podsOn = (cache: SchedulerCache, node: string): string[] =>
  (cache.nodeInfo(node)?.pods ?? []).map((p) => p.pod.metadata?.name ?? '');
const cpuOn = (cache: SchedulerCache, node: string): number => cache.nodeInfo(node)?.requested.milliCPU ?? 0;
const names = (snapshot: Snapshot): string[] => snapshot.list().map((n) => n.name);

const withAffinity = makePod('aff', {
  spec: {
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    },
  },
});
const withAntiAffinity = makePod('anti', {
  spec: {
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    },
  },
});

describe('SchedulerCache assume, confirm and forget', () => {
  const cases: {
    name: string;
    act: (c: SchedulerCache) => void;
    want: { n1: string[]; n2: string[]; cpu1: number; cpu2: number; pods: number; assumed: boolean };
  }[] = [
    {
      name: 'an assumed pod counts on its node before it is bound',
      act: (c) => c.assumePod(boundTo('n1'), 'n1'),
      want: { n1: ['p'], n2: [], cpu1: 500, cpu2: 0, pods: 1, assumed: true },
    },
    {
      name: 'the informer’s add confirms the assumption without counting the pod twice',
      act: (c) => {
        c.assumePod(boundTo('n1'), 'n1');
        c.addPod(boundTo('n1'));
      },
      want: { n1: ['p'], n2: [], cpu1: 500, cpu2: 0, pods: 1, assumed: false },
    },
    {
      name: 'forget undoes an assumption',
      act: (c) => {
        c.assumePod(boundTo('n1'), 'n1');
        c.forgetPod(boundTo('n1'));
      },
      want: { n1: [], n2: [], cpu1: 0, cpu2: 0, pods: 0, assumed: false },
    },
    {
      name: 'forget leaves a confirmed pod alone',
      act: (c) => {
        c.assumePod(boundTo('n1'), 'n1');
        c.addPod(boundTo('n1'));
        c.forgetPod(boundTo('n1'));
      },
      want: { n1: ['p'], n2: [], cpu1: 500, cpu2: 0, pods: 1, assumed: false },
    },
    {
      name: 'a pod confirmed on another node than it was assumed on moves there',
      act: (c) => {
        c.assumePod(boundTo('n1'), 'n1');
        c.addPod(boundTo('n2'));
      },
      want: { n1: [], n2: ['p'], cpu1: 0, cpu2: 500, pods: 1, assumed: false },
    },
    {
      name: 'assuming a pod again moves it instead of counting it twice',
      act: (c) => {
        c.assumePod(boundTo('n1'), 'n1');
        c.assumePod(boundTo('n2'), 'n2');
      },
      want: { n1: [], n2: ['p'], cpu1: 0, cpu2: 500, pods: 1, assumed: true },
    },
    {
      name: 'removing an assumed pod frees its room',
      act: (c) => {
        c.assumePod(boundTo('n1'), 'n1');
        c.removePod(boundTo('n1'));
      },
      want: { n1: [], n2: [], cpu1: 0, cpu2: 0, pods: 0, assumed: false },
    },
    {
      name: 'a pod not bound to a node is not added',
      act: (c) => c.addPod(pending),
      want: { n1: [], n2: [], cpu1: 0, cpu2: 0, pods: 0, assumed: false },
    },
    {
      name: 'an update replaces the pod and its requests',
      act: (c) => {
        c.addPod(boundTo('n1'));
        c.updatePod(boundTo('n1'), boundTo('n1', makePod('p', { requests: { cpu: '2' } })));
      },
      want: { n1: ['p'], n2: [], cpu1: 2000, cpu2: 0, pods: 1, assumed: false },
    },
    {
      name: 'adding the same bound pod twice counts it once',
      act: (c) => {
        c.addPod(boundTo('n1'));
        c.addPod(boundTo('n1'));
      },
      want: { n1: ['p'], n2: [], cpu1: 500, cpu2: 0, pods: 1, assumed: false },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const cache = new SchedulerCache();
      cache.addNode(makeNode('n1'));
      cache.addNode(makeNode('n2'));
      c.act(cache);
      assert.deepEqual(
        {
          n1: podsOn(cache, 'n1'),
          n2: podsOn(cache, 'n2'),
          cpu1: cpuOn(cache, 'n1'),
          cpu2: cpuOn(cache, 'n2'),
          pods: cache.podCount(),
          assumed: cache.isAssumed(pending),
        },
        c.want,
      );
    });
  }
});

describe('SchedulerCache removeNode', () => {
  test('a removed node keeps its pods until they go, but leaves the snapshot at once', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    cache.addNode(makeNode('n1'));
    cache.addNode(makeNode('n2'));
    cache.addPod(boundTo('n1'));
    cache.updateSnapshot(snapshot);
    cache.removeNode(makeNode('n1'));
    assert.equal(cache.nodeCount(), 1);
    assert.deepEqual(podsOn(cache, 'n1'), ['p']);
    assert.equal(cache.nodeInfo('n1')?.node, undefined);
    cache.updateSnapshot(snapshot);
    assert.deepEqual(names(snapshot), ['n2']);
    cache.removePod(boundTo('n1'));
    assert.equal(cache.nodeInfo('n1'), undefined);
    assert.equal(cache.podCount(), 0);
  });

  test('a removed node without pods is gone', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('n1'));
    cache.removeNode(makeNode('n1'));
    assert.equal(cache.nodeInfo('n1'), undefined);
    assert.equal(cache.nodeCount(), 0);
  });

  test('a node added back while its pods remain counts them again', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    cache.addNode(makeNode('n1'));
    cache.addPod(boundTo('n1'));
    cache.removeNode(makeNode('n1'));
    cache.addNode(makeNode('n1'));
    cache.updateSnapshot(snapshot);
    assert.deepEqual(
      snapshot.get('n1')?.pods.map((p) => p.key),
      ['default/p'],
    );
    assert.equal(snapshot.get('n1')?.requested.milliCPU, 500);
  });

  test('a pod bound to a node the cache does not know yet waits for the node', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    cache.addPod(boundTo('later'));
    cache.updateSnapshot(snapshot);
    assert.deepEqual(names(snapshot), []);
    assert.equal(cache.nodeCount(), 0);
    cache.addNode(makeNode('later'));
    cache.updateSnapshot(snapshot);
    assert.deepEqual(snapshot.get('later')?.pods.length, 1);
  });
});

describe('SchedulerCache updateSnapshot', () => {
  const setup = (): { cache: SchedulerCache; snapshot: Snapshot } => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    for (const n of ['a', 'b', 'c', 'd']) cache.addNode(makeNode(n));
    cache.updateSnapshot(snapshot);
    return { cache, snapshot };
  };

  test('the first update copies every node, in the order they were added', () => {
    const { snapshot } = setup();
    assert.deepEqual(names(snapshot), ['a', 'b', 'c', 'd']);
  });

  const cases: { name: string; act: (c: SchedulerCache) => void; changed: string[]; order: string[] }[] = [
    {
      name: 'with nothing changed no node is copied again',
      act: () => undefined,
      changed: [],
      order: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'a pod added to one node copies only that node, which keeps its place',
      act: (c) => c.addPod(boundTo('c')),
      changed: ['c'],
      order: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'an updated node is copied again and keeps its place',
      act: (c) => c.updateNode(makeNode('b', { labels: { x: 'y' } })),
      changed: ['b'],
      order: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'an assumed pod copies its node',
      act: (c) => c.assumePod(boundTo('a'), 'a'),
      changed: ['a'],
      order: ['a', 'b', 'c', 'd'],
    },
    {
      name: 'a removed node leaves the list, the others keep their order',
      act: (c) => c.removeNode(makeNode('b')),
      changed: [],
      order: ['a', 'c', 'd'],
    },
    {
      name: 'a new node is appended',
      act: (c) => c.addNode(makeNode('e')),
      changed: ['e'],
      order: ['a', 'b', 'c', 'd', 'e'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { cache, snapshot } = setup();
      const before = new Map(snapshot.list().map((n) => [n.name, n]));
      c.act(cache);
      cache.updateSnapshot(snapshot);
      assert.deepEqual(names(snapshot), c.order);
      const copied = snapshot
        .list()
        .filter((n) => before.get(n.name) !== n)
        .map((n) => n.name);
      assert.deepEqual(copied, c.changed);
    });
  }

  test('the snapshot holds copies: later cache changes do not show until the next update', () => {
    const { cache, snapshot } = setup();
    cache.addPod(boundTo('a'));
    cache.updateSnapshot(snapshot);
    const copy = snapshot.get('a');
    cache.addPod(boundTo('a', makePod('q', { requests: { cpu: '1' } })));
    assert.equal(copy?.pods.length, 1);
    assert.equal(copy?.requested.milliCPU, 500);
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.get('a')?.pods.length, 2);
    assert.equal(snapshot.get('a')?.requested.milliCPU, 1500);
  });

  test('updating one node copies only that node even when nodes list images', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    const images = [{ names: ['img:1'], sizeBytes: 100 }];
    for (const n of ['a', 'b', 'c']) cache.addNode(makeNode(n, { images }));
    cache.updateSnapshot(snapshot);
    const before = new Map(snapshot.list().map((n) => [n.name, n]));
    cache.updateNode(makeNode('a', { images, labels: { x: 'y' } }));
    cache.updateSnapshot(snapshot);
    const copied = snapshot
      .list()
      .filter((n) => before.get(n.name) !== n)
      .map((n) => n.name);
    assert.deepEqual(copied, ['a']);
  });
});

describe('SchedulerCache affinity lists', () => {
  const cases: {
    name: string;
    act: (c: SchedulerCache) => void;
    affinity: string[];
    anti: string[];
  }[] = [
    { name: 'no pods with affinity: both lists are empty', act: () => undefined, affinity: [], anti: [] },
    {
      name: 'a pod with required affinity puts its node on the affinity list',
      act: (c) => c.addPod(boundTo('b', withAffinity)),
      affinity: ['b'],
      anti: [],
    },
    {
      name: 'a pod with required anti-affinity puts its node on both lists',
      act: (c) => c.addPod(boundTo('c', withAntiAffinity)),
      affinity: ['c'],
      anti: ['c'],
    },
    {
      name: 'an assumed pod with affinity counts too',
      act: (c) => c.assumePod(boundTo('a', withAffinity), 'a'),
      affinity: ['a'],
      anti: [],
    },
    {
      name: 'the lists follow when the affinity pod goes',
      act: (c) => {
        c.addPod(boundTo('b', withAffinity));
        c.addPod(boundTo('c', withAntiAffinity));
        c.removePod(boundTo('b', withAffinity));
      },
      affinity: ['c'],
      anti: ['c'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const cache = new SchedulerCache();
      const snapshot = new Snapshot();
      for (const n of ['a', 'b', 'c']) cache.addNode(makeNode(n));
      cache.updateSnapshot(snapshot);
      c.act(cache);
      cache.updateSnapshot(snapshot);
      assert.deepEqual(
        snapshot.havePodsWithAffinity().map((n) => n.name),
        c.affinity,
      );
      assert.deepEqual(
        snapshot.havePodsWithRequiredAntiAffinity().map((n) => n.name),
        c.anti,
      );
    });
  }

  test('the lists hold the current copies after an unrelated node changes', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    for (const n of ['a', 'b']) cache.addNode(makeNode(n));
    cache.addPod(boundTo('a', withAffinity));
    cache.updateSnapshot(snapshot);
    cache.addPod(boundTo('a', makePod('plain')));
    cache.updateSnapshot(snapshot);
    const listed = snapshot.havePodsWithAffinity();
    assert.equal(listed.length, 1);
    assert.equal(listed[0], snapshot.get('a'), 'the list holds the new copy, not the replaced one');
    cache.updateNode(makeNode('b', { labels: { x: 'y' } }));
    cache.updateSnapshot(snapshot);
    assert.deepEqual(
      snapshot.havePodsWithAffinity().map((n) => n.name),
      ['a'],
    );
  });
});

describe('SchedulerCache image states', () => {
  const img = (names: string[], sizeBytes: number): { names: string[]; sizeBytes: number } => ({ names, sizeBytes });

  test('each node lists its images with how many nodes have each', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    cache.addNode(makeNode('a', { images: [img(['web:1', 'web@sha256:1'], 300), img(['db:1'], 500)] }));
    cache.addNode(makeNode('b', { images: [img(['web:1'], 300)] }));
    cache.addNode(makeNode('c'));
    cache.updateSnapshot(snapshot);
    assert.deepEqual(Object.fromEntries(snapshot.get('a')?.imageStates ?? []), {
      'web:1': { size: 300, numNodes: 2 },
      'web@sha256:1': { size: 300, numNodes: 1 },
      'db:1': { size: 500, numNodes: 1 },
    });
    assert.deepEqual(Object.fromEntries(snapshot.get('b')?.imageStates ?? []), {
      'web:1': { size: 300, numNodes: 2 },
    });
    assert.equal(snapshot.get('c')?.imageStates.size, 0);
  });

  test('the counts follow when a node with the image goes', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    cache.addNode(makeNode('a', { images: [img(['web:1'], 300)] }));
    cache.addNode(makeNode('b', { images: [img(['web:1'], 300)] }));
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.get('a')?.imageStates.get('web:1')?.numNodes, 2);
    cache.removeNode(makeNode('b'));
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.get('a')?.imageStates.get('web:1')?.numNodes, 1);
  });

  test('the counts follow when a node pulls the image', () => {
    const cache = new SchedulerCache();
    const snapshot = new Snapshot();
    cache.addNode(makeNode('a', { images: [img(['web:1'], 300)] }));
    cache.addNode(makeNode('b'));
    cache.updateSnapshot(snapshot);
    cache.updateNode(makeNode('b', { images: [img(['web:1'], 300)] }));
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.get('a')?.imageStates.get('web:1')?.numNodes, 2);
    assert.equal(snapshot.get('b')?.imageStates.get('web:1')?.numNodes, 2);
  });
});
