import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import {
  claimsFor,
  identityMatches,
  isMemberOf,
  newStatefulSetPod,
  parentNameAndOrdinal,
  podInOrdinalRange,
  storageMatches,
} from './stateful-identity.js';

const set = (extra: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet =>
  ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'ns', uid: 'set-uid' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { a: 'b' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'scratch', emptyDir: {} }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'www', labels: { tier: 'data' } },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...extra,
    },
  }) as StatefulSet;

describe('ordinals', () => {
  const cases: { name: string; pod: string; parent: string; ordinal: number }[] = [
    { name: 'a set pod name splits into parent and ordinal', pod: 'web-0', parent: 'web', ordinal: 0 },
    { name: 'a parent may contain dashes itself', pod: 'my-web-12', parent: 'my-web', ordinal: 12 },
    { name: 'a name without a numeric suffix has no parent', pod: 'web', parent: '', ordinal: -1 },
    { name: 'a non-numeric suffix has no parent', pod: 'web-abc', parent: '', ordinal: -1 },
    {
      name: 'an ordinal beyond int32 keeps its parent but has no ordinal',
      pod: 'web-99999999999',
      parent: 'web',
      ordinal: -1,
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(parentNameAndOrdinal(c.pod), { parent: c.parent, ordinal: c.ordinal }));
  }

  const pod = (name: string): Pod => ({ metadata: { name, namespace: 'ns' } }) as Pod;
  test('membership is by name; the range follows replicas and ordinals.start', () => {
    assert.ok(isMemberOf(set(), pod('web-5')));
    assert.ok(!isMemberOf(set(), pod('webby-1')));
    assert.ok(podInOrdinalRange(pod('web-2'), set()));
    assert.ok(!podInOrdinalRange(pod('web-3'), set()));
    assert.ok(!podInOrdinalRange(pod('web-1'), set({ ordinals: { start: 2 } })));
    assert.ok(podInOrdinalRange(pod('web-4'), set({ ordinals: { start: 2 } })));
  });
});

describe('a new set pod', () => {
  const pod = newStatefulSetPod(set(), set().spec?.template, 1, 'web-abc');

  test('is named by its ordinal, with hostname and subdomain', () => {
    assert.equal(pod.metadata?.name, 'web-1');
    assert.equal(pod.metadata?.generateName, 'web-');
    assert.equal(pod.spec?.hostname, 'web-1');
    assert.equal(pod.spec?.subdomain, 'nginx');
  });

  test('carries the template labels plus its name, index and revision labels', () => {
    assert.deepEqual(pod.metadata?.labels, {
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': 'web-abc',
    });
    assert.deepEqual(pod.metadata?.annotations, { a: 'b' });
  });

  test('is controlled by the set', () => {
    assert.deepEqual(pod.metadata?.ownerReferences, [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'web',
        uid: 'set-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  });

  test('mounts its claim under the template name and keeps its other volumes', () => {
    assert.deepEqual(pod.spec?.volumes, [
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-1', readOnly: false } },
      { name: 'scratch', emptyDir: {} },
    ]);
    assert.ok(storageMatches(set(), pod));
    assert.ok(identityMatches(set(), pod));
  });

  test('a pod mounting something else under the claim name does not match the storage', () => {
    const other = { ...pod, spec: { ...pod.spec, volumes: [{ name: 'www', emptyDir: {} }] } } as Pod;
    assert.ok(!storageMatches(set(), other));
  });

  test('a pod without its pod-name label does not match the identity', () => {
    const labels = { ...pod.metadata?.labels };
    delete labels['statefulset.kubernetes.io/pod-name'];
    assert.ok(!identityMatches(set(), { ...pod, metadata: { ...pod.metadata, labels } } as Pod));
  });
});

describe('claims', () => {
  test('a claim is named template-set-ordinal and labelled with its labels and the selector', () => {
    const claims = claimsFor(set(), 2);
    const claim = claims.get('www');
    assert.equal(claim?.metadata?.name, 'www-web-2');
    assert.equal(claim?.metadata?.namespace, 'ns');
    assert.deepEqual(claim?.metadata?.labels, { tier: 'data', app: 'web' });
    assert.deepEqual(claim?.spec?.accessModes, ['ReadWriteOnce']);
  });
});
