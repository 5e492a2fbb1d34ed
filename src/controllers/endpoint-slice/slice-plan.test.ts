import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EndpointSlice } from '../../api/discovery/v1/endpoint-slice.js';
import { planEndpointSlices, type SlicePlanInput } from './slice-plan.js';
import { asStored, fixturePod, fixturePods, fixtureService, nodeOf } from './slice-test-fixtures.js';

const plan = (input: Partial<SlicePlanInput>) =>
  planEndpointSlices({ service: fixtureService(), pods: [], existing: [], nodeOf, ...input });

const sizes = (slices: readonly EndpointSlice[]): number[] => slices.map((s) => s.endpoints?.length ?? 0);
const counts = (p: ReturnType<typeof plan>): [number, number, number] => [
  p.create.length,
  p.update.length,
  p.delete.length,
];

/** The slices a first plan for `pods` creates, as the server would store them. */
const storedFor = (pods = fixturePods(250), service = fixtureService()): EndpointSlice[] =>
  asStored(plan({ service, pods }).create);

describe('planEndpointSlices', () => {
  test('a Service without pods gets one placeholder slice without endpoints', () => {
    const p = plan({});
    assert.deepEqual(counts(p), [1, 0, 0]);
    const [placeholder] = p.create;
    assert.deepEqual(placeholder?.endpoints, []);
    assert.deepEqual(placeholder?.ports, []);
    assert.equal(placeholder?.addressType, 'IPv4');
    assert.equal(placeholder?.metadata?.generateName, 'web-');
    assert.deepEqual(placeholder?.metadata?.labels, {
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    assert.deepEqual(placeholder?.metadata?.ownerReferences, [
      { apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true },
    ]);
  });

  test('an existing placeholder is kept as it is while there are still no pods', () => {
    assert.deepEqual(counts(plan({ existing: asStored(plan({}).create) })), [0, 0, 0]);
  });

  test('250 pods fill slices of 100, 100 and 50', () => {
    const p = plan({ pods: fixturePods(250) });
    assert.deepEqual(counts(p), [3, 0, 0]);
    assert.deepEqual(sizes(p.create), [100, 100, 50]);
    assert.deepEqual(p.create[0]?.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  test('planning again from what was written changes nothing', () => {
    assert.deepEqual(counts(plan({ pods: fixturePods(250), existing: storedFor() })), [0, 0, 0]);
  });

  test('a pod turning unready updates only the slice holding it, in place', () => {
    const pods = fixturePods(250);
    pods[120] = fixturePod('p120', 120, { ready: false });
    const p = plan({ pods, existing: storedFor() });
    assert.deepEqual(counts(p), [0, 1, 0]);
    const [updated] = p.update;
    assert.equal(updated?.metadata?.name, 'web-1');
    const endpoint = updated?.endpoints?.find((e) => e.targetRef?.name === 'p120');
    assert.deepEqual(endpoint?.conditions, { ready: false, serving: false, terminating: false });
  });

  test('a slice whose pods are all gone is deleted, the others left alone', () => {
    const p = plan({ pods: fixturePods(200), existing: storedFor() });
    assert.deepEqual(counts(p), [0, 0, 1]);
    assert.equal(p.delete[0]?.metadata?.name, 'web-2');
  });

  test('new pods go into the unchanged slice they fill best instead of a new slice', () => {
    const existing = storedFor(fixturePods(150)); // slices of 100 and 50
    const p = plan({ pods: fixturePods(180), existing });
    assert.deepEqual(counts(p), [0, 1, 0]);
    assert.equal(p.update[0]?.metadata?.name, 'web-1');
    assert.deepEqual(sizes(p.update), [80]);
  });

  test('new pods first fill the slices that are updated anyway', () => {
    // web-2 loses ten pods (p240..p249) and so is updated; the five new pods join it rather than a new slice.
    const pods = [...fixturePods(240), ...[250, 251, 252, 253, 254].map((i) => fixturePod(`p${i}`, i))];
    const p = plan({ pods, existing: storedFor() });
    assert.deepEqual(counts(p), [0, 1, 0]);
    assert.equal(p.update[0]?.metadata?.name, 'web-2');
    assert.deepEqual(sizes(p.update), [45]);
  });

  test('pods whose named port resolves to other numbers get slices of their own', () => {
    const pods = [fixturePod('a', 1), fixturePod('b', 2, { httpPort: 9090 })];
    const p = plan({ pods });
    assert.deepEqual(
      p.create.map((s) => [s.ports?.[0]?.port, s.endpoints?.map((e) => e.targetRef?.name)]),
      [
        [8080, ['a']],
        [9090, ['b']],
      ],
    );
  });

  test('a slice that would be deleted is reused for one that would be created', () => {
    const existing = storedFor(fixturePods(3));
    const p = plan({ pods: fixturePods(3, { httpPort: 9090 }), existing });
    assert.deepEqual(counts(p), [0, 1, 0]);
    assert.equal(p.update[0]?.metadata?.name, 'web-0');
    assert.equal(p.update[0]?.ports?.[0]?.port, 9090);
  });

  test('a pod on an unknown node is left out and reported, unless not-ready addresses are published', () => {
    const pods = [fixturePod('a', 1), fixturePod('b', 2, { node: 'node-x' })];
    const p = plan({ pods });
    assert.deepEqual(
      p.create[0]?.endpoints?.map((e) => e.targetRef?.name),
      ['a'],
    );
    assert.deepEqual(p.errors, ['skipping Pod b for Service ns/web: Node node-x Not Found']);
    const published = plan({ pods, service: fixtureService({ publishNotReadyAddresses: true }) });
    assert.deepEqual(
      published.create[0]?.endpoints?.map((e) => e.targetRef?.name),
      ['a', 'b'],
    );
    assert.deepEqual(published.errors, []);
  });

  test('pods without an IP and terminal pods are left out; terminating ones stay, not ready', () => {
    const done = fixturePod('done', 2);
    const doneStatus = { ...done.status, phase: 'Succeeded' } as NonNullable<typeof done.status>;
    const pods = [
      fixturePod('a', 1, { ips: [] }),
      { ...done, status: doneStatus },
      fixturePod('t', 3, { deleting: true }),
    ];
    const p = plan({ pods });
    assert.deepEqual(
      p.create[0]?.endpoints?.map((e) => [e.targetRef?.name, e.conditions?.ready, e.conditions?.terminating]),
      [['t', false, true]],
    );
  });

  test('changed Service labels update every slice, reserved keys aside', () => {
    const service = fixtureService({}, { team: 'a', 'kubernetes.io/service-name': 'other' });
    const p = plan({ service, pods: fixturePods(250), existing: storedFor() });
    assert.deepEqual(counts(p), [0, 3, 0]);
    assert.deepEqual(p.update[0]?.metadata?.labels, {
      team: 'a',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
  });

  test('a headless Service marks its slices headless', () => {
    const p = plan({ service: fixtureService({ clusterIP: 'None' }), pods: fixturePods(1) });
    assert.equal(p.create[0]?.metadata?.labels?.['service.kubernetes.io/headless'], '');
  });

  test('slices of another owner or of an address type the Service lacks are deleted', () => {
    const mine = storedFor(fixturePods(2));
    const foreign = structuredClone(mine[0] as EndpointSlice);
    (foreign.metadata ??= {}).name = 'foreign';
    (foreign.metadata ??= {}).ownerReferences = [];
    const v6 = structuredClone(mine[0] as EndpointSlice);
    (v6.metadata ??= {}).name = 'v6';
    v6.addressType = 'IPv6';
    const p = plan({ pods: fixturePods(2), existing: [...mine, foreign, v6] });
    assert.deepEqual(counts(p), [0, 0, 2]);
    assert.deepEqual(p.delete.map((s) => s.metadata?.name).sort(), ['foreign', 'v6']);
  });
});
