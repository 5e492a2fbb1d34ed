import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeQOS } from './qos.js';

const spec = (...resources: unknown[]) => ({
  containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })),
});

describe('QoS classes', () => {
  const cases: [string, unknown, string][] = [
    ['no requests or limits make BestEffort', spec({}), 'BestEffort'],
    ['zero quantities count as none', spec({ requests: { cpu: '0' } }), 'BestEffort'],
    [
      'limits on cpu and memory alone make Guaranteed (requests follow limits)',
      spec({ limits: { cpu: '1', memory: '1Gi' } }),
      'Guaranteed',
    ],
    [
      'equal requests and limits make Guaranteed',
      spec({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '0.5', memory: '1024Mi' } }),
      'Guaranteed',
    ],
    [
      'requests below limits make Burstable',
      spec({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '500m', memory: '1Gi' } }),
      'Burstable',
    ],
    ['a cpu limit without a memory limit makes Burstable', spec({ limits: { cpu: '1' } }), 'Burstable'],
    [
      'one container without limits makes the pod Burstable',
      spec({ limits: { cpu: '1', memory: '1Gi' } }, { requests: { cpu: '1' } }),
      'Burstable',
    ],
    ['extended resources do not count', spec({ limits: { 'example.com/gpu': '1' } }), 'BestEffort'],
  ];
  for (const [name, s, expected] of cases) test(name, () => assert.equal(computeQOS(s), expected));
});
