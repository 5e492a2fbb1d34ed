import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AbsentOwnerCache } from './absent-owner-cache.js';
import { type GraphEvent, GraphBuilder, type GraphQueues } from './graph-builder.js';
import type { GcMetadata, OwnerReference } from './object-identity.js';

/** Records what the builder queues, as `queue:name`. */
function recordingQueues(): GraphQueues & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    attemptToDelete: (n) => log.push(`delete:${n.identity.name}`),
    attemptToDeleteRateLimited: (n) => log.push(`delete-later:${n.identity.name}`),
    attemptToOrphan: (n) => log.push(`orphan:${n.identity.name}`),
  };
}

const rs = (name: string, extra: Partial<GcMetadata> = {}): GcMetadata => ({
  name,
  namespace: 'ns',
  uid: `uid-${name}`,
  ...extra,
});
const refTo = (name: string, block = false): OwnerReference => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name,
  uid: `uid-${name}`,
  ...(block ? { controller: true, blockOwnerDeletion: true } : {}),
});
const pod = (name: string, owners: OwnerReference[], extra: Partial<GcMetadata> = {}): GcMetadata => ({
  name,
  namespace: 'ns',
  uid: `uid-${name}`,
  ownerReferences: owners,
  ...extra,
});
const podEvent = (type: GraphEvent['type'], meta: GcMetadata, oldMeta?: GcMetadata): GraphEvent => ({
  type,
  apiVersion: 'v1',
  kind: 'Pod',
  meta,
  ...(oldMeta === undefined ? {} : { oldMeta }),
});
const rsEvent = (type: GraphEvent['type'], meta: GcMetadata, oldMeta?: GcMetadata): GraphEvent => ({
  type,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  meta,
  ...(oldMeta === undefined ? {} : { oldMeta }),
});

const DELETING = '2024-01-01T00:00:00Z';

interface Case {
  readonly name: string;
  readonly events: GraphEvent[];
  /** What the last event queued. */
  readonly queued: string[];
  readonly check?: (graph: GraphBuilder, absent: AbsentOwnerCache) => void;
}

