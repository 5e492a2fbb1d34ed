/** Pods, Services, Nodes and slices for the table-driven tests of the slice planning. */
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';

export interface FixturePod {
  readonly ips?: string[];
  readonly ready?: boolean;
  readonly deleting?: boolean;
  readonly node?: string;
  readonly httpPort?: number;
  readonly hostname?: string;
  readonly subdomain?: string;
}

/** A running pod `name` of app `web` in namespace `ns`; its IP is 10.0.<i / 250>.<i % 250> for `i`. */
export function fixturePod(name: string, i: number, o: FixturePod = {}): Pod {
  const ips = o.ips ?? [`10.0.${Math.floor(i / 250)}.${i % 250}`];
  return {
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      labels: { app: 'web' },
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: o.node ?? 'node-a',
      ...(o.hostname ? { hostname: o.hostname, subdomain: o.subdomain ?? '' } : {}),
      containers: [{ name: 'c', ports: [{ name: 'http', containerPort: o.httpPort ?? 8080 }] }],
    },
    status: {
      phase: 'Running',
      podIPs: ips.map((ip) => ({ ip })),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  } as Pod;
}

export const fixturePods = (count: number, o: FixturePod = {}): Pod[] =>
  Array.from({ length: count }, (_, i) => fixturePod(`p${i}`, i, o));

export function fixtureService(
  spec: Partial<NonNullable<Service['spec']>> = {},
  labels?: Record<string, string>,
): Service {
  return {
    metadata: { name: 'web', namespace: 'ns', uid: 'svc-uid', ...(labels ? { labels } : {}) },
    spec: {
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      ...spec,
    },
  } as Service;
}

export const fixtureNodes: Record<string, Node> = {
  'node-a': { metadata: { name: 'node-a', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } } as Node,
  'node-b': { metadata: { name: 'node-b' } } as Node,
};

export const nodeOf = (name: string): Node | undefined => fixtureNodes[name];

/** Gives planned slices the names, UIDs and generations a server would (to feed them back as existing). */
export function asStored(slices: readonly EndpointSlice[], prefix = 'web-'): EndpointSlice[] {
  return slices.map((s, i) => {
    const copy = structuredClone(s);
    const metadata = (copy.metadata ??= {});
    metadata.name ??= `${prefix}${i}`;
    metadata.uid ??= `uid-${metadata.name}`;
    metadata.resourceVersion ??= '1';
    return copy;
  });
}
