import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import { barSelector, fooSelector, handleWith, node, pod, spread, unschedulableTaint } from './test-fixtures.js';

const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith([]));
const [podEvent, nodeEvent] = plugin.eventsToRegister();
const Q = QueueingHint.Queue;
const S = QueueingHint.Skip;

describe('PodTopologySpread events', () => {
  test('are pod add, label update and delete, and node add, delete, label and taint updates', () => {
    assert.equal(podEvent?.resource, EventResource.Pod);
    assert.equal(podEvent?.actions, ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete);
    assert.equal(nodeEvent?.resource, EventResource.Node);
    assert.equal(
      nodeEvent?.actions,
      ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
    );
  });
});

describe('PodTopologySpread hint for node changes', () => {
  const byZone = pod('p', { constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)] });
  const byZoneAndNode = pod('p', {
    constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', fooSelector)],
  });
  const cases: { name: string; pod: Pod; oldNode?: Node; newNode?: Node; want: QueueingHint }[] = [
    {
      name: 'a changed topology value queues',
      pod: byZone,
      oldNode: node('node-a', { zone: 'zone1' }),
      newNode: node('node-a', { zone: 'zone2' }),
      want: Q,
    },
    {
      name: 'an unrelated label change on a node without the topology key skips',
      pod: byZone,
      oldNode: node('node-a', { foo: 'bar1' }),
      newNode: node('node-a', { foo: 'bar2' }),
      want: S,
    },
    {
      name: 'removing an unrelated label from a matching node skips',
      pod: byZoneAndNode,
      oldNode: node('node-a', { zone: 'zone1', node: 'node1', foo: 'bar' }),
      newNode: node('node-a', { zone: 'zone1', node: 'node1' }),
      want: S,
    },
    {
      name: 'a new taint on a matching node queues',
      pod: byZone,
      oldNode: node('node-a', { zone: 'zone1' }),
      newNode: node('node-a', { zone: 'zone1' }, [unschedulableTaint]),
      want: Q,
    },
    {
      name: 'a new node without the topology key skips',
      pod: byZone,
      newNode: node('node-a', { foo: 'bar' }),
      want: S,
    },
    {
      name: 'a new node with the topology key queues',
      pod: byZone,
      newNode: node('node-a', { zone: 'zone1' }),
      want: Q,
    },
    {
      name: 'a deleted node without the topology key skips',
      pod: byZone,
      oldNode: node('node-a', { foo: 'bar' }),
      want: S,
    },
    {
      name: 'a deleted node with the topology key queues',
      pod: byZone,
      oldNode: node('node-a', { zone: 'zone1' }),
      want: Q,
    },
    {
      name: 'a new node with only one of the topology keys skips',
      pod: byZoneAndNode,
      newNode: node('node-a', { zone: 'zone1' }),
      want: S,
    },
    {
      name: 'a new node with all topology keys queues',
      pod: byZoneAndNode,
      newNode: node('node-a', { zone: 'zone1', node: 'node1' }),
      want: Q,
    },
    {
      name: 'an update of a node holding only one of the topology keys skips',
      pod: byZoneAndNode,
      oldNode: node('node-a', { zone: 'zone1' }),
      newNode: node('node-a', { zone: 'zone1' }),
      want: S,
    },
    {
      name: 'a changed topology value on a node holding all keys queues',
      pod: byZoneAndNode,
      oldNode: node('node-a', { zone: 'zone1', node: 'node1' }),
      newNode: node('node-a', { zone: 'zone1', node: 'node2' }),
      want: Q,
    },
    {
      name: 'a taint change on a node holding only one of the topology keys skips',
      pod: byZoneAndNode,
      oldNode: node('node-a', { node: 'node1' }, [{ key: 'aaa', value: 'bbb', effect: 'NoSchedule' }]),
      newNode: node('node-a', { node: 'node1' }, [{ key: 'ccc', value: 'bbb', effect: 'NoSchedule' }]),
      want: S,
    },
    {
      name: 'a taint change on a node holding all topology keys queues',
      pod: byZoneAndNode,
      oldNode: node('node-a', { zone: 'zone1', node: 'node1' }, [{ key: 'aaa', value: 'bbb', effect: 'NoSchedule' }]),
      newNode: node('node-a', { zone: 'zone1', node: 'node1' }, [{ key: 'ccc', value: 'bbb', effect: 'NoSchedule' }]),
      want: Q,
    },
    {
      name: 'a node gaining the last topology key queues',
      pod: byZoneAndNode,
      oldNode: node('node-a', { zone: 'zone1' }),
      newNode: node('node-a', { zone: 'zone1', node: 'node1' }),
      want: Q,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(nodeEvent?.hint?.(c.pod, c.oldNode, c.newNode), c.want));
  }
});

