import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkPolicyKind } from '../../../../api/networking/v1/network-policy.js';
import type { ApiObject } from '../../strategy.js';
import { create } from '../../core/validation/strategy-harness.js';
import { networkPoliciesStrategy } from './strategy.js';

const policy = (spec: Record<string, unknown>): ApiObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'db', namespace: 'default' },
  spec: { podSelector: { matchLabels: { app: 'db' } }, ...spec },
});

describe('networkpolicies strategy', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    [
      'ingress from labelled pods on a port is valid',
      { ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }] },
      [],
    ],
    ['a port range is valid', { egress: [{ ports: [{ port: 8000, endPort: 8080 }] }] }, []],
    [
      'a peer must say something',
      { ingress: [{ from: [{}] }] },
      ['spec.ingress[0].from[0]: Required value: must specify a peer'],
    ],
    [
      'an ipBlock stands alone',
      { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] },
      ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
    ],
    [
      'excepted ranges lie strictly inside the block',
      { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24', '10.0.0.0/16'] } }] }] },
      [
        'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
        'spec.egress[0].to[0].ipBlock.except[1]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`',
      ],
    ],
    [
      'a port range ends after it starts',
      { egress: [{ ports: [{ port: 80, endPort: 70 }] }] },
      ['spec.egress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`'],
    ],
    [
      'a named port has no range',
      { egress: [{ ports: [{ port: 'http', endPort: 90 }] }] },
      ['spec.egress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric'],
    ],
    [
      'an unknown policy type is rejected',
      { policyTypes: ['Both'] },
      ['spec.policyTypes[0]: Unsupported value: "Both": supported values: "Ingress", "Egress"'],
    ],
  ];
  for (const [name, spec, errors] of cases) {
    test(name, () => assert.deepEqual(create(networkPoliciesStrategy, NetworkPolicyKind, policy(spec)).errors, errors));
  }
});
