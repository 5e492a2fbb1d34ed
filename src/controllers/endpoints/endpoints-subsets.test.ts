import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { desiredSubsets, endpointAddressFor } from './endpoints-subsets.js';
import type { Subset } from './repack-subsets.js';

interface PodOptions {
  ip?: string;
  ips?: string[];
  ready?: boolean;
  deleting?: boolean;
  phase?: string;
  hostname?: string;
  subdomain?: string;
  httpPort?: number;
}

function pod(name: string, o: PodOptions = {}): Pod {
  const ip = o.ip ?? (o.ips === undefined ? `10.0.0.${name.slice(-1)}` : undefined);
  return {
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      labels: { app: 'web' },
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: 'node-a',
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
      containers: [{ name: 'c', ports: [{ name: 'http', containerPort: o.httpPort ?? 8080 }] }],
    },
    status: {
      phase: o.phase ?? 'Running',
      ...(ip ? { podIP: ip } : {}),
      podIPs: (o.ips ?? (ip ? [ip] : [])).map((i) => ({ ip: i })),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  } as Pod;
}

function service(spec: Partial<NonNullable<Service['spec']>> = {}): Service {
  return {
    metadata: { name: 'web', namespace: 'ns' },
    spec: {
      selector: { app: 'web' },
      clusterIP: '10.96.0.10',
      ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      ...spec,
    },
  } as Service;
}

const ref = (name: string) => ({ kind: 'Pod', namespace: 'ns', name, uid: `uid-${name}` });
const address = (name: string, ip = `10.0.0.${name.slice(-1)}`) => ({ ip, nodeName: 'node-a', targetRef: ref(name) });
const http = (port = 8080) => ({ name: 'http', port, protocol: 'TCP' });

describe('desiredSubsets', () => {
  const cases: { name: string; service: Service; pods: Pod[]; expected: Subset[] }[] = [
    {
      name: 'ready pods are addresses, unready pods not-ready addresses, on the resolved named port',
      service: service(),
      pods: [pod('p1'), pod('p2', { ready: false })],
      expected: [{ addresses: [address('p1')], notReadyAddresses: [address('p2')], ports: [http()] }],
    },
    {
      name: 'with publishNotReadyAddresses every pod is a ready address',
      service: service({ publishNotReadyAddresses: true }),
      pods: [pod('p1'), pod('p2', { ready: false })],
      expected: [{ addresses: [address('p1'), address('p2')], ports: [http()] }],
    },
    {
      name: 'pods without an IP, terminal pods and terminating pods are left out',
      service: service(),
      pods: [pod('p1'), pod('p2', { ips: [] }), pod('p3', { phase: 'Succeeded' }), pod('p4', { deleting: true })],
      expected: [{ addresses: [address('p1')], ports: [http()] }],
    },
    {
      name: 'with publishNotReadyAddresses terminating pods stay',
      service: service({ publishNotReadyAddresses: true }),
      pods: [pod('p4', { deleting: true })],
      expected: [{ addresses: [address('p4')], ports: [http()] }],
    },
    {
      name: 'pods resolving the named port to different numbers land in different subsets',
      service: service(),
      pods: [pod('p1'), pod('p2', { httpPort: 9090 })],
      expected: [
        { addresses: [address('p1')], ports: [http(8080)] },
        { addresses: [address('p2')], ports: [http(9090)] },
      ],
    },
    {
      name: 'a pod without the named port gets no address for that port',
      service: service({
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'admin', port: 81, targetPort: 'admin', protocol: 'TCP' },
        ],
      }),
      pods: [pod('p1')],
      expected: [{ addresses: [address('p1')], ports: [http()] }],
    },
    {
      name: 'a numeric targetPort is the same on every pod, with appProtocol carried over',
      service: service({ ports: [{ port: 80, targetPort: 9376, protocol: 'TCP', appProtocol: 'http' }] }),
      pods: [pod('p1'), pod('p2')],
      expected: [
        {
          addresses: [address('p1'), address('p2')],
          ports: [{ port: 9376, protocol: 'TCP', appProtocol: 'http' }],
        },
      ],
    },
    {
      name: 'a headless Service without ports lists addresses without ports',
      service: service({ clusterIP: 'None', ports: [] }),
      pods: [pod('p1')],
      expected: [{ addresses: [address('p1')] }],
    },
    {
      name: 'a Service with a cluster IP but no ports lists nothing',
      service: service({ ports: [] }),
      pods: [pod('p1')],
      expected: [],
    },
    {
      name: 'the hostname is set when the pod names the Service as its subdomain',
      service: service(),
      pods: [pod('p1', { hostname: 'h1', subdomain: 'web' }), pod('p2', { hostname: 'h2', subdomain: 'other' })],
      expected: [{ addresses: [{ ...address('p1'), hostname: 'h1' }, address('p2')], ports: [http()] }],
    },
    {
      name: 'an IPv6 Service takes the IPv6 address of a dual-stack pod',
      service: service({ clusterIP: 'fd00::10', ipFamilies: ['IPv6'] }),
      pods: [pod('p1', { ips: ['10.0.0.1', 'fd00:0:0::1'] })],
      expected: [{ addresses: [address('p1', 'fd00::1')], ports: [http()] }],
    },
    {
      name: 'an IPv4 Service skips a pod with IPv6 addresses only',
      service: service(),
      pods: [pod('p1', { ips: ['fd00::1'] })],
      expected: [],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(desiredSubsets(c.service, c.pods).subsets, c.expected);
    });
  }

  test('a headless Service without families uses the family of the pod IP', () => {
    const headless = service({ clusterIP: 'None', ipFamilies: undefined });
    assert.equal(endpointAddressFor(headless, pod('p1', { ip: 'fd00::1', ips: ['fd00::1'] }))?.ip, 'fd00::1');
  });

  test('ready and not-ready pairs are counted', () => {
    const result = desiredSubsets(service(), [pod('p1'), pod('p2', { ready: false }), pod('p3', { ready: false })]);
    assert.deepEqual([result.ready, result.notReady], [1, 2]);
  });
});
