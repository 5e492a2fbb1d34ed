import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { Code, Status } from '../../framework/status.js';
import { makeHandle, makePod } from '../../testing/builders.js';
import { NAME, newSchedulingGates, type SchedulingGates } from './scheduling-gates.js';

const plugin = (): SchedulingGates => newSchedulingGates(undefined, makeHandle([])) as SchedulingGates;
const gated = (...gates: string[]): Pod => makePod('p', { spec: { schedulingGates: gates.map((name) => ({ name })) } });

describe('SchedulingGates PreEnqueue', () => {
  const cases: { name: string; pod: Pod; want: Status }[] = [
    { name: 'a pod that does not carry scheduling gates enters the queue', pod: makePod('p'), want: Status.SUCCESS },
    { name: 'a pod with an empty gate list enters the queue', pod: gated(), want: Status.SUCCESS },
    {
      name: 'a pod that carries scheduling gates waits, listing them as Go prints a slice',
      pod: gated('foo', 'bar'),
      want: Status.unresolvable('waiting for scheduling gates: [foo bar]'),
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(plugin().preEnqueue(c.pod), c.want));
  }

  test('the gated status is UnschedulableAndUnresolvable, as upstream', () => {
    assert.equal(plugin().preEnqueue(gated('x')).code, Code.UnschedulableAndUnresolvable);
  });
});

describe('SchedulingGates events', () => {
  const [event] = plugin().eventsToRegister();

  test('it registers Pod updates with a hint', () => {
    assert.equal(plugin().name, NAME);
    assert.equal(event?.resource, EventResource.Pod);
    assert.equal(event?.actions, ActionType.Update);
  });

  const cases: { name: string; newObj: unknown; want: QueueingHint }[] = [
    { name: 'an object that is not a pod is retried', newObj: 'not-a-pod', want: QueueingHint.Queue },
    { name: 'an update of another pod is skipped', newObj: makePod('other'), want: QueueingHint.Skip },
    { name: 'an update that leaves a gate is skipped', newObj: gated('bar'), want: QueueingHint.Skip },
    { name: 'an update that removes the last gate queues the pod', newObj: makePod('p'), want: QueueingHint.Queue },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(event?.hint?.(gated('foo', 'bar'), gated('foo', 'bar'), c.newObj), c.want));
  }
});
