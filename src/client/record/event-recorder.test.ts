import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FakeClock } from '../clock/fake-clock.js';
import type { KubeObject } from '../kube-object.js';
import { RestClient } from '../rest/rest-client.js';
import { FakeApiServer } from '../testing/fake-api-server.js';
import { ApiEventRecorder, EventType } from './event-recorder.js';

const EVENTS = '/api/v1/events';

const replicaSet = (name: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: '3' },
});

describe('ApiEventRecorder', () => {
  let server: FakeApiServer;
  let client: RestClient;
  before(async () => {
    server = new FakeApiServer();
    client = new RestClient({ server: await server.start() }, { qps: Infinity, timeoutMs: 0 });
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  /** The event requests sent since `from` (index into server.requests), as `METHOD name` (name empty for a create). */
  const eventRequests = (from: number): string[] =>
    server.requests
      .slice(from)
      .filter((r) => r.path.includes('/events'))
      .map((r) => `${r.method} ${r.path.split('/events')[1]?.replace(/^\//, '') ?? ''}`.trim());

  test('an event is created with upstream fields, about the object it names', async () => {
    const recorder = new ApiEventRecorder(client, { component: 'replicaset-controller', clock: new FakeClock() });
    recorder.event(replicaSet('first'), EventType.Normal, 'SuccessfulCreate', 'Created pod: first-abc');
    await recorder.flush();
    const stored = server.store.list(EVENTS, 'ns').filter((e) => e['reason'] === 'SuccessfulCreate');
    assert.equal(stored.length, 1);
    const { metadata, ...rest } = stored[0] ?? {};
    assert.match(String(metadata?.['name']), /^first\.[0-9a-f]+$/);
    assert.deepEqual(
      { ...rest, apiVersion: undefined, kind: undefined },
      {
        apiVersion: undefined,
        kind: undefined,
        involvedObject: {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          namespace: 'ns',
          name: 'first',
          uid: 'uid-first',
          resourceVersion: '3',
        },
        reason: 'SuccessfulCreate',
        message: 'Created pod: first-abc',
        type: 'Normal',
        source: { component: 'replicaset-controller' },
        firstTimestamp: '2024-01-01T00:00:00Z',
        lastTimestamp: '2024-01-01T00:00:00Z',
        count: 1,
        reportingComponent: 'replicaset-controller',
        reportingInstance: '',
      },
    );
  });

  test('1,000 creation events about one ReplicaSet are written as 10 creates and 15 patches', async () => {
    const from = server.requests.length;
    const recorder = new ApiEventRecorder(client, { component: 'replicaset-controller', clock: new FakeClock() });
    for (let i = 0; i < 1000; i++) {
      recorder.event(replicaSet('big'), EventType.Normal, 'SuccessfulCreate', `Created pod: big-${i}`);
    }
    await recorder.flush();
    const requests = eventRequests(from);
    assert.equal(requests.filter((r) => r.startsWith('POST')).length, 10);
    assert.equal(requests.filter((r) => r.startsWith('PATCH')).length, 15);
    assert.equal(recorder.filtered, 975);
    const stored = server.store
      .list(EVENTS, 'ns')
      .filter((e) => e['involvedObject'] && (e['involvedObject'] as { name?: string }).name === 'big');
    assert.equal(stored.length, 10);
    const combined = stored.find((e) => String(e['message']).startsWith('(combined from similar events): '));
    assert.equal(combined?.['message'], '(combined from similar events): Created pod: big-24');
    assert.equal(combined?.['count'], 16);
  });

  test('a repeat waits for the write of the event it repeats, then patches it', async () => {
    const from = server.requests.length;
    const recorder = new ApiEventRecorder(client, { component: 'kubelet', clock: new FakeClock() });
    recorder.event(replicaSet('twice'), EventType.Warning, 'BackOff', 'Back-off');
    recorder.event(replicaSet('twice'), EventType.Warning, 'BackOff', 'Back-off');
    await recorder.flush();
    const requests = eventRequests(from);
    assert.equal(requests.length, 2);
    assert.equal(requests[0], 'POST');
    assert.match(requests[1] ?? '', /^PATCH twice\.[0-9a-f]+$/);
    const stored = server.store.list(EVENTS, 'ns').filter((e) => e['reason'] === 'BackOff');
    assert.deepEqual(
      stored.map((e) => e['count']),
      [2],
    );
  });

  test('a repeat of an event that is gone creates it again, with the count so far', async () => {
    const recorder = new ApiEventRecorder(client, { component: 'kubelet', clock: new FakeClock() });
    recorder.event(replicaSet('gone'), EventType.Normal, 'Pulled', 'Pulled image');
    await recorder.flush();
    const first = server.store.list(EVENTS, 'ns').find((e) => e['reason'] === 'Pulled');
    server.store.remove(EVENTS, 'ns', String(first?.metadata?.['name']));
    const from = server.requests.length;
    recorder.event(replicaSet('gone'), EventType.Normal, 'Pulled', 'Pulled image');
    await recorder.flush();
    assert.deepEqual(
      eventRequests(from).map((r) => r.split(' ')[0]),
      ['PATCH', 'POST'],
    );
    const again = server.store.list(EVENTS, 'ns').filter((e) => e['reason'] === 'Pulled');
    assert.deepEqual(
      again.map((e) => [e.metadata?.['name'], e['count']]),
      [[first?.metadata?.['name'], 2]],
    );
  });

  test('events beyond the queue limit are dropped, not written', async () => {
    const from = server.requests.length;
    const recorder = new ApiEventRecorder(client, { component: 'c', queueLimit: 2, concurrency: 1 });
    for (let i = 0; i < 5; i++) recorder.event(replicaSet(`q${i}`), EventType.Normal, 'R', 'm');
    await recorder.flush();
    assert.equal(eventRequests(from).length, 3);
    assert.equal(recorder.dropped, 2);
  });

  test('with unbounded concurrency, a burst beyond the queue limit is all written, none dropped', async () => {
    const from = server.requests.length;
    const recorder = new ApiEventRecorder(client, {
      component: 'c',
      queueLimit: 2,
      concurrency: Number.POSITIVE_INFINITY,
    });
    for (let i = 0; i < 50; i++) recorder.event(replicaSet(`u${i}`), EventType.Normal, 'R', 'm');
    await recorder.flush();
    assert.equal(eventRequests(from).length, 50);
    assert.equal(recorder.dropped, 0);
  });
});