describe('PodTopologySpread hint for pod changes', () => {
  const byZone = pod('p', { labels: { foo: '' }, constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector)] });
  const zoneAndNode = pod('p', {
    labels: { foo: '' },
    constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector), spread(1, 'node', 'DoNotSchedule', barSelector)],
  });
  const assigned = (labels: Record<string, string>, namespace = 'default') =>
    pod('other', { node: 'fake-node', labels, namespace });
  const unassigned = (labels: Record<string, string>) => pod('other', { labels });
  const cases: { name: string; pod: Pod; oldPod?: Pod; newPod?: Pod; want: QueueingHint }[] = [
    { name: 'an assigned matching pod added queues', pod: byZone, newPod: assigned({ foo: '' }), want: Q },
    { name: 'an unscheduled pod added skips', pod: byZone, newPod: unassigned({ foo: '' }), want: S },
    {
      name: 'an unscheduled pod updated skips',
      pod: byZone,
      oldPod: unassigned({ bar: '' }),
      newPod: unassigned({ foo: '' }),
      want: S,
    },
    { name: 'an unscheduled pod deleted skips', pod: byZone, oldPod: unassigned({ foo: '' }), want: S },
    { name: 'a pod of another namespace added skips', pod: byZone, newPod: assigned({ foo: '' }, 'other-ns'), want: S },
    { name: 'an assigned non-matching pod added skips', pod: byZone, newPod: assigned({ bar: '' }), want: S },
    { name: 'an assigned matching pod deleted queues', pod: byZone, oldPod: assigned({ foo: '' }), want: Q },
    { name: 'an assigned non-matching pod deleted skips', pod: byZone, oldPod: assigned({ bar: '' }), want: S },
    {
      name: 'an unrelated label update skips',
      pod: byZone,
      oldPod: assigned({ foo: '', bar: 'bar1' }),
      newPod: assigned({ foo: '', bar: 'bar2' }),
      want: S,
    },
    {
      name: 'gaining a matching label queues',
      pod: byZone,
      oldPod: assigned({}),
      newPod: assigned({ foo: '' }),
      want: Q,
    },
    {
      name: 'losing a matching label queues',
      pod: byZone,
      oldPod: assigned({ foo: '' }),
      newPod: assigned({}),
      want: Q,
    },
    {
      name: 'changing the value of a label matched by existence skips',
      pod: byZone,
      oldPod: assigned({ foo: 'foo1' }),
      newPod: assigned({ foo: 'foo2' }),
      want: S,
    },
    {
      name: 'gaining a label of the second constraint queues',
      pod: zoneAndNode,
      oldPod: assigned({ foo: '' }),
      newPod: assigned({ foo: '', bar: 'bar2' }),
      want: Q,
    },
    {
      name: 'gaining a label no constraint selects skips',
      pod: zoneAndNode,
      oldPod: assigned({ foo: '' }),
      newPod: assigned({ foo: '', baz: '' }),
      want: S,
    },
    {
      name: 'changing a value both before and after matching skips',
      pod: zoneAndNode,
      oldPod: assigned({ foo: '', bar: '' }),
      newPod: assigned({ foo: '', bar: 'bar2' }),
      want: S,
    },
    {
      name: 'the rejected pod gaining a toleration queues when a constraint honours taints',
      pod: pod('p', {
        labels: { foo: '' },
        constraints: [spread(1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' })],
      }),
      oldPod: pod('p', { labels: { foo: '' } }),
      newPod: pod('p', { labels: { foo: '' }, tolerations: [{ key: 'k', operator: 'Exists' }] }),
      want: Q,
    },
    {
      name: 'the rejected pod gaining a label its own constraint selects queues',
      pod: zoneAndNode,
      oldPod: pod('p'),
      newPod: pod('p', { labels: { foo: '' } }),
      want: Q,
    },
    {
      name: 'the rejected pod gaining an unrelated label skips',
      pod: zoneAndNode,
      oldPod: pod('p'),
      newPod: pod('p', { labels: { unrelated: '' } }),
      want: S,
    },
    {
      name: 'the rejected pod gaining a toleration skips when no constraint honours taints',
      pod: byZone,
      oldPod: pod('p', { labels: { foo: '' } }),
      newPod: pod('p', { labels: { foo: '' }, tolerations: [{ key: 'k', operator: 'Exists' }] }),
      want: S,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(podEvent?.hint?.(c.pod, c.oldPod, c.newPod), c.want));
  }
});
