import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../../framework/interfaces.js';
import { Code, Status } from '../../framework/status.js';
import { Snapshot } from '../../framework/snapshot.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { fits, NAME, newNodeResourcesFit, NodeResourcesFit, PRE_FILTER_STATE_KEY } from './node-resources-fit.js';
import type { PodResourceRequest } from './pod-resource-request.js';

type Requests = Record<string, string>;
const EXT_A = 'example.com/aaa';
const EXT_B = 'example.com/bbb';
const K8S_A = 'kubernetes.io/something';
const K8S_B = 'subdomain.kubernetes.io/something';
const HUGE_A = 'hugepages-2Mi';

let counter = 0;
interface PodShape {
  readonly init?: Requests[];
  readonly sidecars?: Requests[];
  readonly overhead?: Requests;
  readonly nodeName?: string;
}
/** A pod with one container per entry of `containers` (none: no containers at all). */
function pod(containers: Requests[], shape: PodShape = {}): Pod {
  const toContainer = (requests: Requests, i: number, prefix: string, sidecar = false) => ({
    name: `${prefix}${i}`,
    image: 'img',
    resources: { requests },
    ...(sidecar ? { restartPolicy: 'Always' } : {}),
  });
  const init = [
    ...(shape.sidecars ?? []).map((r, i) => toContainer(r, i, 's', true)),
    ...(shape.init ?? []).map((r, i) => toContainer(r, i, 'i')),
  ];
  return makePod(`p${counter++}`, {
    ...(shape.nodeName ? { nodeName: shape.nodeName } : {}),
    spec: {
      containers: containers.map((r, i) => toContainer(r, i, 'c')),
      ...(init.length > 0 ? { initContainers: init } : {}),
      ...(shape.overhead ? { overhead: shape.overhead } : {}),
    },
  });
}
/** Requests in upstream's test units: cpu in millicores, memory in bytes, plus scalar resources. */
const res = (cpu: number, memory: number, scalars: Record<string, number> = {}): Requests => ({
  cpu: `${cpu}m`,
  memory: String(memory),
  ...Object.fromEntries(Object.entries(scalars).map(([k, v]) => [k, String(v)])),
});

/** Upstream's test node: cpu 10m, memory 20, 32 pods, 5 example.com/aaa, ephemeral-storage 20, 5 hugepages-2Mi. */
const NODE = makeNode('n1', {
  allocatable: {
    cpu: '10m',
    memory: '20',
    pods: '32',
    [EXT_A]: '5',
    'ephemeral-storage': '20',
    [HUGE_A]: '5',
  },
});

function plugin(args?: unknown): NodeResourcesFit {
  return newNodeResourcesFit(args, makeHandle([])) as NodeResourcesFit;
}

/**
 * Filter's verdict, checked to be the one Filter gives from the node's row of a snapshot's totals as well (when
 * the row can tell: pods requesting scalar resources are answered from the NodeInfo).
 */
function runFilter(p: PreFilterPlugin & FilterPlugin, podToSchedule: Pod, existing: Pod[], node = NODE): Status {
  const state = new CycleState();
  const pre = p.preFilter(state, podToSchedule, []);
  assert.equal(pre.status, Status.SUCCESS);
  const info = makeNodeInfo(node, existing);
  const status = p.filter(state, podToSchedule, info);
  const fromTotals = p.filterTotals?.(state, new Snapshot([makeNodeInfo(makeNode('n0')), info]).totals(), 1);
  const scalars = (state.read<PodResourceRequest>(PRE_FILTER_STATE_KEY)?.scalarNames.length ?? 0) > 0;
  assert.equal(fromTotals, scalars ? undefined : status, 'the verdict from the totals');
  return status;
}

interface FilterCase {
  readonly name: string;
  readonly pod: Pod;
  readonly existing: Requests;
  readonly args?: unknown;
  /** Expected code and reasons; absent: the pod fits. */
  readonly want?: { code: Code; reasons: string[] };
}
const unschedulable = (...reasons: string[]) => ({ code: Code.Unschedulable, reasons });
const unresolvable = (...reasons: string[]) => ({ code: Code.UnschedulableAndUnresolvable, reasons });
const insufficient = (name: string) => `Insufficient ${name}`;

