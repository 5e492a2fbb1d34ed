import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { makeHandle, makeNamespace, makeNode, makePod } from '../../testing/builders.js';
import { affinitySpec, term } from './affinity-fixtures.js';
import { afterNamespaceChange, afterNodeChange, afterPodChange } from './events.js';
import { newInterPodAffinity } from './inter-pod-affinity.js';
import type { InterPodAffinity } from './inter-pod-affinity.js';

const noNamespaces = () => undefined;
const scan = { service: 'securityscan' };
const db = { app: 'db' };

/** Pending pod: affine to scan pods by region, anti-affine to db pods by zone. */
const pending = makePod('pending', {
  spec: affinitySpec({ affinity: [term('region', scan)], antiAffinity: [term('zone', db)] }),
});
/** Pending pod with affinity to its own labels. */
const selfAffine = makePod('self', { labels: scan, spec: affinitySpec({ affinity: [term('region', scan)] }) });
const assigned = (name: string, labels: Record<string, string>, spec: Partial<Pod['spec']> = {}) =>
  makePod(name, { nodeName: 'n1', labels, spec });

test('InterPodAffinity registers assigned-pod, node and namespace events', () => {
  const plugin = newInterPodAffinity(undefined, makeHandle([])) as InterPodAffinity;
  const events = plugin.eventsToRegister().map((e) => ({ resource: e.resource, actions: e.actions }));
  assert.deepEqual(events, [
    { resource: EventResource.AssignedPod, actions: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
    {
      resource: EventResource.Node,
      actions: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
    },
    { resource: EventResource.Namespace, actions: ActionType.Update },
  ]);
});

describe('InterPodAffinity pod-change hint', () => {
  const cases: { name: string; pod: Pod; old?: Pod; new?: Pod; want: QueueingHint }[] = [
    {
      name: 'an added pod that is not assigned is skipped',
      pod: pending,
      new: makePod('u', { labels: scan }),
      want: QueueingHint.Skip,
    },
    {
      name: 'an added pod matching the affinity queues',
      pod: pending,
      new: assigned('a', scan),
      want: QueueingHint.Queue,
    },
    {
      name: 'an added pod not matching the affinity is skipped',
      pod: pending,
      new: assigned('a', db),
      want: QueueingHint.Skip,
    },
    {
      name: 'a relabelled pod that starts matching the affinity queues',
      pod: pending,
      old: assigned('a', {}),
      new: assigned('a', scan),
      want: QueueingHint.Queue,
    },
    {
      name: 'a relabelled pod that stops matching the anti-affinity queues',
      pod: pending,
      old: assigned('a', db),
      new: assigned('a', {}),
      want: QueueingHint.Queue,
    },
    {
      name: 'a relabelled pod that keeps matching the anti-affinity is skipped',
      pod: pending,
      old: assigned('a', db),
      new: assigned('a', { ...db, x: 'y' }),
      want: QueueingHint.Skip,
    },
    {
      name: 'a deleted pod matching the anti-affinity queues',
      pod: pending,
      old: assigned('a', db),
      want: QueueingHint.Queue,
    },
    { name: 'a deleted unrelated pod is skipped', pod: pending, old: assigned('a', {}), want: QueueingHint.Skip },
    {
      name: 'a deleted pod whose own anti-affinity rejected the pod queues',
      pod: makePod('p', { labels: scan }),
      old: assigned('a', {}, affinitySpec({ antiAffinity: [term('zone', scan)] })),
      want: QueueingHint.Queue,
    },
    {
      name: 'a deleted peer of a pod with affinity to itself queues',
      pod: selfAffine,
      old: assigned('a', scan),
      want: QueueingHint.Queue,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(afterPodChange(c.pod, c.old, c.new, noNamespaces), c.want));
  }
});

describe('InterPodAffinity node-change hint', () => {
  const cases: { name: string; labels: Record<string, string>; want: QueueingHint }[] = [
    { name: 'a node with the affinity topology key queues', labels: { region: 'r1' }, want: QueueingHint.Queue },
    { name: 'a node with the anti-affinity topology key queues', labels: { zone: 'z1' }, want: QueueingHint.Queue },
    { name: 'a node with neither topology key is skipped', labels: { rack: 'a' }, want: QueueingHint.Skip },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(afterNodeChange(pending, makeNode('n', { labels: c.labels })), c.want));
  }
});

describe('InterPodAffinity namespace-change hint', () => {
  const cases: { name: string; old: Record<string, string>; new: Record<string, string>; want: QueueingHint }[] = [
    {
      name: 'a namespace whose labels changed queues',
      old: { team: 'a' },
      new: { team: 'b' },
      want: QueueingHint.Queue,
    },
    { name: 'a namespace that gained a label queues', old: {}, new: { team: 'a' }, want: QueueingHint.Queue },
    {
      name: 'a namespace whose labels did not change is skipped',
      old: { team: 'a' },
      new: { team: 'a' },
      want: QueueingHint.Skip,
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      assert.equal(afterNamespaceChange(makeNamespace('ns', c.old), makeNamespace('ns', c.new)), c.want),
    );
  }
});
