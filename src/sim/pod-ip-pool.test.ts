import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIpv4Cidr } from './ipv4-cidr.js';
import { PodIpPool } from './pod-ip-pool.js';

const pool = (cidr: string): PodIpPool => new PodIpPool(parseIpv4Cidr(cidr)!);

describe('PodIpPool', () => {
  test('a /24 holds 253 pod addresses: not the network, the node (.1) or the broadcast', () => {
    const p = pool('10.244.1.0/24');
    assert.equal(p.capacity(), 253);
    assert.equal(p.allocate('a'), '10.244.1.2');
    const all = new Set<string>(['10.244.1.2']);
    for (let i = 1; i < 253; i++) all.add(p.allocate(`pod-${i}`) ?? 'none');
    assert.equal(all.size, 253);
    assert.ok(!all.has('10.244.1.255') && !all.has('10.244.1.1') && !all.has('10.244.1.0'));
    assert.equal(p.allocate('one-too-many'), undefined);
  });

  test('a pod asking again gets the address it holds', () => {
    const p = pool('10.244.1.0/24');
    assert.equal(p.allocate('a'), p.allocate('a'));
    assert.equal(p.used(), 1);
  });

  test('a released address is not handed out again at once (round robin)', () => {
    const p = pool('10.244.1.0/24');
    const first = p.allocate('a');
    p.release('a');
    assert.notEqual(p.allocate('b'), first);
    assert.equal(p.used(), 1);
  });

  test('when the range is full, a released address is reused', () => {
    const p = pool('10.0.0.0/29'); // .2 to .6
    for (const owner of ['a', 'b', 'c', 'd', 'e']) assert.ok(p.allocate(owner));
    assert.equal(p.allocate('f'), undefined);
    p.release('c');
    assert.equal(p.allocate('f'), '10.0.0.4');
  });

  const claims: { name: string; ip: string; holder?: string; want: boolean }[] = [
    { name: 'a free address in the range can be claimed', ip: '10.244.1.9', want: true },
    { name: 'an address outside the range cannot', ip: '10.244.2.9', want: false },
    { name: "the node's own address cannot", ip: '10.244.1.1', want: false },
    { name: "another pod's address cannot", ip: '10.244.1.9', holder: 'other', want: false },
  ];
  for (const c of claims) {
    test(c.name, () => {
      const p = pool('10.244.1.0/24');
      if (c.holder !== undefined) p.claim(c.holder, c.ip);
      assert.equal(p.claim('a', c.ip), c.want);
      assert.equal(p.allocate('a') === c.ip, c.want);
    });
  }

  test('a claimed address is skipped by later allocations', () => {
    const p = pool('10.244.1.0/24');
    p.claim('old', '10.244.1.2');
    assert.equal(p.allocate('new'), '10.244.1.3');
  });
});
