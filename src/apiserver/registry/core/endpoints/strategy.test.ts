import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EndpointsKind } from '../../../../api/core/v1/endpoints.js';
import type { ApiObject } from '../../strategy.js';
import { create } from '../validation/strategy-harness.js';
import { endpointsStrategy } from './strategy.js';

const endpoints = (subsets: unknown[]): ApiObject => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'web', namespace: 'default' },
  subsets,
});

describe('endpoints strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    {
      name: 'an address with a port is valid',
      input: endpoints([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 8080 }] }]),
      errors: [],
    },
    {
      name: 'a subset needs addresses',
      input: endpoints([{ ports: [{ port: 80 }] }]),
      errors: ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'],
    },
    {
      name: 'a link-local address is rejected',
      input: endpoints([{ addresses: [{ ip: '169.254.169.254' }] }]),
      errors: [
        'subsets[0].addresses[0].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
      ],
    },
    {
      name: 'several ports each need a name',
      input: endpoints([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ name: 'a', port: 80 }, { port: 81 }] }]),
      errors: ['subsets[0].ports[1].name: Required value'],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(endpointsStrategy, EndpointsKind, c.input).errors, c.errors));

  test('a port protocol defaults to TCP', () => {
    const { obj } = create(
      endpointsStrategy,
      EndpointsKind,
      endpoints([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80 }] }]),
    );
    assert.deepEqual((obj.subsets as { ports: unknown[] }[])[0]?.ports, [{ port: 80, protocol: 'TCP' }]);
  });
});
