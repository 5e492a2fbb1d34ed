import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Address, type Port, repackSubsets, type Subset } from './repack-subsets.js';

const addr = (ip: string, uid = `uid-${ip}`): Address => ({ ip, targetRef: { kind: 'Pod', name: `p-${ip}`, uid } });
const port = (n: number, name?: string): Port => ({ port: n, protocol: 'TCP', ...(name ? { name } : {}) });

describe('repackSubsets', () => {
  const cases: { name: string; input: Subset[]; expected: Subset[] }[] = [
    {
      name: 'nothing stays nothing',
      input: [],
      expected: [],
    },
    {
      name: 'one address per port on the same port merge into one subset, sorted by IP',
      input: [
        { addresses: [addr('10.0.0.2')], ports: [port(80)] },
        { addresses: [addr('10.0.0.1')], ports: [port(80)] },
      ],
      expected: [{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [port(80)] }],
    },
    {
      name: 'ports offered by the same addresses are gathered into one subset',
      input: [
        { addresses: [addr('10.0.0.1')], ports: [port(80, 'http')] },
        { addresses: [addr('10.0.0.1')], ports: [port(443, 'https')] },
      ],
      expected: [{ addresses: [addr('10.0.0.1')], ports: [port(80, 'http'), port(443, 'https')] }],
    },
    {
      name: 'a named port resolving to different numbers on different pods lands in different subsets',
      input: [
        { addresses: [addr('10.0.0.1')], ports: [port(8080, 'http')] },
        { addresses: [addr('10.0.0.2')], ports: [port(9090, 'http')] },
      ],
      expected: [
        { addresses: [addr('10.0.0.1')], ports: [port(8080, 'http')] },
        { addresses: [addr('10.0.0.2')], ports: [port(9090, 'http')] },
      ],
    },
    {
      name: 'ready and not-ready addresses of one port share a subset',
      input: [
        { addresses: [addr('10.0.0.1')], ports: [port(80)] },
        { notReadyAddresses: [addr('10.0.0.2')], ports: [port(80)] },
      ],
      expected: [{ addresses: [addr('10.0.0.1')], notReadyAddresses: [addr('10.0.0.2')], ports: [port(80)] }],
    },
    {
      name: 'an address both ready and not ready on one port is not ready',
      input: [
        { addresses: [addr('10.0.0.1')], ports: [port(80)] },
        { notReadyAddresses: [addr('10.0.0.1')], ports: [port(80)] },
      ],
      expected: [{ notReadyAddresses: [addr('10.0.0.1')], ports: [port(80)] }],
    },
    {
      name: 'an address not ready on a port stays not ready when it is later seen ready there',
      input: [
        { notReadyAddresses: [addr('10.0.0.1')], ports: [port(80)] },
        { addresses: [addr('10.0.0.1')], ports: [port(80)] },
      ],
      expected: [{ notReadyAddresses: [addr('10.0.0.1')], ports: [port(80)] }],
    },
    {
      name: 'duplicate addresses (same IP and UID) appear once',
      input: [
        { addresses: [addr('10.0.0.1'), addr('10.0.0.1')], ports: [port(80)] },
        { addresses: [addr('10.0.0.1')], ports: [port(80)] },
      ],
      expected: [{ addresses: [addr('10.0.0.1')], ports: [port(80)] }],
    },
    {
      name: 'one IP of two pods (different UIDs) is two addresses, ordered by UID',
      input: [{ addresses: [addr('10.0.0.1', 'b'), addr('10.0.0.1', 'a')], ports: [port(80)] }],
      expected: [{ addresses: [addr('10.0.0.1', 'a'), addr('10.0.0.1', 'b')], ports: [port(80)] }],
    },
    {
      name: 'subsets without ports (headless) are kept',
      input: [{ addresses: [addr('10.0.0.2')], ports: [] }, { addresses: [addr('10.0.0.1')] }],
      expected: [{ addresses: [addr('10.0.0.1'), addr('10.0.0.2')] }],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(repackSubsets(c.input), c.expected);
    });
  }

  test('the result does not depend on the order of the input', () => {
    const input: Subset[] = [
      { addresses: [addr('10.0.0.3')], ports: [port(80, 'a')] },
      { notReadyAddresses: [addr('10.0.0.1')], ports: [port(81, 'b')] },
      { addresses: [addr('10.0.0.2')], ports: [port(80, 'a')] },
      { addresses: [addr('10.0.0.2')], ports: [port(81, 'b')] },
    ];
    assert.deepEqual(repackSubsets(input), repackSubsets([...input].reverse()));
  });

  test('the input is not modified', () => {
    const input: Subset[] = [{ addresses: [addr('10.0.0.2'), addr('10.0.0.1')], ports: [port(80)] }];
    const copy = structuredClone(input);
    repackSubsets(input);
    assert.deepEqual(input, copy);
  });
});
