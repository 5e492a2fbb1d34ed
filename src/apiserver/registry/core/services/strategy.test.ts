import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceKind } from '../../../../api/core/v1/service.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update, updateStatus } from '../validation/strategy-harness.js';
import { servicesStrategy } from './strategy.js';

type Spec = Record<string, unknown>;
const svc = (spec: Spec, extra: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec,
  ...extra,
});
const web = (spec: Spec = {}): ApiObject => svc({ selector: { app: 'web' }, ports: [{ port: 80 }], ...spec });

describe('services strategy: create', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    { name: 'a plain ClusterIP service is valid', input: web(), errors: [] },
    { name: 'a headless service needs no ports', input: svc({ clusterIP: 'None' }), errors: [] },
    {
      name: 'an ExternalName service needs no ports',
      input: svc({ type: 'ExternalName', externalName: 'db.example.com.' }),
      errors: [],
    },
    {
      name: 'a service without ports is rejected',
      input: svc({ selector: { app: 'web' } }),
      errors: ['spec.ports: Required value'],
    },
    {
      name: 'several ports each need a name',
      input: web({ ports: [{ name: 'http', port: 80 }, { port: 443 }] }),
      errors: ['spec.ports[1].name: Required value'],
    },
    {
      name: 'a port outside 1-65535 is rejected',
      input: web({ ports: [{ port: 70000, targetPort: 8080 }] }),
      errors: ['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    },
    {
      name: 'an unknown protocol is rejected with the supported list',
      input: web({ ports: [{ port: 80, protocol: 'HTTP' }] }),
      errors: ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    },
    {
      name: 'an unknown type is rejected with the supported list',
      input: web({ type: 'Magic' }),
      errors: [
        'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    },
    {
      name: 'a port name must be a DNS label',
      input: web({ ports: [{ name: 'Web_Port', port: 80 }] }),
      errors: [
        `spec.ports[0].name: Invalid value: "Web_Port": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      ],
    },
    {
      name: 'duplicate port names are rejected',
      input: web({
        ports: [
          { name: 'a', port: 80 },
          { name: 'a', port: 81 },
        ],
      }),
      errors: ['spec.ports[1].name: Duplicate value: "a"'],
    },
    {
      name: 'a named target port must be an IANA service name',
      input: web({ ports: [{ port: 80, targetPort: 'http--alt' }] }),
      errors: ['spec.ports[0].targetPort: Invalid value: "http--alt": must not contain consecutive hyphens'],
    },
    {
      name: 'a node port on a ClusterIP service is forbidden',
      input: web({ ports: [{ port: 80, nodePort: 30080 }] }),
      errors: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    },
    {
      name: 'an ExternalName service needs an external name',
      input: svc({ type: 'ExternalName' }),
      errors: ['spec.externalName: Required value'],
    },
    {
      name: 'a cluster IP must be an IP address',
      input: web({ clusterIP: '10.0.0.300' }),
      errors: [
        'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ],
    },
    {
      name: 'a loopback external IP is rejected',
      input: web({ externalIPs: ['127.0.0.1'] }),
      errors: [
        'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      ],
    },
    {
      name: 'a ClientIP affinity timeout above one day is rejected',
      input: web({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } } }),
      errors: [
        'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 90000: must be greater than 0 and less than 86400',
      ],
    },
    {
      name: 'source ranges are only for load balancers',
      input: web({ loadBalancerSourceRanges: ['10.0.0.0/8'] }),
      errors: ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    },
    {
      name: 'a load balancer may not expose the kubelet port',
      input: web({ type: 'LoadBalancer', ports: [{ port: 10250 }] }),
      errors: ['spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(create(servicesStrategy, ServiceKind, c.input).errors, c.errors));
  }

  test('defaults fill in type, affinity, protocol, target port, traffic policy and IP family', () => {
    const { obj } = create(servicesStrategy, ServiceKind, web({ clusterIP: '10.96.0.10' }));
    assert.deepEqual(obj.spec, {
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
    assert.deepEqual(obj.status, { loadBalancer: {} });
  });

  test('a load balancer gets external traffic policy Cluster and node port allocation on', () => {
    const { obj, errors } = create(servicesStrategy, ServiceKind, web({ type: 'LoadBalancer' }));
    assert.deepEqual(errors, []);
    const spec = obj.spec as Spec;
    assert.equal(spec.externalTrafficPolicy, 'Cluster');
    assert.equal(spec.allocateLoadBalancerNodePorts, true);
  });

  test('ClientIP affinity gets the three-hour timeout', () => {
    const { obj } = create(servicesStrategy, ServiceKind, web({ sessionAffinity: 'ClientIP' }));
    assert.deepEqual((obj.spec as Spec).sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  });

  test('status sent on create is dropped', () => {
    const input = web();
    input.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
    assert.deepEqual(create(servicesStrategy, ServiceKind, input).obj.status, { loadBalancer: {} });
  });

  test('service names must be DNS-1035 labels', () => {
    assert.deepEqual(servicesStrategy.validateName?.('web-1', false), []);
    assert.equal(servicesStrategy.validateName?.('1web', false).length, 1);
  });
});

describe('services strategy: update', () => {
  const old = stored(servicesStrategy, ServiceKind, web({ clusterIP: '10.96.0.10' }));

  test('an update that omits the cluster IP keeps it', () => {
    const { obj, errors } = update(servicesStrategy, ServiceKind, web({ ports: [{ port: 8080 }] }), old);
    assert.deepEqual(errors, []);
    assert.equal((obj.spec as Spec).clusterIP, '10.96.0.10');
    assert.deepEqual((obj.spec as Spec).clusterIPs, ['10.96.0.10']);
  });

  test('changing the cluster IP is rejected', () => {
    const { errors } = update(servicesStrategy, ServiceKind, web({ clusterIP: '10.96.0.11' }), old);
    assert.deepEqual(errors, ['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set']);
  });

  test('switching to ExternalName wipes the cluster IP and IP families', () => {
    const next = structuredClone(old);
    Object.assign(next.spec as Spec, { type: 'ExternalName', externalName: 'db.example.com' });
    const { obj, errors } = update(servicesStrategy, ServiceKind, next, old);
    assert.deepEqual(errors, []);
    const spec = obj.spec as Spec;
    assert.equal(spec.clusterIP, undefined);
    assert.equal(spec.ipFamilies, undefined);
  });

  test('an update of a load balancer keeps the stored status', () => {
    const lb = stored(servicesStrategy, ServiceKind, web({ type: 'LoadBalancer' }));
    lb.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }] } };
    const { obj } = update(servicesStrategy, ServiceKind, { ...web({ type: 'LoadBalancer' }), status: {} }, lb);
    assert.deepEqual(obj.status, lb.status);
  });

  test('an update away from LoadBalancer clears the load balancer status', () => {
    const withStatus = { ...structuredClone(old), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
    const { obj } = update(servicesStrategy, ServiceKind, web(), withStatus);
    assert.deepEqual(obj.status, { loadBalancer: {} });
  });

  test('a status update keeps the spec and checks the ingress', () => {
    const lb = stored(servicesStrategy, ServiceKind, web({ type: 'LoadBalancer' }));
    const next = structuredClone(lb);
    next.spec = {};
    next.status = { loadBalancer: { ingress: [{ ip: 'not-an-ip', ipMode: 'VIP' }] } };
    const { obj, errors } = updateStatus(servicesStrategy, ServiceKind, next, lb);
    assert.deepEqual(obj.spec, lb.spec);
    assert.deepEqual(errors, [
      'status.loadBalancer.ingress[0].ip: Invalid value: "not-an-ip": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });
});
