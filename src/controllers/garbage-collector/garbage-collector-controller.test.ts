/** The garbage collector against a real skiff server: background, foreground and orphan propagation. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../client/kube-object.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { type ControllerHarness, eventually, startControllerHarness } from '../namespace/controller-test-harness.js';
import type { OwnerReference } from '../framework/owner-references.js';
import { newGarbageCollectorWith } from './garbage-collector-controller.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true } as const;
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const REPLICASETS = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true } as const;
const NS = 'default';

interface Meta {
  name?: string;
  uid?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}
const meta = (o: KubeObject): Meta => (o.metadata ?? {}) as Meta;

const ref = (owner: KubeObject, kind: string, apiVersion: string, block = false): OwnerReference => ({
  apiVersion,
  kind,
  name: meta(owner).name ?? '',
  uid: meta(owner).uid ?? '',
  ...(block ? { controller: true, blockOwnerDeletion: true } : {}),
});

describe('garbage collector', () => {
  let h: ControllerHarness;
  let stop: () => Promise<void>;
  let configMaps: ResourceClient;
  before(async () => {
    h = await startControllerHarness();
    const context = h.context();
    stop = (await h.run(context, newGarbageCollectorWith(context))).stop;
    configMaps = h.client.resource(CONFIGMAPS);
  });
  after(async () => {
    await stop();
    await h.stop();
  });

  const configMap = (name: string, owners: OwnerReference[] = [], finalizers?: string[]): Promise<KubeObject> =>
    configMaps.create(NS, {
      metadata: {
        name,
        ...(owners.length > 0 ? { ownerReferences: owners } : {}),
        ...(finalizers ? { finalizers } : {}),
      },
    } as KubeObject);
  const get = async (client: ResourceClient, name: string): Promise<KubeObject | undefined> => {
    try {
      return await client.get(NS, name);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
  const goneEventually = (client: ResourceClient, name: string, timeoutMs?: number): Promise<true> =>
    eventually(
      `${name} to be deleted`,
      async () => ((await get(client, name)) === undefined ? true : undefined),
      timeoutMs,
    );

  test('background: deleting the owner deletes its dependents', async () => {
    const owner = await configMap('bg-owner');
    await configMap('bg-dep-1', [ref(owner, 'ConfigMap', 'v1')]);
    await configMap('bg-dep-2', [ref(owner, 'ConfigMap', 'v1')]);
    await configMaps.delete(NS, 'bg-owner');
    await goneEventually(configMaps, 'bg-dep-1');
    await goneEventually(configMaps, 'bg-dep-2');
  });

  test('a dependent with one owner left keeps living, without the reference to the one gone', async () => {
    const a = await configMap('multi-owner-a');
    const b = await configMap('multi-owner-b');
    await configMap('multi-dep', [ref(a, 'ConfigMap', 'v1'), ref(b, 'ConfigMap', 'v1')]);
    await configMaps.delete(NS, 'multi-owner-a');
    const dep = await eventually('the dangling reference to be removed', async () => {
      const d = await get(configMaps, 'multi-dep');
      return d !== undefined && meta(d).ownerReferences?.length === 1 ? d : undefined;
    });
    assert.deepEqual(
      meta(dep).ownerReferences?.map((r) => r.name),
      ['multi-owner-b'],
    );
    assert.equal(meta(dep).deletionTimestamp, undefined);
  });

  test('a dependent whose owner UID exists nowhere is collected', async () => {
    await configMap('dangling-dep', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: randomUUID() }]);
    await goneEventually(configMaps, 'dangling-dep');
  });

  test('an owner reference names an object by UID: a namesake with another UID is no owner', async () => {
    await configMap('namesake');
    await configMap('namesake-dep', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'namesake', uid: randomUUID() }]);
    await goneEventually(configMaps, 'namesake-dep');
    assert.notEqual(await get(configMaps, 'namesake'), undefined);
  });

  test('a dependent whose owner exists is kept', async () => {
    const owner = await configMap('live-owner');
    await configMap('live-dep', [ref(owner, 'ConfigMap', 'v1')]);
    await new Promise((r) => setTimeout(r, 500));
    assert.notEqual(await get(configMaps, 'live-dep'), undefined);
  });

  test('foreground: the owner stays until its blocking dependents are gone, then goes', async () => {
    const owner = await configMap('fg-owner');
    await configMap('fg-dep', [ref(owner, 'ConfigMap', 'v1', true)], ['example.com/hold']);
    await configMaps.delete(NS, 'fg-owner', { propagationPolicy: 'Foreground' });
    await eventually('the dependent to be deleting', async () => {
      const d = await get(configMaps, 'fg-dep');
      return d !== undefined && meta(d).deletionTimestamp !== undefined ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await get(configMaps, 'fg-owner');
    assert.ok(waiting !== undefined, 'the owner is still there');
    assert.deepEqual(meta(waiting).finalizers, ['foregroundDeletion']);
    await configMaps.patch(NS, 'fg-dep', 'merge', { metadata: { finalizers: null } });
    await goneEventually(configMaps, 'fg-dep');
    await goneEventually(configMaps, 'fg-owner');
  });

  test('foreground cascades: a dependent with dependents of its own is deleted in the foreground too', async () => {
    const top = await configMap('fg3-top');
    const middle = await configMap('fg3-middle', [ref(top, 'ConfigMap', 'v1', true)]);
    await configMap('fg3-bottom', [ref(middle, 'ConfigMap', 'v1', true)], ['example.com/hold']);
    await configMaps.delete(NS, 'fg3-top', { propagationPolicy: 'Foreground' });
    const waiting = await eventually('the middle to be deleted in the foreground', async () => {
      const m = await get(configMaps, 'fg3-middle');
      return m !== undefined && meta(m).deletionTimestamp !== undefined ? m : undefined;
    });
    assert.deepEqual(meta(waiting).finalizers, ['foregroundDeletion']);
    assert.notEqual(await get(configMaps, 'fg3-top'), undefined);
    await configMaps.patch(NS, 'fg3-bottom', 'merge', { metadata: { finalizers: null } });
    for (const name of ['fg3-bottom', 'fg3-middle', 'fg3-top']) await goneEventually(configMaps, name);
  });

  test('foreground: dependents that do not block the owner let it go at once, and are deleted after', async () => {
    const owner = await configMap('fg-nb-owner');
    await configMap('fg-nb-dep', [ref(owner, 'ConfigMap', 'v1')], ['example.com/hold']);
    await configMaps.delete(NS, 'fg-nb-owner', { propagationPolicy: 'Foreground' });
    await goneEventually(configMaps, 'fg-nb-owner');
    await eventually('the dependent to be deleting', async () => {
      const d = await get(configMaps, 'fg-nb-dep');
      return d !== undefined && meta(d).deletionTimestamp !== undefined ? true : undefined;
    });
    await configMaps.patch(NS, 'fg-nb-dep', 'merge', { metadata: { finalizers: null } });
  });

  test('orphan: the owner goes and its dependents live on without the reference to it', async () => {
    const owner = await configMap('orphan-owner');
    const other = await configMap('orphan-other-owner');
    await configMap('orphan-dep-1', [ref(owner, 'ConfigMap', 'v1', true)]);
    await configMap('orphan-dep-2', [ref(owner, 'ConfigMap', 'v1'), ref(other, 'ConfigMap', 'v1')]);
    await configMaps.delete(NS, 'orphan-owner', { propagationPolicy: 'Orphan' });
    await goneEventually(configMaps, 'orphan-owner');
    const dep1 = await get(configMaps, 'orphan-dep-1');
    const dep2 = await get(configMaps, 'orphan-dep-2');
    assert.ok(dep1 !== undefined && dep2 !== undefined);
    assert.deepEqual(meta(dep1).ownerReferences ?? [], []);
    assert.deepEqual(
      meta(dep2).ownerReferences?.map((r) => r.name),
      ['orphan-other-owner'],
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.notEqual(await get(configMaps, 'orphan-dep-1'), undefined, 'an orphan is not collected later');
  });

  for (const cascade of ['background', 'foreground', 'orphan'] as const) {
    test(`kubectl delete replicaset --cascade=${cascade} treats its pods accordingly`, async () => {
      const name = `rs-${cascade}`;
      const rs = await h.client.resource(REPLICASETS).create(NS, {
        metadata: { name },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
        },
      } as KubeObject);
      for (const i of [0, 1]) {
        await h.client.resource(PODS).create(NS, {
          metadata: {
            name: `${name}-${i}`,
            labels: { app: name },
            ownerReferences: [ref(rs, 'ReplicaSet', 'apps/v1', true)],
          },
          spec: { containers: [{ name: 'c', image: 'busybox' }] },
        } as KubeObject);
      }
      await h.cluster.ok(['delete', 'replicaset', name, `--cascade=${cascade}`, '--timeout=30s']);
      await goneEventually(h.client.resource(REPLICASETS), name);
      for (const i of [0, 1]) {
        if (cascade === 'orphan') {
          const pod = await get(h.client.resource(PODS), `${name}-${i}`);
          assert.ok(pod !== undefined, 'the orphaned pod lives on');
          assert.deepEqual(meta(pod).ownerReferences ?? [], []);
        } else {
          await goneEventually(h.client.resource(PODS), `${name}-${i}`);
        }
      }
    });
  }

  test('a thousand dependents of one owner are collected within seconds', async () => {
    const owner = await configMap('big-owner');
    const owners = [ref(owner, 'ConfigMap', 'v1')];
    const names = Array.from({ length: 1000 }, (_, i) => `big-dep-${i}`);
    for (let i = 0; i < names.length; i += 50)
      await Promise.all(names.slice(i, i + 50).map((n) => configMap(n, owners)));
    const started = Date.now();
    await configMaps.delete(NS, 'big-owner');
    await eventually(
      'every dependent to be deleted',
      async () => {
        const left = (await configMaps.list(NS)).items.filter((c) => meta(c).name?.startsWith('big-dep-'));
        return left.length === 0 ? true : undefined;
      },
      30_000,
    );
    assert.ok(Date.now() - started < 30_000);
  });
});
