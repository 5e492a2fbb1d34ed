import { after, before } from 'node:test';
import { startEtcd, type EtcdServer } from '../../../test/support/etcd-process.js';
import { runStoreConformance } from '../store.conformance.js';
import { openEtcdStore } from './etcd-store.js';

// One etcd for the whole suite: each test opens its own store (its own client) and uses its own prefix.
let etcd: EtcdServer | undefined;
before(async () => {
  etcd = await startEtcd();
});
after(async () => {
  await etcd?.stop();
});

runStoreConformance('etcd', async () => {
  if (etcd === undefined) throw new Error('etcd did not start');
  const store = await openEtcdStore({ endpoints: [etcd.endpoint], connectDeadlineMs: 10_000 });
  return { store, cleanup: async () => undefined };
});
