import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { MemoryEventRecorder } from '../../client/record/event-recorder.js';
import { ApiError } from '../../client/rest/api-error.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { labelSelectorFromSet } from '../../machinery/labels/index.js';
import { StatusReason } from '../../machinery/status.js';
import { Expectations } from '../framework/expectations.js';
import { manageReplicas, type PodControl } from './manage-replicas.js';
import type { ReplicaOwner } from './replicated-kind.js';

const owner = (replicas: number): ReplicaOwner => ({
  namespace: 'ns',
  name: 'web',
  uid: 'rs-uid',
  generation: 1,
  deleting: false,
  replicas,
  minReadySeconds: 0,
  selector: labelSelectorFromSet({ app: 'web' }),
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
  status: { replicas: 0 },
  object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'ns', uid: 'rs-uid' } },
});

const forbidden = (message: string): ApiError =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: StatusReason.Forbidden,
    code: 403,
  });

/** A pods client that records calls; `failCreates` makes every create fail. */
function fakePods(failCreates = false) {
  const created: Pod[] = [];
  const deleted: string[] = [];
  const client = {
    async create(_ns: string, pod: Pod): Promise<Pod> {
      if (failCreates) throw forbidden('pods "web-" is forbidden: exceeded quota');
      created.push(pod);
      return { ...pod, metadata: { ...pod.metadata, name: `web-${created.length}` } };
    },
    async delete(_ns: string, name: string): Promise<unknown> {
      deleted.push(name);
      return {};
    },
  };
  return { created, deleted, client: client as unknown as ResourceClient<Pod> };
}

function control(pods: ResourceClient<Pod>) {
  const recorder = new MemoryEventRecorder();
  const expectations = new Expectations();
  const c: PodControl = {
    pods,
    recorder,
    expectations,
    ownerApiVersion: 'apps/v1',
    ownerKind: 'ReplicaSet',
    burstReplicas: 500,
    now: () => Date.now(),
  };
  return { c, recorder, expectations };
}

const livePod = (name: string, ready: boolean): Pod =>
  ({
    metadata: { name, uid: `uid-${name}`, labels: { app: 'web' } },
    spec: { nodeName: 'n' },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  }) as Pod;

describe('managing replicas', () => {
  test('missing pods are created from the template, expected, and reported', async () => {
    const fake = fakePods();
    const { c, recorder, expectations } = control(fake.client);
    const error = await manageReplicas(c, owner(3), [], () => []);
    assert.equal(error, undefined);
    assert.equal(fake.created.length, 3);
    assert.equal(fake.created[0]?.metadata?.generateName, 'web-');
    assert.deepEqual(fake.created[0]?.metadata?.ownerReferences?.[0], {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'web',
      uid: 'rs-uid',
      controller: true,
      blockOwnerDeletion: true,
    });
    assert.deepEqual(
      recorder.recorded.map((e) => `${e.type} ${e.reason}: ${e.message}`),
      [
        'Normal SuccessfulCreate: Created pod: web-1',
        'Normal SuccessfulCreate: Created pod: web-2',
        'Normal SuccessfulCreate: Created pod: web-3',
      ],
    );
    assert.equal(expectations.satisfied('ns/web'), false, 'three creations are awaited');
    for (let i = 0; i < 3; i++) expectations.creationObserved('ns/web');
    assert.equal(expectations.satisfied('ns/web'), true);
  });

  test('a refused creation stops the slow start after one attempt and expects nothing', async () => {
    const fake = fakePods(true);
    const { c, recorder, expectations } = control(fake.client);
    const error = await manageReplicas(c, owner(100), [], () => []);
    assert.match((error as Error).message, /exceeded quota/);
    assert.equal(recorder.recorded.length, 1);
    assert.equal(recorder.recorded[0]?.reason, 'FailedCreate');
    assert.equal(recorder.recorded[0]?.message, 'Error creating: pods "web-" is forbidden: exceeded quota');
    assert.equal(expectations.satisfied('ns/web'), true, 'failed and skipped creations are not awaited');
  });

  test('extra pods are deleted, the not-ready first, and their deletions expected by UID', async () => {
    const fake = fakePods();
    const { c, recorder, expectations } = control(fake.client);
    const pods = [livePod('a', true), livePod('b', false), livePod('c', true)];
    const error = await manageReplicas(c, owner(2), pods, () => pods);
    assert.equal(error, undefined);
    assert.deepEqual(fake.deleted, ['b']);
    assert.deepEqual(
      recorder.recorded.map((e) => `${e.reason}: ${e.message}`),
      ['SuccessfulDelete: Deleted pod: b'],
    );
    assert.equal(expectations.satisfied('ns/web'), false);
    expectations.deletionObserved('ns/web', 'uid-a');
    assert.equal(expectations.satisfied('ns/web'), false, 'another pod going away is not the awaited deletion');
    expectations.deletionObserved('ns/web', 'uid-b');
    assert.equal(expectations.satisfied('ns/web'), true);
  });

  test('the right number of pods does nothing', async () => {
    const fake = fakePods();
    const { c } = control(fake.client);
    const pods = [livePod('a', true)];
    assert.equal(await manageReplicas(c, owner(1), pods, () => pods), undefined);
    assert.equal(fake.created.length + fake.deleted.length, 0);
  });
});
