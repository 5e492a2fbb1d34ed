import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './network-printers.js';
import { ago, pick, row } from './testing.js';

function service(spec: Record<string, unknown>, status: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop', creationTimestamp: ago(45) }, spec, status };
}

describe('Service printer', () => {
  test('a cluster-IP service prints <none> for its external IP and its ports as port/protocol', () => {
    const svc = service({
      type: 'ClusterIP',
      clusterIP: '10.43.12.7',
      clusterIPs: ['10.43.12.7'],
      ports: [
        { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
      selector: { app: 'shop', tier: 'web' },
    });
    assert.deepEqual(row(servicePrinter, svc), {
      Name: 'shop',
      Type: 'ClusterIP',
      'Cluster-IP': '10.43.12.7',
      'External-IP': '<none>',
      'Port(s)': '80/TCP,53/UDP',
      Age: '45s',
      Selector: 'app=shop,tier=web',
    });
  });

  const cases: Array<[string, ReturnType<typeof service>, Record<string, string>]> = [
    [
      'a node port prints as port:nodePort/protocol',
      service({ type: 'NodePort', clusterIPs: ['10.43.0.9'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }),
      { 'Port(s)': '80:30080/TCP', 'External-IP': '<none>' },
    ],
    [
      'a load balancer without ingress is <pending>',
      service({
        type: 'LoadBalancer',
        clusterIPs: ['10.43.0.10'],
        ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }],
      }),
      { 'External-IP': '<pending>' },
    ],
    [
      'a load balancer lists its ingress points sorted, then its external IPs, unclipped',
      service(
        { type: 'LoadBalancer', externalIPs: ['203.0.113.9'] },
        { loadBalancer: { ingress: [{ hostname: 'shop-1234567890.elb.example.com' }, { ip: '198.51.100.4' }] } },
      ),
      { 'External-IP': '198.51.100.4,shop-1234567890.elb.example.com,203.0.113.9' },
    ],
    [
      'a cluster-IP service with external IPs lists them',
      service({ type: 'ClusterIP', externalIPs: ['192.0.2.1', '192.0.2.2'] }),
      { 'External-IP': '192.0.2.1,192.0.2.2' },
    ],
    [
      'an external-name service prints the name and no cluster IP',
      service({ type: 'ExternalName', externalName: 'db.example.com' }),
      { 'Cluster-IP': '<none>', 'External-IP': 'db.example.com', 'Port(s)': '<none>' },
    ],
    ['a headless service prints None', service({ clusterIP: 'None', clusterIPs: ['None'] }), { 'Cluster-IP': 'None' }],
    [
      'missing type and protocol read as their defaults',
      service({ clusterIPs: ['10.43.0.11'], ports: [{ port: 8080 }] }),
      { Type: 'ClusterIP', 'Port(s)': '8080/TCP', Selector: '<none>' },
    ],
  ];
  for (const [name, obj, want] of cases)
    test(name, () => assert.deepEqual(pick(servicePrinter, obj, Object.keys(want)), want));
});

describe('Endpoints printer', () => {
  const endpoints = (subsets?: unknown[]) => ({ metadata: { name: 'shop', creationTimestamp: ago(45) }, subsets });
  const cases: Array<[string, ReturnType<typeof endpoints>, string]> = [
    ['no subsets print <none>', endpoints(), '<none>'],
    [
      'addresses print as ip:port per port',
      endpoints([{ addresses: [{ ip: '10.42.0.7' }, { ip: '10.42.0.8' }], ports: [{ port: 8080 }] }]),
      '10.42.0.7:8080,10.42.0.8:8080',
    ],
    [
      'more than three endpoints are summarised',
      endpoints([
        {
          addresses: [{ ip: '10.42.0.7' }, { ip: '10.42.0.8' }, { ip: '10.42.1.3' }],
          ports: [
            { name: 'http', port: 8080 },
            { name: 'metrics', port: 9090 },
          ],
        },
      ]),
      '10.42.0.7:8080,10.42.0.8:8080,10.42.1.3:8080 + 3 more...',
    ],
    ['a port-less subset prints bare IPs', endpoints([{ addresses: [{ ip: '10.42.0.7' }] }]), '10.42.0.7'],
    [
      'IPv6 addresses are bracketed',
      endpoints([{ addresses: [{ ip: 'fd00::7' }], ports: [{ port: 80 }] }]),
      '[fd00::7]:80',
    ],
    [
      'subsets with only unready addresses print empty',
      endpoints([{ notReadyAddresses: [{ ip: '10.42.0.7' }], ports: [{ port: 80 }] }]),
      '',
    ],
  ];
  for (const [name, obj, want] of cases) test(name, () => assert.equal(row(endpointsPrinter, obj).Endpoints, want));
});

describe('EndpointSlice printer', () => {
  test('a slice prints its address type, ports and addresses', () => {
    const slice = {
      metadata: { name: 'shop-x7k2p', creationTimestamp: ago(45) },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics' }, {}],
      endpoints: [
        { addresses: ['10.42.0.7'] },
        { addresses: ['10.42.0.8'] },
        { addresses: ['10.42.1.3'] },
        { addresses: ['10.42.1.4'] },
      ],
    };
    assert.deepEqual(row(endpointSlicePrinter, slice), {
      Name: 'shop-x7k2p',
      AddressType: 'IPv4',
      Ports: '8080,metrics,*',
      Endpoints: '10.42.0.7,10.42.0.8,10.42.1.3 + 1 more...',
      Age: '45s',
    });
  });

  test('an empty slice prints <unset> for ports and endpoints', () => {
    const r = row(endpointSlicePrinter, { metadata: { name: 'idle' }, addressType: 'IPv6' });
    assert.deepEqual([r.Ports, r.Endpoints], ['<unset>', '<unset>']);
  });
});

describe('Ingress printer', () => {
  const ingress = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => ({
    metadata: { name: 'shop', creationTimestamp: ago(45) },
    spec,
    status,
  });
  const cases: Array<[string, ReturnType<typeof ingress>, Record<string, string>]> = [
    [
      'an ingress with TLS listens on 80 and 443',
      ingress(
        { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com' }], tls: [{ hosts: ['shop.example.com'] }] },
        { loadBalancer: { ingress: [{ ip: '198.51.100.4' }] } },
      ),
      { Class: 'nginx', Hosts: 'shop.example.com', Address: '198.51.100.4', Ports: '80, 443' },
    ],
    [
      'rules without hosts match any host',
      ingress({ rules: [{ http: { paths: [] } }] }),
      { Class: '<none>', Hosts: '*', Address: '', Ports: '80' },
    ],
    [
      'more than three hosts are summarised by rule count',
      ingress({
        rules: [
          { host: 'a.example.com' },
          { host: 'b.example.com' },
          { host: 'c.example.com' },
          { host: 'd.example.com' },
          {},
        ],
      }),
      { Hosts: 'a.example.com,b.example.com,c.example.com + 2 more...' },
    ],
  ];
  for (const [name, obj, want] of cases)
    test(name, () => assert.deepEqual(pick(ingressPrinter, obj, Object.keys(want)), want));
});

describe('IngressClass printer', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['without parameters it prints <none>', {}, '<none>'],
    [
      'core-group parameters print kind/name',
      { parameters: { kind: 'ConfigMap', name: 'nginx-config' } },
      'ConfigMap/nginx-config',
    ],
    [
      'grouped parameters print kind.group/name',
      { parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
      'IngressParameters.k8s.example.com/external-lb',
    ],
  ];
  for (const [name, extra, want] of cases) {
    test(name, () => {
      const cls = {
        metadata: { name: 'nginx', creationTimestamp: ago(45) },
        spec: { controller: 'k8s.io/ingress-nginx', ...extra },
      };
      assert.deepEqual(row(ingressClassPrinter, cls), {
        Name: 'nginx',
        Controller: 'k8s.io/ingress-nginx',
        Parameters: want,
        Age: '45s',
      });
    });
  }
});

describe('NetworkPolicy printer', () => {
  test('a policy prints its pod selector, and <none> for the empty selector', () => {
    const policy = (podSelector: unknown) => ({
      metadata: { name: 'deny-all', creationTimestamp: ago(45) },
      spec: { podSelector },
    });
    assert.equal(row(networkPolicyPrinter, policy({ matchLabels: { app: 'db' } }))['Pod-Selector'], 'app=db');
    assert.equal(row(networkPolicyPrinter, policy({}))['Pod-Selector'], '<none>');
  });
});
