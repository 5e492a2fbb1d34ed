import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { ERR_REASON_UNSCHEDULABLE, NAME, newNodeUnschedulable, type NodeUnschedulable } from './node-unschedulable.js';

const plugin = (): NodeUnschedulable => newNodeUnschedulable(undefined, makeHandle([])) as NodeUnschedulable;
const tolerating = makePod('p', {
  spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
});
const cordoned = makeNode('n', { unschedulable: true });
const open = makeNode('n');

describe('NodeUnschedulable Filter', () => {
  const cases: { name: string; pod: Pod; node: Node; want: Status }[] = [
    {
      name: 'a pod does not go to an unschedulable node',
      pod: makePod('p'),
      node: cordoned,
      want: Status.unresolvable(ERR_REASON_UNSCHEDULABLE),
    },
    { name: 'a pod goes to a schedulable node', pod: makePod('p'), node: open, want: Status.SUCCESS },
    {
      name: 'a pod that tolerates the unschedulable taint goes to an unschedulable node',
      pod: tolerating,
      node: cordoned,
      want: Status.SUCCESS,
    },
    {
      name: 'a toleration of every NoSchedule taint (Exists, no key) also lets the pod in',
      pod: makePod('p', { spec: { tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] } }),
      node: cordoned,
      want: Status.SUCCESS,
    },
    {
      name: 'a toleration of the taint with another effect does not',
      pod: makePod('p', {
        spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoExecute' }] },
      }),
      node: cordoned,
      want: Status.unresolvable('node(s) were unschedulable'),
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(plugin().filter(new CycleState(), c.pod, makeNodeInfo(c.node)), c.want));
  }

  test('PreFilter skips Filter while no node is cordoned, and lets it run once one is', () => {
    const of = (...nodes: Node[]): NodeUnschedulable =>
      newNodeUnschedulable(undefined, makeHandle(nodes.map((n) => makeNodeInfo(n)))) as NodeUnschedulable;
    assert.deepEqual(of(open, makeNode('m')).preFilter().status, Status.SKIP);
    assert.deepEqual(of(open, cordoned).preFilter().status, Status.SUCCESS);
  });
});

describe('NodeUnschedulable events', () => {
  const events = plugin().eventsToRegister();
  const nodeEvent = events.find((e) => e.resource === EventResource.Node);
  const podEvent = events.find((e) => e.resource === EventResource.Pod);

  test('it registers Node Add/UpdateNodeTaint and Pod updates, with hints', () => {
    assert.equal(plugin().name, NAME);
    assert.equal(nodeEvent?.actions, ActionType.Add | ActionType.UpdateNodeTaint);
    assert.equal(podEvent?.actions, ActionType.Update);
  });

  const nodeCases: { name: string; oldObj?: unknown; newObj: unknown; want: QueueingHint }[] = [
    { name: 'a new object that is not a node is retried', newObj: 'not-a-node', want: QueueingHint.Queue },
    {
      name: 'an old object that is not a node is retried',
      oldObj: 'not-a-node',
      newObj: cordoned,
      want: QueueingHint.Queue,
    },
    { name: 'an unschedulable node added is skipped', newObj: cordoned, want: QueueingHint.Skip },
    { name: 'a schedulable node added queues the pod', newObj: open, want: QueueingHint.Queue },
    {
      name: 'an unrelated change of a node that stays unschedulable is skipped',
      oldObj: cordoned,
      newObj: makeNode('n', {
        unschedulable: true,
        taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }],
      }),
      want: QueueingHint.Skip,
    },
    { name: 'a node uncordoned queues the pod', oldObj: cordoned, newObj: open, want: QueueingHint.Queue },
  ];
  for (const c of nodeCases) {
    test(c.name, () => assert.equal(nodeEvent?.hint?.(makePod('p'), c.oldObj, c.newObj), c.want));
  }

  const podCases: { name: string; newObj: unknown; want: QueueingHint }[] = [
    { name: 'an update of an object that is not a pod is retried', newObj: 'not-a-pod', want: QueueingHint.Queue },
    {
      name: 'the toleration added to another pod is skipped',
      newObj: makePod('other', { spec: tolerating.spec }),
      want: QueueingHint.Skip,
    },
    {
      name: 'an unrelated toleration added to the pod is skipped',
      newObj: makePod('p', { spec: { tolerations: [{ key: 'x', operator: 'Exists' }] } }),
      want: QueueingHint.Skip,
    },
    { name: 'the toleration added to the pod queues it', newObj: tolerating, want: QueueingHint.Queue },
  ];
  for (const c of podCases) {
    test(c.name, () => assert.equal(podEvent?.hint?.(makePod('p'), makePod('p'), c.newObj), c.want));
  }
});
