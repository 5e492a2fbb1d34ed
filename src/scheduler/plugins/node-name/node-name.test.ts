import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, EventResource } from '../../framework/cluster-event.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { ERR_REASON, NAME, newNodeName, type NodeName } from './node-name.js';

const plugin = (): NodeName => newNodeName(undefined, makeHandle([])) as NodeName;

describe('NodeName Filter', () => {
  const cases: { name: string; pod: Pod; node: string; want: Status }[] = [
    { name: 'a pod that names no node fits any node', pod: makePod('p'), node: 'foo', want: Status.SUCCESS },
    { name: 'a pod fits the node it names', pod: makePod('p', { nodeName: 'foo' }), node: 'foo', want: Status.SUCCESS },
    {
      name: 'a pod does not fit another node than the one it names',
      pod: makePod('p', { nodeName: 'bar' }),
      node: 'foo',
      want: Status.unresolvable("node(s) didn't match the requested node name"),
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      assert.deepEqual(plugin().filter(new CycleState(), c.pod, makeNodeInfo(makeNode(c.node))), c.want),
    );
  }

  test('the reason is upstream’s', () => assert.equal(ERR_REASON, "node(s) didn't match the requested node name"));
});

describe('NodeName events', () => {
  test('only a node added can help, without a hint', () => {
    const p = plugin();
    assert.equal(p.name, NAME);
    assert.deepEqual(p.eventsToRegister(), [{ resource: EventResource.Node, actions: ActionType.Add }]);
  });
});
