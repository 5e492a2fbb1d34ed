import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IngressKind } from '../../../../api/networking/v1/ingress.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, updateStatus } from '../../core/validation/strategy-harness.js';
import { ingressesStrategy } from './strategy.js';

const backend = { service: { name: 'web', port: { number: 80 } } };
const ingress = (spec: Record<string, unknown>): ApiObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});
const rule = (path: Record<string, unknown>, host = 'example.com') => ({ rules: [{ host, http: { paths: [path] } }] });

describe('ingresses strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a prefix rule to a service port is valid', rule({ path: '/', pathType: 'Prefix', backend }), []],
    ['a default backend alone is valid', { defaultBackend: backend }, []],
    ['a wildcard host is valid', rule({ path: '/', pathType: 'Prefix', backend }, '*.example.com'), []],
    [
      'an ingress needs rules or a default backend',
      {},
      ['spec: Invalid value: null: either `defaultBackend` or `rules` must be specified'],
    ],
    [
      'a path needs a path type',
      rule({ path: '/', backend }),
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      'an unknown path type is rejected',
      rule({ path: '/', pathType: 'Regex', backend }),
      [
        'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      ],
    ],
    [
      'exact paths are absolute',
      rule({ path: 'api', pathType: 'Exact', backend }),
      ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path'],
    ],
    [
      'paths may not climb',
      rule({ path: '/a/../b', pathType: 'Prefix', backend }),
      [`spec.rules[0].http.paths[0].path: Invalid value: "/a/../b": must not contain '/../'`],
    ],
    [
      'a host may not be an IP',
      rule({ path: '/', pathType: 'Prefix', backend }, '10.0.0.1'),
      ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    ],
    [
      'a service backend names a port by name or number, not both',
      { defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } } },
      ['spec.defaultBackend: Invalid value: "": cannot set both port name & port number'],
    ],
    [
      'a service backend needs a port',
      { defaultBackend: { service: { name: 'web' } } },
      ['spec.defaultBackend: Required value: port name or number is required'],
    ],
  ];
  for (const [name, spec, errors] of cases)
    test(name, () => assert.deepEqual(create(ingressesStrategy, IngressKind, ingress(spec)).errors, errors));

  test('status: a load balancer IP must be an IP', () => {
    const old = stored(ingressesStrategy, IngressKind, ingress({ defaultBackend: backend }));
    const next = { ...old, status: { loadBalancer: { ingress: [{ ip: 'lb.example.com' }] } } };
    assert.deepEqual(updateStatus(ingressesStrategy, IngressKind, next, old).errors, [
      'status.loadBalancer.ingress[0].ip: Invalid value: "lb.example.com": must be a valid IP address',
    ]);
  });
});
