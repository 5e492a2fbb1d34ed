import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContainerPort } from '../../../api/core/v1/container.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodSpec } from '../../../api/core/v1/pod-spec.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code, Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { ERR_REASON, NAME, newNodePorts, type NodePorts } from './node-ports.js';

const plugin = (): NodePorts => newNodePorts(undefined, makeHandle([])) as NodePorts;

/** A pod on `host` with one container per call argument `protocol/ip/port`. */
function podWithPorts(host: string, ...specs: string[]): Pod {
  const ports: ContainerPort[] = specs.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { containerPort: Number(port), hostPort: Number(port), protocol, hostIP } as ContainerPort;
  });
  return makePod(`p-${specs.join('-')}`, {
    nodeName: host,
    spec: { containers: [{ name: 'c', image: 'img', ports }] } as Partial<PodSpec>,
  });
}

describe('NodePorts PreFilter and Filter', () => {
  const conflict = Status.unschedulable(ERR_REASON);
  const cases: { name: string; pod: Pod; existing: Pod[]; want: Status }[] = [
    {
      name: 'other port',
      pod: podWithPorts('m1', 'UDP/127.0.0.1/8080'),
      existing: [podWithPorts('m1', 'UDP/127.0.0.1/9090')],
      want: Status.SUCCESS,
    },
    {
      name: 'same udp port',
      pod: podWithPorts('m1', 'UDP/127.0.0.1/8080'),
      existing: [podWithPorts('m1', 'UDP/127.0.0.1/8080')],
      want: conflict,
    },
    {
      name: 'same tcp port',
      pod: podWithPorts('m1', 'TCP/127.0.0.1/8080'),
      existing: [podWithPorts('m1', 'TCP/127.0.0.1/8080')],
      want: conflict,
    },
    {
      name: 'different host ip',
      pod: podWithPorts('m1', 'TCP/127.0.0.1/8080'),
      existing: [podWithPorts('m1', 'TCP/127.0.0.2/8080')],
      want: Status.SUCCESS,
    },
    {
      name: 'different protocol',
      pod: podWithPorts('m1', 'UDP/127.0.0.1/8080'),
      existing: [podWithPorts('m1', 'TCP/127.0.0.1/8080')],
      want: Status.SUCCESS,
    },
    {
      name: 'second udp port conflict',
      pod: podWithPorts('m1', 'UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'),
      existing: [podWithPorts('m1', 'UDP/127.0.0.1/8080')],
      want: conflict,
    },
    {
      name: 'first tcp port conflict',
      pod: podWithPorts('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'),
      existing: [podWithPorts('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081')],
      want: conflict,
    },
    {
      name: 'first tcp port conflict due to 0.0.0.0 hostIP',
      pod: podWithPorts('m1', 'TCP/0.0.0.0/8001'),
      existing: [podWithPorts('m1', 'TCP/127.0.0.1/8001')],
      want: conflict,
    },
    {
      name: 'TCP hostPort conflict due to 0.0.0.0 hostIP',
      pod: podWithPorts('m1', 'TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'),
      existing: [podWithPorts('m1', 'TCP/127.0.0.1/8001')],
      want: conflict,
    },
    {
      name: 'second tcp port conflict to 0.0.0.0 hostIP',
      pod: podWithPorts('m1', 'TCP/127.0.0.1/8001'),
      existing: [podWithPorts('m1', 'TCP/0.0.0.0/8001')],
      want: conflict,
    },
    {
      name: 'second different protocol',
      pod: podWithPorts('m1', 'UDP/127.0.0.1/8001'),
      existing: [podWithPorts('m1', 'TCP/0.0.0.0/8001')],
      want: Status.SUCCESS,
    },
    {
      name: 'UDP hostPort conflict due to 0.0.0.0 hostIP',
      pod: podWithPorts('m1', 'UDP/127.0.0.1/8001'),
      existing: [podWithPorts('m1', 'TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001')],
      want: conflict,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const p = plugin();
      const state = new CycleState();
      assert.deepEqual(p.preFilter(state, c.pod), { status: Status.SUCCESS });
      assert.deepEqual(p.filter(state, c.pod, makeNodeInfo(makeNode('m1'), c.existing)), c.want);
    });
  }

  test('a pod without host ports skips the Filter', () => {
    assert.deepEqual(plugin().preFilter(new CycleState(), makePod('p')), { status: Status.SKIP });
  });

  test('container ports without a host port do not count', () => {
    const pod = makePod('p', {
      spec: { containers: [{ name: 'c', image: 'img', ports: [{ containerPort: 80 }] }] } as Partial<PodSpec>,
    });
    assert.deepEqual(plugin().preFilter(new CycleState(), pod), { status: Status.SKIP });
  });

  test('Filter without PreFilter is an error naming the missing state', () => {
    const got = plugin().filter(new CycleState(), makePod('p'), makeNodeInfo(makeNode('m1')));
    assert.equal(got.code, Code.Error);
    assert.equal(got.message(), 'reading "PreFilterNodePorts" from cycleState: not found');
  });
});

describe('NodePorts events', () => {
  const events = plugin().eventsToRegister();
  const podEvent = events.find((e) => e.resource === EventResource.Pod);

  test('it registers Pod deletes with a hint and Node adds without one', () => {
    assert.equal(plugin().name, NAME);
    assert.equal(podEvent?.actions, ActionType.Delete);
    assert.deepEqual(
      events.find((e) => e.resource === EventResource.Node),
      { resource: EventResource.Node, actions: ActionType.Add },
    );
  });

  const waiting = podWithPorts('', 'TCP//8080');
  const cases: { name: string; deleted: unknown; want: QueueingHint }[] = [
    { name: 'a deleted object that is not a pod is retried', deleted: 'not-a-pod', want: QueueingHint.Queue },
    { name: 'a deleted unscheduled pod is skipped', deleted: podWithPorts('', 'TCP//8080'), want: QueueingHint.Skip },
    {
      name: 'a deleted pod without host ports is skipped',
      deleted: makePod('x', { nodeName: 'fake-node' }),
      want: QueueingHint.Skip,
    },
    {
      name: 'a deleted pod with an unrelated host port is skipped',
      deleted: podWithPorts('fake-node', 'TCP//8081'),
      want: QueueingHint.Skip,
    },
    {
      name: 'a deleted pod that released the port queues the pod',
      deleted: podWithPorts('fake-node', 'TCP//8080'),
      want: QueueingHint.Queue,
    },
    {
      name: 'a deleted pod only nominated to a node that released the port queues the pod',
      deleted: { ...podWithPorts('', 'TCP//8080'), status: { nominatedNodeName: 'fake-node' } },
      want: QueueingHint.Queue,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(podEvent?.hint?.(waiting, c.deleted, undefined), c.want));
  }
});
