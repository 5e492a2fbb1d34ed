/**
 * For the tests of the endpoint and disruption controllers: pods and Services as the tests need them, and
 * the kubelet's part (pod IP, Ready) played through the status subresource.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import { PODS, SERVICES } from './resources.js';

export interface TestPodOptions {
  readonly labels?: Record<string, string>;
  readonly node?: string;
  /** Container ports by name. */
  readonly ports?: Record<string, number>;
  readonly hostname?: string;
  readonly subdomain?: string;
  readonly ownerReferences?: NonNullable<Pod['metadata']>['ownerReferences'];
}

/** Creates a pod (already bound to `node`, default `node-a`). */
export async function createTestPod(
  client: RestClient,
  namespace: string,
  name: string,
  o: TestPodOptions = {},
): Promise<Pod> {
  const ports = Object.entries(o.ports ?? {}).map(([portName, containerPort]) => ({ name: portName, containerPort }));
  return client.resource<Pod>(PODS).create(namespace, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: o.labels ?? {}, ...(o.ownerReferences ? { ownerReferences: o.ownerReferences } : {}) },
    spec: {
      nodeName: o.node ?? 'node-a',
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
      containers: [{ name: 'c', image: 'nginx', ...(ports.length > 0 ? { ports } : {}) }],
    },
  } as Pod);
}

/** Plays the kubelet: the pod runs with `ip`, Ready or not. */
export async function setTestPodStatus(
  client: RestClient,
  namespace: string,
  name: string,
  status: { readonly ip: string; readonly ready: boolean },
): Promise<void> {
  const pods = client.resource<Pod>(PODS);
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      const fresh = await pods.get(namespace, name);
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const wasReady = fresh.status?.conditions?.find((c) => c.type === 'Ready');
      const changed = wasReady?.status !== (status.ready ? 'True' : 'False');
      fresh.status = {
        ...fresh.status,
        phase: 'Running',
        podIP: status.ip,
        podIPs: [{ ip: status.ip }],
        conditions: [
          {
            type: 'Ready',
            status: status.ready ? 'True' : 'False',
            lastTransitionTime: changed ? now : (wasReady?.lastTransitionTime ?? now),
          },
        ],
      };
      await pods.updateStatus(namespace, fresh);
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err)) throw err;
    }
  }
}

/** Creates a Service selecting `selector` (none: a Service without selector). */
export async function createTestService(
  client: RestClient,
  namespace: string,
  name: string,
  spec: Partial<NonNullable<Service['spec']>>,
  labels?: Record<string, string>,
): Promise<Service> {
  return client.resource<Service>(SERVICES).create(namespace, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  } as Service);
}
