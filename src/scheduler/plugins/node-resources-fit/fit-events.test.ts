import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { makeHandle, makeNode, makePod } from '../../testing/builders.js';
import { isSchedulableAfterNodeChange, isSchedulableAfterPodEvent } from './fit-events.js';
import { newNodeResourcesFit, type NodeResourcesFit } from './node-resources-fit.js';

const target = makePod('target', { requests: { cpu: '2', memory: '1Gi' } });
const withRequests = (name: string, requests: Record<string, string>, extra: Partial<Pod> = {}): Pod => ({
  ...makePod(name, { requests, nodeName: 'n1' }),
  ...extra,
});
const node = (allocatable: Record<string, string>, labels: Record<string, string> = {}): Node =>
  makeNode('n1', { allocatable, labels });

describe('NodeResourcesFit events', () => {
  test('it registers pod deletion and scale-down, and node addition and allocatable changes', () => {
    const p = newNodeResourcesFit(undefined, makeHandle([])) as NodeResourcesFit;
    assert.deepEqual(
      p.eventsToRegister().map((e) => ({ resource: e.resource, actions: e.actions, hinted: e.hint !== undefined })),
      [
        { resource: EventResource.Pod, actions: ActionType.Delete | ActionType.UpdatePodScaleDown, hinted: true },
        { resource: EventResource.Node, actions: ActionType.Add | ActionType.UpdateNodeAllocatable, hinted: true },
      ],
    );
  });

  const podEvents: { name: string; oldObj?: Pod; newObj?: Pod; want: QueueingHint }[] = [
    {
      name: 'deleting a pod that was never placed cannot help',
      oldObj: makePod('other', { requests: { cpu: '1' } }),
      want: QueueingHint.Skip,
    },
    { name: 'deleting a bound pod may help', oldObj: withRequests('other', { cpu: '1' }), want: QueueingHint.Queue },
    {
      name: 'deleting a nominated pod may help',
      oldObj: { ...makePod('other', { requests: { cpu: '1' } }), status: { nominatedNodeName: 'n1' } },
      want: QueueingHint.Queue,
    },
    {
      name: 'scaling down a resource the pod requests may help',
      oldObj: withRequests('other', { cpu: '2' }),
      newObj: withRequests('other', { cpu: '1' }),
      want: QueueingHint.Queue,
    },
    {
      name: 'scaling down a resource the pod does not request cannot help',
      oldObj: withRequests('other', { cpu: '1', 'example.com/gpu': '2' }),
      newObj: withRequests('other', { cpu: '1', 'example.com/gpu': '1' }),
      want: QueueingHint.Skip,
    },
    {
      name: 'scaling down a pod that is not bound cannot help',
      oldObj: makePod('other', { requests: { cpu: '2' } }),
      newObj: makePod('other', { requests: { cpu: '1' } }),
      want: QueueingHint.Skip,
    },
    {
      name: 'scaling down the pod itself may help',
      oldObj: makePod('target', { requests: { cpu: '3' } }),
      newObj: target,
      want: QueueingHint.Queue,
    },
  ];
  for (const c of podEvents) {
    test(c.name, () => assert.equal(isSchedulableAfterPodEvent(target, c.oldObj, c.newObj), c.want));
  }

  const roomy = { cpu: '4', memory: '8Gi', pods: '110' };
  const nodeEvents: { name: string; oldObj?: Node; newObj: Node; want: QueueingHint }[] = [
    { name: 'a new node with room may help', newObj: node(roomy), want: QueueingHint.Queue },
    { name: 'a new node too small cannot help', newObj: node({ ...roomy, cpu: '1' }), want: QueueingHint.Skip },
    { name: 'a new node without pod room cannot help', newObj: node({ ...roomy, pods: '0' }), want: QueueingHint.Skip },
    {
      name: 'a node that grew in a resource the pod requests may help',
      oldObj: node({ ...roomy, cpu: '1' }),
      newObj: node(roomy),
      want: QueueingHint.Queue,
    },
    {
      name: 'a node that grew in pod room may help',
      oldObj: node({ ...roomy, pods: '10' }),
      newObj: node(roomy),
      want: QueueingHint.Queue,
    },
    {
      name: 'a node that only changed labels cannot help',
      oldObj: node(roomy),
      newObj: node(roomy, { zone: 'a' }),
      want: QueueingHint.Skip,
    },
    {
      name: 'a node that grew but is still too small cannot help',
      oldObj: node({ ...roomy, cpu: '500m' }),
      newObj: node({ ...roomy, cpu: '1' }),
      want: QueueingHint.Skip,
    },
  ];
  for (const c of nodeEvents) {
    test(c.name, () => assert.equal(isSchedulableAfterNodeChange(target, c.oldObj, c.newObj), c.want));
  }
});
