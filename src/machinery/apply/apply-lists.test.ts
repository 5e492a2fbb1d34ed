import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { JsonObject } from '../patch/json-value.js';
import { StatusError } from '../status.js';
import { apply } from './apply.js';
import { applyAs, at, edited, ownedBy, T2, updateAs } from './apply-test-support.js';
import { mergeValues } from './merge.js';
import { deployment, deploymentSchema, podSpec } from './test-schemas.js';

const podSpecOf = (object: JsonObject): JsonObject => at(object, 'spec.template.spec') as JsonObject;
const containersOf = (object: JsonObject): JsonObject[] => podSpecOf(object)['containers'] as JsonObject[];

function withContainers(containers: JsonObject[], extra: JsonObject = {}): JsonObject {
  return edited(deployment(), (c) => Object.assign(podSpecOf(c), { containers }, extra));
}

describe('server-side apply of lists', () => {
  test('containers merge by name, and ports by containerPort and protocol (TCP when omitted)', () => {
    let live = applyAs(
      'web-applier',
      undefined,
      withContainers([{ name: 'app', image: 'nginx:1', ports: [{ containerPort: 80 }] }]),
    );
    // Defaulting fills in the protocol; no one owns it.
    live = edited(live, (c) => ((containersOf(c)[0]!['ports'] as JsonObject[])[0]!['protocol'] = 'TCP'));
    live = updateAs(
      'injector',
      live,
      edited(live, (c) => containersOf(c).push({ name: 'sidecar', image: 'proxy:1' })),
    );
    const config = withContainers([
      { name: 'app', image: 'nginx:2', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] },
    ]);
    const next = applyAs('web-applier', live, config, { now: T2 });
    assert.deepEqual(containersOf(next), [
      {
        name: 'app',
        image: 'nginx:2',
        ports: [
          { containerPort: 80, protocol: 'TCP' },
          { containerPort: 53, protocol: 'UDP' },
        ],
      },
      { name: 'sidecar', image: 'proxy:1' },
    ]);
    assert.deepEqual(
      ownedBy(next, 'web-applier').filter((p) => p.includes('ports')),
      [
        '.spec.template.spec.containers[name="app"].ports[containerPort=53,protocol="UDP"]',
        '.spec.template.spec.containers[name="app"].ports[containerPort=80,protocol="TCP"]',
        '.spec.template.spec.containers[name="app"].ports[containerPort=53,protocol="UDP"].containerPort',
        '.spec.template.spec.containers[name="app"].ports[containerPort=53,protocol="UDP"].protocol',
        '.spec.template.spec.containers[name="app"].ports[containerPort=80,protocol="TCP"].containerPort',
      ],
    );
  });

  test('an element the applier no longer applies goes, one another manager added stays', () => {
    let live = applyAs(
      'web-applier',
      undefined,
      withContainers([
        { name: 'app', image: 'a' },
        { name: 'worker', image: 'w' },
      ]),
    );
    live = updateAs(
      'injector',
      live,
      edited(live, (c) => containersOf(c).push({ name: 'sidecar', image: 's' })),
    );
    const next = applyAs('web-applier', live, withContainers([{ name: 'app', image: 'a' }]), { now: T2 });
    assert.deepEqual(
      containersOf(next).map((c) => c['name']),
      ['app', 'sidecar'],
    );
  });

  const orders: { name: string; live: string[]; config: string[]; merged: string[] }[] = [
    { name: 'elements only live keep their place', live: ['a', 'b', 'c'], config: ['b'], merged: ['a', 'b', 'c'] },
    {
      name: 'new elements follow the configuration’s order',
      live: ['a'],
      config: ['a', 'x', 'y'],
      merged: ['a', 'x', 'y'],
    },
    {
      name: 'shared elements take the configuration’s order',
      live: ['a', 'b', 'c'],
      config: ['c', 'a'],
      merged: ['b', 'c', 'a'],
    },
  ];
  for (const o of orders) {
    test(`list-map order: ${o.name}`, () => {
      const list = (names: string[]): JsonObject => ({ containers: names.map((name) => ({ name })) });
      const merged = mergeValues(list(o.live), list(o.config), podSpec) as JsonObject;
      assert.deepEqual(
        (merged['containers'] as JsonObject[]).map((c) => c['name']),
        o.merged,
      );
    });
  }

  test('set lists are the union of what the appliers apply, each owning its values', () => {
    const withFinalizers = (finalizers: string[]): JsonObject => deployment({}, { finalizers });
    let live = applyAs('a', undefined, withFinalizers(['a.example/x']));
    live = applyAs('b', live, withFinalizers(['b.example/y']));
    assert.deepEqual(at(live, 'metadata.finalizers'), ['a.example/x', 'b.example/y']);
    assert.ok(ownedBy(live, 'a').includes('.metadata.finalizers[="a.example/x"]'));
    live = applyAs('a', live, deployment(), { now: T2 });
    assert.deepEqual(at(live, 'metadata.finalizers'), ['b.example/y']);
  });

  test('atomic lists are owned whole: another applier changing one conflicts, and forced replaces it', () => {
    const live = applyAs('a', undefined, withContainers([{ name: 'app', image: 'nginx:1', args: ['--a', '--b'] }]));
    const other = withContainers([{ name: 'app', image: 'nginx:1', args: ['--c'] }]);
    assert.throws(
      () => applyAs('b', live, other),
      (err: unknown) =>
        err instanceof StatusError &&
        err.message ===
          'Apply failed with 1 conflict: conflict with "a": .spec.template.spec.containers[name="app"].args',
    );
    const forced = applyAs('b', live, other, { force: true });
    assert.deepEqual(containersOf(forced)[0]?.['args'], ['--c']);
    assert.ok(!ownedBy(forced, 'a').includes('.spec.template.spec.containers[name="app"].args'));
  });

  test('a list of structs without list type or merge key is atomic', () => {
    const live = applyAs(
      'a',
      undefined,
      withContainers([{ name: 'app', image: 'nginx:1' }], { tolerations: [{ key: 'x' }] }),
    );
    const next = applyAs(
      'a',
      live,
      withContainers([{ name: 'app', image: 'nginx:1' }], { tolerations: [{ key: 'y' }] }),
    );
    assert.deepEqual(podSpecOf(next)['tolerations'], [{ key: 'y' }]);
    assert.ok(ownedBy(next, 'a').includes('.spec.template.spec.tolerations'));
  });
});

