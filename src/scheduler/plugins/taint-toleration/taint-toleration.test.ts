import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, Taint } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { Toleration } from '../../../api/core/v1/scheduling.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interfaces.js';
import { Code, Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { NAME, newTaintToleration, type TaintToleration } from './taint-toleration.js';

const plugin = (): TaintToleration => newTaintToleration(undefined, makeHandle([])) as TaintToleration;
const podWith = (tolerations: Toleration[]): Pod => makePod('pod1', { spec: { tolerations } });
const nodeWith = (name: string, taints: Taint[]): Node => makeNode(name, { taints });

describe('TaintToleration Filter', () => {
  const untolerated = (reason: string): Status => Status.unresolvable(reason);
  const cases: { name: string; pod: Pod; node: Node; want?: Status }[] = [
    {
      name: "a pod having no tolerations can't be scheduled onto a node with nonempty taints",
      pod: podWith([]),
      node: nodeWith('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: untolerated('node(s) had untolerated taint {dedicated: user1}'),
    },
    {
      name: 'a pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      pod: podWith([{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      node: nodeWith('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
    },
    {
      name: "a pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      pod: podWith([{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWith('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }]),
      want: untolerated('node(s) had untolerated taint {dedicated: user1}'),
    },
    {
      name: 'a pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      pod: podWith([{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }]),
      node: nodeWith('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
    },
    {
      name: 'a pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      pod: podWith([
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ]),
      node: nodeWith('nodeA', [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ]),
    },
    {
      name: "a pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      node: nodeWith('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
      want: untolerated('node(s) had untolerated taint {foo: bar}'),
    },
    {
      name: 'the pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar' }]),
      node: nodeWith('nodeA', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }]),
    },
    {
      name: "the pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      pod: podWith([{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]),
      node: nodeWith('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
    },
    {
      name: 'the pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      pod: podWith([]),
      node: nodeWith('nodeA', [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }]),
    },
    {
      name: 'a NoExecute taint keeps out a pod that does not tolerate it, and a taint without value prints empty',
      pod: podWith([]),
      node: nodeWith('nodeA', [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]),
      want: untolerated('node(s) had untolerated taint {node.kubernetes.io/not-ready: }'),
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const got = plugin().filter(new CycleState(), c.pod, makeNodeInfo(c.node));
      assert.deepEqual(got, c.want ?? Status.SUCCESS);
    });
  }
});

