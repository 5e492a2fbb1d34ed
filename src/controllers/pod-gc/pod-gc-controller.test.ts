/** Pod GC against a real skiff server, with a fast period, a threshold of two and a short quarantine. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { WatchEvent } from '../../client/watch/watch-event.js';
import {
  type ControllerCluster,
  type RunningControllers,
  runControllers,
  setPodRunning,
  sleepMs,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { NODES, PODS } from '../node-lifecycle/resources.js';
import { newPodGcControllerWith } from './pod-gc-controller.js';

describe('pod GC', () => {
  let h: ControllerCluster;
  let controllers: RunningControllers;
  const pods = () => h.client.resource<Pod>(PODS);
  const exists = async (namespace: string, name: string): Promise<boolean> => {
    try {
      await pods().get(namespace, name);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  };
  const create = (
    namespace: string,
    name: string,
    extra: Partial<NonNullable<Pod['spec']>> = {},
    finalizers?: string[],
  ) =>
    pods().create(namespace, {
      metadata: { name, namespace, ...(finalizers === undefined ? {} : { finalizers }) },
      spec: { containers: [{ name: 'c', image: 'registry.invalid/app' }], ...extra },
    });

  before(async () => {
    h = await startControllerCluster();
    for (const ns of ['orphans', 'finished', 'stuck']) {
      await h.client.resource({ group: '', version: 'v1', resource: 'namespaces', namespaced: false }).create('', {
        metadata: { name: ns },
      });
    }
    controllers = await runControllers(h.client, [
      (context) =>
        newPodGcControllerWith(
          { ...context, options: { ...context.options, podGcPeriodMs: 200, terminatedPodGcThreshold: 2 } },
          { quarantineMs: 500 },
        ),
    ]);
  });

  after(async () => {
    await controllers.stop();
    await h.stop();
  });

  test('the pods of a deleted node are marked DisruptionTarget and Failed, then force-deleted', async () => {
    await h.client.resource<Node>(NODES).create('', { metadata: { name: 'doomed' } });
    const pod = await create('orphans', 'bound', { nodeName: 'doomed' });
    await setPodRunning(h.client, pod);
    const survivor = await create('orphans', 'unbound');
    const seen: WatchEvent<Pod>[] = [];
    const abort = new AbortController();
    const watch = await pods().watch('orphans', {
      resourceVersion: survivor.metadata?.resourceVersion,
      signal: abort.signal,
    });
    const collecting = (async () => {
      for await (const event of watch) seen.push(event);
    })().catch(() => undefined);

    await sleepMs(700);
    assert.ok(await exists('orphans', 'bound'), 'nothing happens while the node exists');
    await h.client.resource<Node>(NODES).delete('', 'doomed');
    await waitFor('the orphaned pod to be gone', async () => !(await exists('orphans', 'bound')), 10_000);
    // The watch may trail the reads: wait until it delivered the deletion too.
    await waitFor('the watch to see the deletion', async () =>
      seen.some((e) => e.type === 'DELETED' && e.object.metadata?.name === 'bound'),
    );
    abort.abort();
    await collecting;

    const marked = seen.find(
      (e) => e.type === 'MODIFIED' && e.object.metadata?.name === 'bound' && e.object.status?.phase === 'Failed',
    );
    const condition = marked?.object.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.equal(condition?.reason, 'DeletionByPodGC');
    assert.equal(condition?.message, 'PodGC: node no longer exists');
    assert.ok(await exists('orphans', 'unbound'), 'an unscheduled running pod is no orphan');
  });

  test('terminated pods beyond the threshold go, oldest first; running ones stay', async () => {
    for (const name of ['gc-a', 'gc-b', 'gc-c', 'gc-d', 'gc-running']) await create('finished', name);
    for (const [name, phase] of [
      ['gc-a', 'Succeeded'],
      ['gc-b', 'Failed'],
      ['gc-c', 'Succeeded'],
      ['gc-d', 'Failed'],
    ] as const) {
      const pod = await pods().get('finished', name);
      pod.status = { ...pod.status, phase };
      await pods().updateStatus('finished', pod);
    }
    await waitFor('the two oldest terminated pods to go', async () => {
      const left = (await pods().list('finished')).items.map((p) => p.metadata?.name).sort();
      return JSON.stringify(left) === JSON.stringify(['gc-c', 'gc-d', 'gc-running']);
    });
    await sleepMs(600);
    const left = (await pods().list('finished')).items.map((p) => p.metadata?.name).sort();
    assert.deepEqual(left, ['gc-c', 'gc-d', 'gc-running'], 'and no more than those');
  });

  test('a terminating pod that was never scheduled is marked Failed and force-deleted', async () => {
    await create('stuck', 'held', {}, ['example.com/hold']);
    await pods().delete('stuck', 'held');
    const failed = await waitFor('the pod to be marked Failed', async () => {
      const p = await pods().get('stuck', 'held');
      return p.status?.phase === 'Failed' ? p : undefined;
    });
    assert.ok(failed.metadata?.deletionTimestamp);
    await pods().patch('stuck', 'held', 'merge', { metadata: { finalizers: null } });
    await waitFor('the pod to be gone once its finalizer is', async () => !(await exists('stuck', 'held')));
  });
});