describe('server-side apply input checks', () => {
  const run = (config: JsonObject, kind?: string): unknown =>
    apply(undefined, config, {
      manager: 'm',
      force: false,
      schema: deploymentSchema,
      apiVersion: 'apps/v1',
      ...(kind !== undefined ? { kind } : {}),
      now: T2,
    });
  const cases: { name: string; config: JsonObject; kind?: string; code: number; message: string }[] = [
    {
      name: 'a configuration of another kind is a bad request',
      config: { ...deployment(), kind: 'StatefulSet' },
      kind: 'Deployment',
      code: 400,
      message: 'invalid object type: apps/v1, Kind=StatefulSet',
    },
    {
      name: 'a configuration in another version is a bad request',
      config: { ...deployment(), apiVersion: 'apps/v1beta1' },
      code: 400,
      message: 'Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1',
    },
    {
      name: 'a configuration setting managedFields is a bad request',
      config: deployment({}, { managedFields: [] }),
      code: 400,
      message: 'metadata.managedFields must be nil',
    },
    {
      name: 'a configuration naming a container twice is refused as upstream refuses it',
      config: withContainers([{ name: 'app' }, { name: 'app', image: 'x' }]),
      code: 500,
      message:
        'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="app"]',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.throws(
        () => run(c.config, c.kind),
        (err: unknown) => err instanceof StatusError && err.code === c.code && err.message === c.message,
      );
    });
  }
});
