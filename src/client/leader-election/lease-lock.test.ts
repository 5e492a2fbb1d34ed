import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import { RestClient } from '../rest/rest-client.js';
import { FakeApiServer } from '../testing/fake-api-server.js';
import { settle, until } from '../testing/settle.js';
import { LeaderElector } from './leader-elector.js';
import { LeaseLock } from './lease-lock.js';

const LEASE_PATH = '/apis/coordination.k8s.io/v1/leases';

describe('LeaseLock against a server', () => {
  test('an elector creates the Lease, renews it, and releases it on stop', async () => {
    const server = new FakeApiServer();
    const clock = new FakeClock(Date.UTC(2024, 0, 1));
    const client = new RestClient({ server: await server.start() }, { clock, timeoutMs: 0 });
    const lock = LeaseLock.of(client, 'kube-system', 'skiff-scheduler', 'node-1_1234');
    const controller = new AbortController();
    let leading: AbortSignal | undefined;
    let stopped = false;
    const elector = new LeaderElector({
      lock,
      clock,
      random: () => 0,
      callbacks: { onStartedLeading: (s) => void (leading = s), onStoppedLeading: () => void (stopped = true) },
    });
    const running = elector.run(controller.signal);
    try {
      await until(() => leading !== undefined, 'leadership');
      const created = server.store.get(LEASE_PATH, 'kube-system', 'skiff-scheduler');
      assert.deepEqual(created?.['spec'], {
        holderIdentity: 'node-1_1234',
        leaseDurationSeconds: 15,
        acquireTime: '2024-01-01T00:00:00.000000Z',
        renewTime: '2024-01-01T00:00:00.000000Z',
        leaseTransitions: 0,
      });
      assert.equal(
        server.requests.find((r) => r.method === 'POST')?.path,
        '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases',
      );

      await until(() => clock.nextTimerAt() === clock.now() + 2000, 'the pause between renewals');
      clock.step(2000);
      await until(
        () =>
          (server.store.get(LEASE_PATH, 'kube-system', 'skiff-scheduler')?.['spec'] as { renewTime?: string })
            ?.renewTime === '2024-01-01T00:00:02.000000Z',
        'the renewal',
      );
      const put = server.requests.filter((r) => r.method === 'PUT').at(-1);
      assert.ok(JSON.parse(put?.body ?? '{}').metadata.resourceVersion, 'updates carry the resourceVersion read');

      controller.abort();
      await running;
      await settle();
      const released = server.store.get(LEASE_PATH, 'kube-system', 'skiff-scheduler')?.['spec'] as Record<
        string,
        unknown
      >;
      assert.equal(released['holderIdentity'], '');
      assert.equal(released['leaseDurationSeconds'], 1);
      assert.equal(leading?.aborted, true);
      assert.equal(stopped, true);
    } finally {
      controller.abort();
      await running;
      client.close();
      await server.stop();
    }
  });

  test('update before any read is refused', async () => {
    const client = new RestClient({ server: 'http://127.0.0.1:1' });
    const lock = LeaseLock.of(client, 'ns', 'x', 'me');
    await assert.rejects(
      lock.update({
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        acquireTime: 0,
        renewTime: 0,
        leaderTransitions: 0,
      }),
      /call get or create first/,
    );
    client.close();
  });
});
