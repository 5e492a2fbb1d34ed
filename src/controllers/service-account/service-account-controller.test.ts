/** The service account controller against a real skiff server. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { ServiceAccount } from '../../api/core/v1/service-account.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import { type ControllerHarness, eventually, startControllerHarness } from '../namespace/controller-test-harness.js';
import { newServiceAccountControllerWith } from './service-account-controller.js';

const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;
const SERVICE_ACCOUNTS = { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true } as const;

describe('service account controller', () => {
  let h: ControllerHarness;
  let stop: () => Promise<void>;
  before(async () => {
    h = await startControllerHarness();
    const context = h.context();
    stop = (await h.run(context, newServiceAccountControllerWith(context))).stop;
  });
  after(async () => {
    await stop();
    await h.stop();
  });

  const accounts = (): ReturnType<typeof h.client.resource<ServiceAccount>> =>
    h.client.resource<ServiceAccount>(SERVICE_ACCOUNTS);
  const exists = async (namespace: string, name: string): Promise<boolean> => {
    try {
      await accounts().get(namespace, name);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  };

  test('every namespace present at start gets a default service account', async () => {
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      await eventually(`default in ${ns}`, async () => ((await exists(ns, 'default')) ? true : undefined));
    }
  });

  test('a new namespace gets a default service account', async () => {
    await h.client.resource<Namespace>(NAMESPACES).create('', { metadata: { name: 'team-a' } });
    const sa = await eventually('default in team-a', async () =>
      (await exists('team-a', 'default')) ? accounts().get('team-a', 'default') : undefined,
    );
    assert.equal(sa.metadata?.namespace, 'team-a');
  });

  test('a deleted default service account is recreated with a new uid', async () => {
    await h.client.resource<Namespace>(NAMESPACES).create('', { metadata: { name: 'team-b' } });
    const first = await eventually('default in team-b', async () =>
      (await exists('team-b', 'default')) ? accounts().get('team-b', 'default') : undefined,
    );
    await accounts().delete('team-b', 'default');
    const second = await eventually('default recreated in team-b', async () => {
      const sa = (await exists('team-b', 'default')) ? await accounts().get('team-b', 'default') : undefined;
      return sa !== undefined && sa.metadata?.uid !== first.metadata?.uid ? sa : undefined;
    });
    assert.notEqual(second.metadata?.uid, first.metadata?.uid);
  });
});
