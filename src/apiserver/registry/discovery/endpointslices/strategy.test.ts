import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointSliceKind } from '../../../../api/discovery/v1/endpoint-slice.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { endpointSlicesStrategy } from './strategy.js';

const slice = (fields: Record<string, unknown>): ApiObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc12', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.0.0.5'], conditions: { ready: true }, nodeName: 'node-1' }],
  ports: [{ name: 'http', port: 80 }],
  ...fields,
});

describe('endpointslices strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['an IPv4 slice with one ready endpoint is valid', {}, []],
    [
      'an unknown address type is rejected',
      { addressType: 'IPX' },
      ['addressType: Unsupported value: "IPX": supported values: "FQDN", "IPv4", "IPv6"'],
    ],
    [
      'an IPv6 address in an IPv4 slice is rejected',
      { endpoints: [{ addresses: ['fd00::1'] }] },
      ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address'],
    ],
    [
      'an endpoint needs an address',
      { endpoints: [{ addresses: [] }] },
      ['endpoints[0].addresses: Required value: must contain at least 1 address'],
    ],
    [
      'port names are unique',
      {
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 8080 },
        ],
      },
      ['ports[1].name: Duplicate value: "http"'],
    ],
    [
      'an unknown port protocol is rejected',
      { ports: [{ port: 80, protocol: 'HTTP' }] },
      ['ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
  ];
  for (const [name, fields, errors] of cases) {
    test(name, () => assert.deepEqual(create(endpointSlicesStrategy, EndpointSliceKind, slice(fields)).errors, errors));
  }

  test('a new slice is generation 1 and drops deprecatedTopology', () => {
    const { obj } = create(
      endpointSlicesStrategy,
      EndpointSliceKind,
      slice({ endpoints: [{ addresses: ['10.0.0.5'], deprecatedTopology: { a: 'b' } }] }),
    );
    assert.equal((obj.metadata as Record<string, unknown>).generation, 1);
    assert.deepEqual(obj.endpoints, [{ addresses: ['10.0.0.5'] }]);
  });

  const generations: [string, Record<string, unknown>, number][] = [
    ['new endpoints bump the generation', { endpoints: [{ addresses: ['10.0.0.6'] }] }, 2],
    [
      'new labels bump the generation',
      { metadata: { name: 'web-abc12', namespace: 'default', labels: { x: 'y' } } },
      2,
    ],
    [
      'new annotations leave it',
      {
        metadata: {
          name: 'web-abc12',
          namespace: 'default',
          labels: { 'kubernetes.io/service-name': 'web' },
          annotations: { x: 'y' },
        },
      },
      1,
    ],
  ];
  for (const [name, fields, generation] of generations) {
    test(name, () => {
      const old = stored(endpointSlicesStrategy, EndpointSliceKind, slice({}));
      const next = { ...structuredClone(old), ...fields };
      (next.metadata as Record<string, unknown>).generation = 1;
      const { obj } = update(endpointSlicesStrategy, EndpointSliceKind, next, old);
      assert.equal((obj.metadata as Record<string, unknown>).generation, generation);
    });
  }

  test('the address type cannot change', () => {
    const old = stored(endpointSlicesStrategy, EndpointSliceKind, slice({}));
    const next = { ...old, addressType: 'FQDN', endpoints: [{ addresses: ['web.example.com'] }] };
    assert.deepEqual(update(endpointSlicesStrategy, EndpointSliceKind, next, old).errors, [
      'addressType: Invalid value: "FQDN": field is immutable',
    ]);
  });
});
