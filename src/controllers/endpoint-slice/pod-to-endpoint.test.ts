import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addressTypesForService, endpointPorts, podToEndpoint } from './pod-to-endpoint.js';
import { fixturePod, fixtureService, nodeOf } from './slice-test-fixtures.js';

describe('podToEndpoint conditions', () => {
  const cases: {
    name: string;
    ready: boolean;
    deleting: boolean;
    publishNotReady: boolean;
    expected: { ready: boolean; serving: boolean; terminating: boolean };
  }[] = [
    {
      name: 'a ready pod is ready and serving',
      ready: true,
      deleting: false,
      publishNotReady: false,
      expected: { ready: true, serving: true, terminating: false },
    },
    {
      name: 'an unready pod is neither ready nor serving',
      ready: false,
      deleting: false,
      publishNotReady: false,
      expected: { ready: false, serving: false, terminating: false },
    },
    {
      name: 'a terminating pod that still passes readiness is serving but not ready',
      ready: true,
      deleting: true,
      publishNotReady: false,
      expected: { ready: false, serving: true, terminating: true },
    },
    {
      name: 'a terminating unready pod is none of ready and serving',
      ready: false,
      deleting: true,
      publishNotReady: false,
      expected: { ready: false, serving: false, terminating: true },
    },
    {
      name: 'with publishNotReadyAddresses an unready pod is ready (but not serving)',
      ready: false,
      deleting: false,
      publishNotReady: true,
      expected: { ready: true, serving: false, terminating: false },
    },
    {
      name: 'with publishNotReadyAddresses a terminating pod is ready',
      ready: true,
      deleting: true,
      publishNotReady: true,
      expected: { ready: true, serving: true, terminating: true },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const pod = fixturePod('p', 1, { ready: c.ready, deleting: c.deleting });
      const service = fixtureService({ publishNotReadyAddresses: c.publishNotReady });
      assert.deepEqual(podToEndpoint(pod, nodeOf('node-a'), service, 'IPv4').conditions, c.expected);
    });
  }
});

describe('podToEndpoint fields', () => {
  test('an endpoint carries the address, node, zone of the node and a reference to the pod', () => {
    const endpoint = podToEndpoint(fixturePod('p', 7), nodeOf('node-a'), fixtureService(), 'IPv4');
    assert.deepEqual(endpoint, {
      addresses: ['10.0.0.7'],
      conditions: { ready: true, serving: true, terminating: false },
      targetRef: { kind: 'Pod', namespace: 'ns', name: 'p', uid: 'uid-p' },
      nodeName: 'node-a',
      zone: 'zone-a',
    });
  });

  test('a node without a zone label gives no zone; the hostname is set for pods in the subdomain', () => {
    const pod = fixturePod('p', 7, { node: 'node-b', hostname: 'h', subdomain: 'web' });
    const endpoint = podToEndpoint(pod, nodeOf('node-b'), fixtureService(), 'IPv4');
    assert.equal(endpoint.zone, undefined);
    assert.equal(endpoint.hostname, 'h');
  });

  test('only addresses of the slice type are listed', () => {
    const pod = fixturePod('p', 1, { ips: ['10.0.0.1', 'fd00::0:1'] });
    assert.deepEqual(podToEndpoint(pod, undefined, fixtureService(), 'IPv6').addresses, ['fd00::1']);
    assert.deepEqual(podToEndpoint(pod, undefined, fixtureService(), 'IPv4').addresses, ['10.0.0.1']);
  });
});

describe('endpointPorts and address types', () => {
  test('ports carry name, resolved port, protocol and appProtocol; unresolvable ones are left out', () => {
    const service = fixtureService({
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
        { name: 'missing', port: 81, targetPort: 'nope', protocol: 'TCP' },
        { port: 82, targetPort: 9000, protocol: 'UDP' },
      ],
    });
    assert.deepEqual(endpointPorts(service, fixturePod('p', 1, { httpPort: 8081 })), [
      { name: 'http', port: 8081, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
      { name: '', port: 9000, protocol: 'UDP' },
    ]);
  });

  const families: { name: string; spec: Parameters<typeof fixtureService>[0]; expected: string[] }[] = [
    {
      name: 'the IP families of the Service decide',
      spec: { ipFamilies: ['IPv6', 'IPv4'] },
      expected: ['IPv4', 'IPv6'],
    },
    {
      name: 'without families, the cluster IP decides',
      spec: { ipFamilies: [], clusterIP: 'fd00::a' },
      expected: ['IPv6'],
    },
    {
      name: 'a headless Service without families gets both',
      spec: { ipFamilies: [], clusterIP: 'None' },
      expected: ['IPv4', 'IPv6'],
    },
  ];
  for (const c of families) {
    test(c.name, () => {
      assert.deepEqual([...addressTypesForService(fixtureService(c.spec))].sort(), c.expected);
    });
  }
});