const filterCases: FilterCase[] = [
  { name: 'a pod requesting nothing always fits', pod: pod([]), existing: res(10, 20) },
  {
    name: 'a pod too big for what is left misses cpu and memory',
    pod: pod([res(1, 1)]),
    existing: res(10, 20),
    want: unschedulable('Insufficient cpu', 'Insufficient memory'),
  },
  {
    name: 'an init container asking more cpu than is left does not fit',
    pod: pod([res(1, 1)], { init: [res(3, 1)] }),
    existing: res(8, 19),
    want: unschedulable('Insufficient cpu'),
  },
  {
    name: 'the highest init container cpu request decides',
    pod: pod([res(1, 1)], { init: [res(3, 1), res(2, 1)] }),
    existing: res(8, 19),
    want: unschedulable('Insufficient cpu'),
  },
  {
    name: 'an init container asking more memory than is left does not fit',
    pod: pod([res(1, 1)], { init: [res(1, 3)] }),
    existing: res(9, 19),
    want: unschedulable('Insufficient memory'),
  },
  {
    name: 'the highest init container memory request decides',
    pod: pod([res(1, 1)], { init: [res(1, 3), res(1, 2)] }),
    existing: res(9, 19),
    want: unschedulable('Insufficient memory'),
  },
  {
    name: 'init containers count by their maximum, not added to the containers',
    pod: pod([res(1, 1)], { init: [res(1, 1)] }),
    existing: res(9, 19),
  },
  {
    name: 'several init containers count by their maximum, not their sum',
    pod: pod([res(1, 1)], { init: [res(1, 1), res(1, 1)] }),
    existing: res(9, 19),
  },
  { name: 'a pod fits when both resources have room', pod: pod([res(1, 1)]), existing: res(5, 5) },
  {
    name: 'memory fits but cpu does not',
    pod: pod([res(2, 1)]),
    existing: res(9, 5),
    want: unschedulable('Insufficient cpu'),
  },
  {
    name: 'cpu fits but memory does not',
    pod: pod([res(1, 2)]),
    existing: res(5, 19),
    want: unschedulable('Insufficient memory'),
  },
  { name: 'a request equal to what is left fits', pod: pod([res(5, 1)]), existing: res(5, 19) },
  {
    name: 'an init container request equal to what is left fits',
    pod: pod([res(4, 1)], { init: [res(5, 1)] }),
    existing: res(5, 19),
  },
  {
    name: 'sidecars add to the containers',
    pod: pod([res(3, 1)], { sidecars: [res(3, 1)] }),
    existing: res(5, 5),
    want: unschedulable('Insufficient cpu'),
  },
  { name: 'an extended resource fits', pod: pod([res(0, 0, { [EXT_A]: 1 })]), existing: res(0, 0) },
  {
    name: 'an extended resource fits for an init container',
    pod: pod([], { init: [res(0, 0, { [EXT_A]: 1 })] }),
    existing: res(0, 0),
  },
  {
    name: 'an extended resource request above the node capacity cannot be resolved',
    pod: pod([res(1, 1, { [EXT_A]: 10 })]),
    existing: res(0, 0, { [EXT_A]: 0 }),
    want: unresolvable(insufficient(EXT_A)),
  },
  {
    name: 'an init container extended resource request above the node capacity cannot be resolved',
    pod: pod([], { init: [res(1, 1, { [EXT_A]: 10 })] }),
    existing: res(0, 0, { [EXT_A]: 0 }),
    want: unresolvable(insufficient(EXT_A)),
  },
  {
    name: 'an extended resource already taken by other pods does not fit',
    pod: pod([res(1, 1, { [EXT_A]: 1 })]),
    existing: res(0, 0, { [EXT_A]: 5 }),
    want: unschedulable(insufficient(EXT_A)),
  },
  {
    name: 'an extended resource already taken does not fit an init container either',
    pod: pod([], { init: [res(1, 1, { [EXT_A]: 1 })] }),
    existing: res(0, 0, { [EXT_A]: 5 }),
    want: unschedulable(insufficient(EXT_A)),
  },
  {
    name: 'extended resources of several containers add up',
    pod: pod([res(1, 1, { [EXT_A]: 3 }), res(1, 1, { [EXT_A]: 3 })]),
    existing: res(0, 0, { [EXT_A]: 2 }),
    want: unresolvable(insufficient(EXT_A)),
  },
  {
    name: 'extended resources of several init containers count by their maximum',
    pod: pod([], { init: [res(1, 1, { [EXT_A]: 3 }), res(1, 1, { [EXT_A]: 3 })] }),
    existing: res(0, 0, { [EXT_A]: 2 }),
  },
  {
    name: 'an init container extended resource request above the node capacity among several cannot be resolved',
    pod: pod([], { init: [res(1, 1, { [EXT_A]: 6 }), res(1, 1, { [EXT_A]: 3 })] }),
    existing: res(0, 0, { [EXT_A]: 2 }),
    want: unresolvable(insufficient(EXT_A)),
  },
  {
    name: 'an extended resource the node does not have cannot be resolved',
    pod: pod([res(1, 1, { [EXT_B]: 1 })]),
    existing: res(0, 0),
    want: unresolvable(insufficient(EXT_B)),
  },
  {
    name: 'an extended resource the node does not have cannot be resolved for an init container',
    pod: pod([], { init: [res(1, 1, { [EXT_B]: 1 })] }),
    existing: res(0, 0),
    want: unresolvable(insufficient(EXT_B)),
  },
  {
    name: 'a kubernetes.io resource is checked',
    pod: pod([res(1, 1, { [K8S_A]: 10 })]),
    existing: res(0, 0),
    want: unresolvable(insufficient(K8S_A)),
  },
  {
    name: 'a subdomain.kubernetes.io resource is checked for an init container',
    pod: pod([], { init: [res(1, 1, { [K8S_B]: 10 })] }),
    existing: res(0, 0),
    want: unresolvable(insufficient(K8S_B)),
  },
  {
    name: 'hugepages above the node capacity cannot be resolved',
    pod: pod([res(1, 1, { [HUGE_A]: 10 })]),
    existing: res(0, 0, { [HUGE_A]: 0 }),
    want: unresolvable(insufficient(HUGE_A)),
  },
  {
    name: 'hugepages above the node capacity cannot be resolved for an init container',
    pod: pod([], { init: [res(1, 1, { [HUGE_A]: 10 })] }),
    existing: res(0, 0, { [HUGE_A]: 0 }),
    want: unresolvable(insufficient(HUGE_A)),
  },
  {
    name: 'hugepages of several containers add up',
    pod: pod([res(1, 1, { [HUGE_A]: 3 }), res(1, 1, { [HUGE_A]: 3 })]),
    existing: res(0, 0, { [HUGE_A]: 2 }),
    want: unresolvable(insufficient(HUGE_A)),
  },
  {
    name: 'an ignored extended resource is not checked',
    pod: pod([res(1, 1, { [EXT_B]: 1 })]),
    existing: res(0, 0),
    args: { ignoredResources: [EXT_B] },
  },
  {
    name: 'pod overhead is added to the requests',
    pod: pod([res(1, 1)], { overhead: { cpu: '3m', memory: '13' } }),
    existing: res(5, 5),
  },
  {
    name: 'requests plus pod overhead may not fit',
    pod: pod([res(1, 1)], { overhead: { cpu: '1m', memory: '15' } }),
    existing: res(5, 5),
    want: unschedulable('Insufficient memory'),
  },
  {
    name: 'an ignored resource group skips its extended resources but not kubernetes.io ones',
    pod: pod([res(1, 1, { [EXT_B]: 1, [K8S_A]: 1 })]),
    existing: res(0, 0),
    args: { ignoredResourceGroups: ['example.com'] },
    want: unresolvable(insufficient(K8S_A)),
  },
  {
    name: 'a zero extended resource request is not checked',
    pod: pod([res(1, 1, { [EXT_A]: 0 })]),
    existing: res(0, 0, { [EXT_A]: 6 }),
  },
  {
    name: 'a resource the pod does not request is not checked even when over-committed',
    pod: pod([{ [EXT_A]: '1' }]),
    existing: res(20, 30, { [EXT_A]: 1 }),
  },
  {
    name: 'an ephemeral-storage request above the node capacity cannot be resolved',
    pod: pod([{ 'ephemeral-storage': '25' }]),
    existing: res(2, 2),
    want: unresolvable('Insufficient ephemeral-storage'),
  },
  {
    name: 'ephemeral-storage within what is left fits',
    pod: pod([{ 'ephemeral-storage': '10' }]),
    existing: { ...res(2, 2), 'ephemeral-storage': '10' },
  },
  {
    name: 'ephemeral-storage already taken does not fit',
    pod: pod([{ 'ephemeral-storage': '11' }]),
    existing: { ...res(2, 2), 'ephemeral-storage': '10' },
    want: unschedulable('Insufficient ephemeral-storage'),
  },
  {
    name: 'every built-in misfit is listed in order, unresolvable when one exceeds the node',
    pod: pod([{ cpu: '11m', memory: '2', 'ephemeral-storage': '1' }]),
    existing: { ...res(1, 19), 'ephemeral-storage': '20' },
    want: unresolvable('Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage'),
  },
];