describe('TaintToleration Score', () => {
  const cases: { name: string; pod: Pod; nodes: Node[]; want: NodeScore[] }[] = [
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWith('nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]),
        nodeWith('nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]),
      ],
      want: [
        { name: 'nodeA', score: 100 },
        { name: 'nodeB', score: 0 },
      ],
    },
    {
      name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
      pod: podWith([
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ]),
      nodes: [
        nodeWith('nodeA', []),
        nodeWith('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWith('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: [
        { name: 'nodeA', score: 100 },
        { name: 'nodeB', score: 100 },
        { name: 'nodeC', score: 100 },
      ],
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets',
      pod: podWith([{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWith('nodeA', []),
        nodeWith('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWith('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: [
        { name: 'nodeA', score: 100 },
        { name: 'nodeB', score: 50 },
        { name: 'nodeC', score: 0 },
      ],
    },
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by the score',
      pod: podWith([
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ]),
      nodes: [
        nodeWith('nodeA', []),
        nodeWith('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
        nodeWith('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      want: [
        { name: 'nodeA', score: 100 },
        { name: 'nodeB', score: 100 },
        { name: 'nodeC', score: 0 },
      ],
    },
    {
      name: 'default behaviour: no taints and tolerations, lands on node with no taints',
      pod: podWith([]),
      nodes: [
        nodeWith('nodeA', []),
        nodeWith('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
      ],
      want: [
        { name: 'nodeA', score: 100 },
        { name: 'nodeB', score: 0 },
      ],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const infos = c.nodes.map((n) => makeNodeInfo(n));
      const p = newTaintToleration(undefined, makeHandle(infos)) as TaintToleration;
      const state = new CycleState();
      assert.deepEqual(p.preScore(state, c.pod), Status.SUCCESS);
      const scores: NodeScore[] = infos.map((info) => {
        const score = p.score(state, c.pod, info);
        assert.equal(typeof score, 'number');
        return { name: info.name, score: score as number };
      });
      assert.deepEqual(p.normalizeScore(state, c.pod, scores), Status.SUCCESS);
      assert.deepEqual(scores, c.want);
    });
  }

  test('with no taint on any node, PreFilter and PreScore skip (every node would pass, and score the same 100)', () => {
    const infos = [makeNodeInfo(nodeWith('nodeA', [])), makeNodeInfo(nodeWith('nodeB', []))];
    const p = newTaintToleration(undefined, makeHandle(infos)) as TaintToleration;
    assert.deepEqual(p.preFilter().status, Status.SKIP);
    assert.deepEqual(p.preScore(new CycleState(), podWith([])), Status.SKIP);
    const tainted = [...infos, makeNodeInfo(nodeWith('nodeC', [{ key: 'k', value: 'v', effect: 'NoExecute' }]))];
    const q = newTaintToleration(undefined, makeHandle(tainted)) as TaintToleration;
    assert.deepEqual(q.preFilter().status, Status.SUCCESS);
    assert.deepEqual(q.preScore(new CycleState(), podWith([])), Status.SUCCESS);
  });

  test('Score without PreScore is an error naming the missing state', () => {
    const got = plugin().score(new CycleState(), podWith([]), makeNodeInfo(nodeWith('nodeA', [])));
    assert.ok(got instanceof Status);
    assert.equal(got.code, Code.Error);
    assert.equal(got.message(), 'failed to read "PreScoreTaintToleration" from cycleState: not found');
  });
});

describe('TaintToleration events', () => {
  const events = plugin().eventsToRegister();
  const nodeEvent = events.find((e) => e.resource === EventResource.Node);
  const podEvent = events.find((e) => e.resource === EventResource.Pod);

  test('it registers Node Add/UpdateNodeTaint and Pod updates, with hints', () => {
    assert.equal(plugin().name, NAME);
    assert.equal(nodeEvent?.actions, ActionType.Add | ActionType.UpdateNodeTaint);
    assert.equal(podEvent?.actions, ActionType.Update);
  });

  const pod = podWith([{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }]);
  const tainted = (value: string, ...more: string[]): Node =>
    nodeWith(
      'nodeA',
      [value, ...more].map((v) => ({ key: 'dedicated', value: v, effect: 'NoSchedule' })),
    );
  const nodeCases: { name: string; oldObj?: unknown; newObj: unknown; want: QueueingHint }[] = [
    { name: 'a new object that is not a node is retried', newObj: 'not-a-node', want: QueueingHint.Queue },
    {
      name: 'an old object that is not a node is retried',
      oldObj: 'not-a-node',
      newObj: tainted('user1'),
      want: QueueingHint.Queue,
    },
    { name: 'an added node with an untolerated taint is skipped', newObj: tainted('user1'), want: QueueingHint.Skip },
    {
      name: 'an added node whose taint is tolerated queues the pod',
      newObj: tainted('user2'),
      want: QueueingHint.Queue,
    },
    {
      name: 'an update that keeps an untolerated taint is skipped',
      oldObj: tainted('user1'),
      newObj: tainted('user1', 'user3'),
      want: QueueingHint.Skip,
    },
    {
      name: 'an update that leaves only tolerated taints queues the pod',
      oldObj: tainted('user1'),
      newObj: tainted('user2'),
      want: QueueingHint.Queue,
    },
  ];
  for (const c of nodeCases) {
    test(c.name, () => assert.equal(nodeEvent?.hint?.(pod, c.oldObj, c.newObj), c.want));
  }

  const podCases: { name: string; newObj: unknown; want: QueueingHint }[] = [
    { name: 'an update of an object that is not a pod is retried', newObj: 'not-a-pod', want: QueueingHint.Queue },
    { name: 'an update of another pod is skipped', newObj: makePod('other'), want: QueueingHint.Skip },
    {
      name: 'an update of the pod itself queues it',
      newObj: podWith([{ operator: 'Exists' }]),
      want: QueueingHint.Queue,
    },
  ];
  for (const c of podCases) {
    test(c.name, () => assert.equal(podEvent?.hint?.(pod, pod, c.newObj), c.want));
  }
});
