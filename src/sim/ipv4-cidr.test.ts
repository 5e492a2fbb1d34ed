import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatIpv4Cidr, nodeIpOf, nodePodCidr, parseIpv4Cidr } from './ipv4-cidr.js';

describe('nodePodCidr', () => {
  const cases: { name: string; base: string; index: number; want: string }[] = [
    { name: 'the first node gets the first /24 of the base', base: '10.244.0.0/16', index: 0, want: '10.244.0.0/24' },
    { name: 'node i gets the i-th /24', base: '10.244.0.0/16', index: 7, want: '10.244.7.0/24' },
    {
      name: 'past 256 nodes the ranges run into the next /16',
      base: '10.244.0.0/16',
      index: 256,
      want: '10.245.0.0/24',
    },
    { name: 'node 1000 lands in 10.247.232.0/24', base: '10.244.0.0/16', index: 1000, want: '10.247.232.0/24' },
    {
      name: 'a base written as a host address counts from its network',
      base: '192.168.5.77/20',
      index: 1,
      want: '192.168.1.0/24',
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(formatIpv4Cidr(nodePodCidr(c.base, c.index)), c.want));
  }

  test('a base that is not an IPv4 CIDR is refused', () => {
    assert.throws(() => nodePodCidr('fd00::/64', 0), RangeError);
    assert.throws(() => nodePodCidr('10.244.0.0', 0), RangeError);
  });

  test('running out of address space is refused', () => {
    assert.throws(() => nodePodCidr('255.255.255.0/24', 1), RangeError);
  });
});

describe('parseIpv4Cidr', () => {
  const cases: { name: string; text: string; want: string | undefined }[] = [
    { name: 'a network address reads as itself', text: '10.1.2.0/24', want: '10.1.2.0/24' },
    { name: 'a host address is masked to its network', text: '10.1.2.3/16', want: '10.1.0.0/16' },
    { name: 'an octet over 255 is not an address', text: '10.1.256.0/24', want: undefined },
    { name: 'a prefix over 32 is not a CIDR', text: '10.1.2.0/33', want: undefined },
    { name: 'leading zeros are not accepted', text: '10.01.2.0/24', want: undefined },
    { name: 'IPv6 is not IPv4', text: 'fd00::/64', want: undefined },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const parsed = parseIpv4Cidr(c.text);
      assert.equal(parsed === undefined ? undefined : formatIpv4Cidr(parsed), c.want);
    });
  }

  test("a node's own address is the first host of its range", () => {
    assert.equal(nodeIpOf({ network: parseIpv4Cidr('10.244.3.0/24')!.network, prefix: 24 }), '10.244.3.1');
  });
});
