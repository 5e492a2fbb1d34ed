/** PodRunner against a recording pods client and a hand-fed cache: what it writes, and how often. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../api/core/v1/pod.js';
import { Indexer, Lister, type ResourceClient } from '../client/index.js';
import { until } from '../client/testing/settle.js';
import { setTimeout as delay } from 'node:timers/promises';
import { nodePodCidr } from './ipv4-cidr.js';
import { simNode } from './node-object.js';
import { PodRunner } from './pod-runner.js';
import { resolveSimOptions } from './sim-options.js';

const NODE = simNode('sim-0', nodePodCidr('10.244.0.0/16', 0), 'boot-1');

const boundPod = (): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'default',
      uid: 'uid-1',
      resourceVersion: '10',
      labels: { app: 'web' },
      annotations: { note: 'kept' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-1', controller: true }],
      managedFields: [
        { manager: 'kube-controller-manager', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: {} },
      ],
    },
    spec: { nodeName: 'sim-0', containers: [{ name: 'app', image: 'example/app:1' }] },
    status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] },
  }) as Pod;

/** A pods client that records every call and answers status updates with the next resourceVersion. */
function recordingPods() {
  const calls: { method: string; body?: Pod }[] = [];
  let rv = 10;
  const record =
    (method: string) =>
    async (...args: unknown[]): Promise<unknown> => {
      calls.push({ method });
      throw new Error(`unexpected ${method} ${JSON.stringify(args[1] ?? '')}`);
    };
  const client = {
    get: record('get'),
    list: record('list'),
    update: record('update'),
    patch: record('patch'),
    delete: record('delete'),
    async updateStatus(_ns: string, body: Pod): Promise<Pod> {
      calls.push({ method: 'updateStatus', body });
      return { ...body, metadata: { ...body.metadata, resourceVersion: String(++rv) } };
    },
  };
  return { calls, client: client as unknown as ResourceClient<Pod> };
}

function runner(pods: ResourceClient<Pod>, indexer: Indexer<Pod>, errors: unknown[]) {
  const controller = new AbortController();
  const r = new PodRunner({
    pods,
    lister: new Lister(indexer),
    nodeNamed: (name) => (name === NODE.name ? NODE : undefined),
    options: resolveSimOptions({ nodes: 1, podWorkers: 2, onError: (e) => errors.push(e) }),
    signal: controller.signal,
  });
  r.start();
  return {
    runner: r,
    stop: async () => {
      controller.abort();
      await r.stop();
    },
  };
}

describe('PodRunner', () => {
  test('a pod bound to a simulated node is started with one status write and no reads', async () => {
    const { calls, client } = recordingPods();
    const indexer = new Indexer<Pod>();
    const pod = boundPod();
    indexer.add(pod);
    const errors: unknown[] = [];
    const r = runner(client, indexer, errors);
    try {
      r.runner.handler.onAdd?.(pod, false);
      await until(() => calls.length > 0, 'a write');
      await delay(50);
      assert.deepEqual(
        calls.map((c) => c.method),
        ['updateStatus'],
      );
      assert.deepEqual(errors, []);
      const body = calls[0]?.body;
      const status = body?.status;
      assert.equal(status?.phase, 'Running');
      assert.deepEqual(status?.conditions?.map((c) => `${c.type}=${c.status}`).sort(), [
        'ContainersReady=True',
        'Initialized=True',
        'PodReadyToStartContainers=True',
        'PodScheduled=True',
        'Ready=True',
      ]);
      assert.equal(status?.hostIP, NODE.ip);
      assert.match(status?.podIP ?? '', /^10\.244\.0\.\d+$/);
      assert.deepEqual(status?.podIPs, [{ ip: status?.podIP }]);
      assert.deepEqual(
        status?.containerStatuses?.map((s) => [s.name, s.ready, s.state?.running !== undefined]),
        [['app', true, true]],
      );
    } finally {
      await r.stop();
    }
  });

  test('the status write carries the metadata that guards it, but neither spec nor managedFields', async () => {
    const { calls, client } = recordingPods();
    const indexer = new Indexer<Pod>();
    const pod = boundPod();
    indexer.add(pod);
    const r = runner(client, indexer, []);
    try {
      r.runner.handler.onAdd?.(pod, false);
      await until(() => calls.length > 0, 'a write');
      const body = calls[0]?.body as Pod & { spec?: unknown };
      assert.equal(body.spec, undefined);
      assert.equal(body.metadata?.managedFields, undefined);
      assert.deepEqual(
        { ...body.metadata },
        {
          name: 'web-1',
          namespace: 'default',
          uid: 'uid-1',
          resourceVersion: '10',
          labels: { app: 'web' },
          annotations: { note: 'kept' },
          ownerReferences: pod.metadata?.ownerReferences,
        },
      );
    } finally {
      await r.stop();
    }
  });

  test('the echo of its own write, and a stale event before it, cause no further write', async () => {
    const { calls, client } = recordingPods();
    const indexer = new Indexer<Pod>();
    const pod = boundPod();
    indexer.add(pod);
    const r = runner(client, indexer, []);
    try {
      r.runner.handler.onAdd?.(pod, false);
      await until(() => calls.length > 0, 'a write');
      // Another change of the old pod reaches the cache before the write's own event: nothing to do yet.
      r.runner.handler.onUpdate?.(pod, pod);
      await delay(50);
      const written = { ...pod, status: calls[0]?.body?.status, metadata: { ...pod.metadata, resourceVersion: '11' } };
      indexer.update(written as Pod);
      r.runner.handler.onUpdate?.(pod, written as Pod);
      await delay(50);
      assert.deepEqual(
        calls.map((c) => c.method),
        ['updateStatus'],
      );
    } finally {
      await r.stop();
    }
  });
});
