import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import { Indexer } from '../../client/informers/indexer.js';
import { Lister } from '../../client/listers/lister.js';
import { podServiceMemberships, servicesToUpdateOnPodChange } from './service-membership.js';

const svc = (name: string, selector?: Record<string, string>, namespace = 'ns'): Service =>
  ({ metadata: { name, namespace }, spec: selector === undefined ? {} : { selector } }) as Service;

const indexer = new Indexer<Service>();
for (const s of [
  svc('web', { app: 'web' }),
  svc('web-canary', { app: 'web', track: 'canary' }),
  svc('db', { app: 'db' }),
  svc('manual'),
  svc('empty', {}),
  svc('elsewhere', { app: 'web' }, 'other'),
])
  indexer.add(s);
const services = new Lister<Service>(indexer);

interface PodState {
  rv: string;
  labels: Record<string, string>;
  ready?: boolean;
  ip?: string;
}
const pod = (s: PodState): Pod =>
  ({
    metadata: { name: 'p', namespace: 'ns', resourceVersion: s.rv, labels: s.labels },
    status: {
      ...(s.ip ? { podIP: s.ip } : {}),
      conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False' }],
    },
  }) as Pod;

describe('service membership', () => {
  test('a pod belongs to the Services of its namespace whose selector it matches; selector-less ones never', () => {
    const p = pod({ rv: '1', labels: { app: 'web', track: 'canary' } });
    assert.deepEqual([...podServiceMemberships(services, p)].sort(), ['ns/web', 'ns/web-canary']);
  });

  const cases: { name: string; old: PodState; cur: PodState; expected: string[] }[] = [
    {
      name: 'a resync (same resourceVersion) concerns no Service',
      old: { rv: '1', labels: { app: 'web' } },
      cur: { rv: '1', labels: { app: 'web' }, ready: true },
      expected: [],
    },
    {
      name: 'a change endpoints do not show concerns no Service',
      old: { rv: '1', labels: { app: 'web' }, ip: '10.0.0.1' },
      cur: { rv: '2', labels: { app: 'web' }, ip: '10.0.0.1' },
      expected: [],
    },
    {
      name: 'a readiness change concerns the Services selecting the pod',
      old: { rv: '1', labels: { app: 'web' } },
      cur: { rv: '2', labels: { app: 'web' }, ready: true },
      expected: ['ns/web'],
    },
    {
      name: 'a new IP concerns the Services selecting the pod',
      old: { rv: '1', labels: { app: 'web' } },
      cur: { rv: '2', labels: { app: 'web' }, ip: '10.0.0.1' },
      expected: ['ns/web'],
    },
    {
      name: 'a label change alone concerns the Services gained and lost, not the kept ones',
      old: { rv: '1', labels: { app: 'web' } },
      cur: { rv: '2', labels: { app: 'web', track: 'canary' } },
      expected: ['ns/web-canary'],
    },
    {
      name: 'a label change with a readiness change concerns every Service of either side',
      old: { rv: '1', labels: { app: 'db' } },
      cur: { rv: '2', labels: { app: 'web' }, ready: true },
      expected: ['ns/db', 'ns/web'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual([...servicesToUpdateOnPodChange(services, pod(c.old), pod(c.cur))].sort(), c.expected);
    });
  }
});