const cases: Case[] = [
  {
    name: 'a dependent seen before its owner creates a virtual owner, queued for a check',
    events: [podEvent('add', pod('p1', [refTo('web')]))],
    queued: ['delete:web'],
    check: (g) => {
      assert.equal(g.nodes.get('uid-web')?.observed, false);
      assert.equal(g.nodes.get('uid-web')?.dependents.size, 1);
    },
  },
  {
    name: 'the owner observed later turns the virtual node real, queueing nothing',
    events: [podEvent('add', pod('p1', [refTo('web')])), rsEvent('add', rs('web'))],
    queued: [],
    check: (g) => assert.equal(g.nodes.get('uid-web')?.observed, true),
  },
  {
    name: 'an owner observed with other coordinates than a dependent named queues that dependent',
    events: [podEvent('add', pod('p1', [{ ...refTo('web'), kind: 'Deployment' }])), rsEvent('add', rs('web'))],
    queued: ['delete:p1'],
  },
  {
    name: "an owner's deletion queues its dependents and records it absent",
    events: [
      rsEvent('add', rs('web')),
      podEvent('add', pod('p1', [refTo('web')])),
      podEvent('add', pod('p2', [refTo('web')])),
      rsEvent('delete', rs('web')),
    ],
    queued: ['delete:p1', 'delete:p2'],
    check: (g, absent) => {
      assert.equal(g.nodes.has('uid-web'), false);
      assert.equal(
        absent.has({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'uid-web', namespace: 'ns' }),
        true,
      );
    },
  },
  {
    name: 'a deletion that starts with foregroundDeletion marks the owner and queues it and its dependents',
    events: [
      rsEvent('add', rs('web')),
      podEvent('add', pod('p1', [refTo('web', true)])),
      rsEvent('update', rs('web', { deletionTimestamp: DELETING, finalizers: ['foregroundDeletion'] }), rs('web')),
    ],
    queued: ['delete:p1', 'delete:web'],
    check: (g) => {
      const web = g.nodes.get('uid-web');
      assert.equal(web?.deletingDependents, true);
      assert.deepEqual(
        web?.blockingDependents().map((d) => d.identity.name),
        ['p1'],
      );
    },
  },
  {
    name: 'a deletion that starts with the orphan finalizer queues the owner for orphaning',
    events: [
      rsEvent('add', rs('web')),
      rsEvent('update', rs('web', { deletionTimestamp: DELETING, finalizers: ['orphan'] }), rs('web')),
    ],
    queued: ['orphan:web'],
  },
  {
    name: 'the same deletion seen again queues nothing more',
    events: [
      rsEvent('add', rs('web', { deletionTimestamp: DELETING, finalizers: ['orphan'] })),
      rsEvent(
        'update',
        rs('web', { deletionTimestamp: DELETING, finalizers: ['orphan'] }),
        rs('web', { deletionTimestamp: DELETING, finalizers: ['orphan'] }),
      ),
    ],
    queued: [],
  },
  {
    name: 'dropping a blocking reference queues the owner, which may be waiting for it',
    events: [
      rsEvent('add', rs('web')),
      podEvent('add', pod('p1', [refTo('web', true)])),
      podEvent('update', pod('p1', []), pod('p1', [refTo('web', true)])),
    ],
    queued: ['delete:web'],
    check: (g) => assert.equal(g.nodes.get('uid-web')?.dependents.size, 0),
  },
  {
    name: 'making a reference non-blocking queues the owner',
    events: [
      rsEvent('add', rs('web')),
      podEvent('add', pod('p1', [refTo('web', true)])),
      podEvent('update', pod('p1', [{ ...refTo('web'), blockOwnerDeletion: false }]), pod('p1', [refTo('web', true)])),
    ],
    queued: ['delete:web'],
  },
  {
    name: 'a dependent that goes lets its foreground-deleting owner finish',
    events: [
      rsEvent('add', rs('web', { deletionTimestamp: DELETING, finalizers: ['foregroundDeletion'] })),
      podEvent('add', pod('p1', [refTo('web', true)])),
      podEvent('delete', pod('p1', [refTo('web', true)])),
    ],
    queued: ['delete:web'],
  },
  {
    name: 'a virtual delete of an unobserved owner removes it and queues its dependents',
    events: [
      podEvent('add', pod('p1', [refTo('ghost')])),
      {
        type: 'delete',
        virtual: true,
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        meta: { name: 'ghost', namespace: 'ns', uid: 'uid-ghost' },
      },
    ],
    queued: ['delete:p1'],
    check: (g) => assert.equal(g.nodes.has('uid-ghost'), false),
  },
  {
    name: 'a virtual delete for other coordinates than an observed object keeps it',
    events: [
      rsEvent('add', rs('web')),
      {
        type: 'delete',
        virtual: true,
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        meta: { name: 'web', namespace: 'ns', uid: 'uid-web' },
      },
    ],
    queued: [],
    check: (g) => assert.equal(g.nodes.has('uid-web'), true),
  },
];

describe('dependency graph builder', () => {
  for (const c of cases) {
    test(c.name, () => {
      const queues = recordingQueues();
      const absent = new AbsentOwnerCache();
      const graph = new GraphBuilder(queues, absent);
      for (const e of c.events.slice(0, -1)) graph.process(e);
      queues.log.length = 0;
      const last = c.events.at(-1);
      if (last !== undefined) graph.process(last);
      assert.deepEqual(queues.log, c.queued);
      c.check?.(graph, absent);
    });
  }

  test('10,000 pods of 100 ReplicaSets go in and out of the graph quickly', () => {
    const queues = recordingQueues();
    const graph = new GraphBuilder(queues, new AbsentOwnerCache());
    const started = performance.now();
    for (let r = 0; r < 100; r++) graph.process(rsEvent('add', rs(`rs-${r}`)));
    for (let i = 0; i < 10_000; i++) graph.process(podEvent('add', pod(`p-${i}`, [refTo(`rs-${i % 100}`, true)])));
    for (let i = 0; i < 10_000; i++) {
      const before = pod(`p-${i}`, [refTo(`rs-${i % 100}`, true)]);
      graph.process(podEvent('update', { ...before, resourceVersion: '2' }, before));
    }
    assert.equal(graph.nodes.size, 10_100);
    assert.equal(graph.nodes.get('uid-rs-7')?.dependents.size, 100);
    queues.log.length = 0;
    for (let r = 0; r < 100; r++) graph.process(rsEvent('delete', rs(`rs-${r}`)));
    assert.equal(queues.log.length, 10_000);
    for (let i = 0; i < 10_000; i++) graph.process(podEvent('delete', pod(`p-${i}`, [refTo(`rs-${i % 100}`, true)])));
    assert.equal(graph.nodes.size, 0);
    assert.ok(performance.now() - started < 1_000, `took ${performance.now() - started} ms`);
  });
});
