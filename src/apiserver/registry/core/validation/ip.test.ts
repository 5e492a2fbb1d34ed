import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorString } from '../../../../machinery/field-errors.js';
import { isCIDR, isIP, validateNonSpecialIP } from './ip.js';

describe('IP checks', () => {
  const ips: [string, boolean][] = [
    ['10.0.0.1', true],
    ['010.000.000.001', true],
    ['256.0.0.1', false],
    ['2001:db8::1', true],
    ['::ffff:10.0.0.1', true],
    ['fe80::1%eth0', false],
    ['example.com', false],
  ];
  for (const [ip, ok] of ips) test(`${ip} is ${ok ? '' : 'not '}an IP address`, () => assert.equal(isIP(ip), ok));

  const cidrs: [string, boolean][] = [
    ['10.0.0.0/8', true],
    ['10.0.0.0/33', false],
    ['2001:db8::/64', true],
    ['10.0.0.0', false],
  ];
  for (const [cidr, ok] of cidrs) test(`${cidr} is ${ok ? '' : 'not '}a CIDR`, () => assert.equal(isCIDR(cidr), ok));

  const special: [string, string[]][] = [
    ['10.1.2.3', []],
    ['0.0.0.0', ['x: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']],
    ['::1', ['x: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['fe80::5', ['x: Invalid value: "fe80::5": may not be in the link-local range (169.254.0.0/16, fe80::/10)']],
    [
      '224.0.0.9',
      ['x: Invalid value: "224.0.0.9": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
    ],
    [
      '::ffff:127.0.0.1',
      ['x: Invalid value: "::ffff:127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ],
  ];
  for (const [ip, errors] of special) {
    test(`${ip} as an endpoint gives ${errors.length} error(s)`, () => {
      assert.deepEqual(validateNonSpecialIP(ip, 'x').map(errorString), errors);
    });
  }
});
