/** The resource quota controller against a real skiff server: status.used follows what the namespace holds. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConfigMap } from '../../api/core/v1/config-map.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';
import type { KubeObject } from '../../client/kube-object.js';
import {
  type ControllerCluster,
  type RunningControllers,
  runControllers,
  startControllerCluster,
  waitFor,
} from '../replicaset/controller-test-support.js';
import { newResourceQuotaController, RESOURCE_QUOTAS } from './resource-quota-controller.js';

const core = (resource: string) => ({ group: '', version: 'v1', resource, namespaced: true }) as const;
const NS = 'team';

describe('resource quota controller', () => {
  let h: ControllerCluster;
  let controllers: RunningControllers;
  const quotas = () => h.client.resource<ResourceQuota>(RESOURCE_QUOTAS);
  const pods = () => h.client.resource<Pod>(core('pods'));
  const configMaps = () => h.client.resource<ConfigMap>(core('configmaps'));

  /** Waits until the quota's status.used equals `expected`. */
  const usedBecomes = (name: string, expected: Record<string, string>) =>
    waitFor(`${name} used to be ${JSON.stringify(expected)}`, async () => {
      const q = await quotas().get(NS, name);
      return JSON.stringify(q.status?.used ?? {}) === JSON.stringify(expected) ? q : undefined;
    });

  const pod = (name: string, cpu: string, memory: string): Pod => ({
    metadata: { name, namespace: NS },
    spec: { containers: [{ name: 'c', image: 'registry.invalid/app', resources: { requests: { cpu, memory } } }] },
  });

  before(async () => {
    h = await startControllerCluster();
    await h.client.resource(core('namespaces')).create('', { metadata: { name: NS } });
    controllers = await runControllers(h.client, [newResourceQuotaController]);
  });

  after(async () => {
    await controllers.stop();
    await h.stop();
  });

  test('a new quota gets status.hard from its spec and zero usage', async () => {
    await quotas().create(NS, {
      metadata: { name: 'compute', namespace: NS },
      spec: {
        hard: { pods: '10', 'requests.cpu': '4', 'requests.memory': '8Gi', configmaps: '5', 'count/pods': '20' },
      },
    });
    const q = await usedBecomes('compute', {
      configmaps: '0',
      'count/pods': '0',
      pods: '0',
      'requests.cpu': '0',
      'requests.memory': '0',
    });
    assert.deepEqual(q.status?.hard, {
      configmaps: '5',
      'count/pods': '20',
      pods: '10',
      'requests.cpu': '4',
      'requests.memory': '8Gi',
    });
  });

  test('used follows pods and configmaps as they come and go', async () => {
    await pods().create(NS, pod('a', '500m', '1Gi'));
    await pods().create(NS, pod('b', '1', '2Gi'));
    await configMaps().create(NS, { metadata: { name: 'one', namespace: NS }, data: { k: 'v' } });
    await configMaps().create(NS, { metadata: { name: 'two', namespace: NS } });
    await usedBecomes('compute', {
      configmaps: '2',
      'count/pods': '2',
      pods: '2',
      'requests.cpu': '1500m',
      'requests.memory': '3Gi',
    });

    // A finished pod stops counting against compute quota but still exists.
    const b = await pods().get(NS, 'b');
    b.status = { ...b.status, phase: 'Succeeded' };
    await pods().updateStatus(NS, b);
    await configMaps().delete(NS, 'one');
    await usedBecomes('compute', {
      configmaps: '1',
      'count/pods': '2',
      pods: '1',
      'requests.cpu': '500m',
      'requests.memory': '1Gi',
    });

    await pods().delete(NS, 'a');
    await usedBecomes('compute', {
      configmaps: '1',
      'count/pods': '1',
      pods: '0',
      'requests.cpu': '0',
      'requests.memory': '0',
    });
  });

  test('a quota on count/<resource>.<group> counts objects of any served resource', async () => {
    await quotas().create(NS, {
      metadata: { name: 'objects', namespace: NS },
      spec: { hard: { 'count/deployments.apps': '3' } },
    });
    await usedBecomes('objects', { 'count/deployments.apps': '0' });
    await h.client
      .resource<KubeObject>({ group: 'apps', version: 'v1', resource: 'deployments', namespaced: true })
      .create(NS, {
        metadata: { name: 'web', namespace: NS },
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
        },
      } as KubeObject);
    await usedBecomes('objects', { 'count/deployments.apps': '1' });
  });

  test('changing spec.hard changes status.hard and what is measured', async () => {
    const q = await quotas().get(NS, 'compute');
    q.spec = { hard: { pods: '3', configmaps: '5' } };
    await quotas().update(NS, q);
    const updated = await usedBecomes('compute', { configmaps: '1', pods: '0' });
    assert.deepEqual(updated.status?.hard, { configmaps: '5', pods: '3' });
  });
});