describe('NodeResourcesFit Filter', () => {
  for (const c of filterCases) {
    test(c.name, () => {
      const status = runFilter(plugin(c.args), c.pod, [pod([c.existing], { nodeName: 'n1' })]);
      if (c.want === undefined) {
        assert.equal(status, Status.SUCCESS, status.message());
      } else {
        assert.equal(status.code, c.want.code);
        assert.deepEqual(status.reasons, c.want.reasons);
      }
    });
  }

  const fullNode = makeNode('n1', { allocatable: { cpu: '10m', memory: '20', pods: '1' } });
  const tooManyPods: { name: string; pod: Pod; existing: Requests }[] = [
    { name: 'a pod requesting nothing does not fit on a node without pod room', pod: pod([]), existing: res(10, 20) },
    { name: 'a pod whose resources fit does not fit without pod room', pod: pod([res(1, 1)]), existing: res(5, 5) },
    { name: 'an exact fit does not fit without pod room', pod: pod([res(5, 1)]), existing: res(5, 19) },
    {
      name: 'an exact fit of an init container does not fit without pod room',
      pod: pod([res(5, 1)], { init: [res(5, 1)] }),
      existing: res(5, 19),
    },
  ];
  for (const c of tooManyPods) {
    test(c.name, () => {
      const status = runFilter(plugin(), c.pod, [pod([c.existing], { nodeName: 'n1' })], fullNode);
      assert.equal(status.code, Code.Unschedulable);
      assert.deepEqual(status.reasons, ['Too many pods']);
    });
  }

  test('Filter without PreFilter is an error', () => {
    const status = plugin().filter(new CycleState(), pod([]), makeNodeInfo(NODE));
    assert.equal(status.code, Code.Error);
    assert.equal(status.message(), 'error reading "PreFilterNodeResourcesFit" from cycleState: not found');
  });

  test('rejections made of built-in reasons only are shared between nodes', () => {
    const p = plugin();
    const state = new CycleState();
    const big = pod([res(1, 1)]);
    p.preFilter(state, big, []);
    const first = p.filter(state, big, makeNodeInfo(NODE, [pod([res(10, 20)], { nodeName: 'n1' })]));
    const second = p.filter(state, big, makeNodeInfo(NODE, [pod([res(10, 20)], { nodeName: 'n1' })]));
    assert.equal(first, second);
    assert.deepEqual(first.reasons, ['Insufficient cpu', 'Insufficient memory']);
  });

  test('the plugin is named NodeResourcesFit and has no PreFilter extensions', () => {
    const p = plugin();
    assert.equal(p.name, NAME);
    assert.equal(NAME, 'NodeResourcesFit');
    assert.equal((p as PreFilterPlugin).preFilterExtensions, undefined);
  });
});

describe('fits', () => {
  const cases = [
    {
      name: 'reports amounts for each insufficient resource',
      pod: pod([res(1, 1)]),
      existing: res(10, 20),
      want: [
        { resourceName: 'cpu', reason: 'Insufficient cpu', requested: 1, used: 10, capacity: 10, unresolvable: false },
        {
          resourceName: 'memory',
          reason: 'Insufficient memory',
          requested: 1,
          used: 20,
          capacity: 20,
          unresolvable: false,
        },
      ],
    },
    {
      name: 'marks a request above the node capacity unresolvable',
      pod: pod([res(1, 1, { [EXT_A]: 6 }), res(1, 1, { [EXT_A]: 0 })]),
      existing: res(0, 0, { [EXT_A]: 2 }),
      want: [
        {
          resourceName: EXT_A,
          reason: insufficient(EXT_A),
          requested: 6,
          used: 2,
          capacity: 5,
          unresolvable: true,
        },
      ],
    },
    { name: 'is empty when the pod fits', pod: pod([res(1, 1)]), existing: res(5, 5), want: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(fits(c.pod, makeNodeInfo(NODE, [pod([c.existing], { nodeName: 'n1' })])), c.want);
    });
  }
});
