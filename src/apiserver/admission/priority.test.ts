import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PodKind } from '../../api/core/v1/pod.js';
import { PriorityClassKind } from '../../api/scheduling/v1/priority-class.js';
import { StatusError } from '../../machinery/status.js';
import { MemoryStore } from '../../storage/memory/memory-store.js';
import { Registry } from '../registry/generic/registry.js';
import { makeResource } from '../registry/generic/resource.js';
import { ALL_STRATEGIES, strategyKey } from '../registry/strategies.js';
import type { ApiObject } from '../registry/strategy.js';
import { AdmissionChain, type AdmissionAttributes } from './admission.js';
import {
  bootstrapSystemPriorityClasses,
  defaultPriorityClass,
  Priority,
  type PriorityClassView,
  registryPriorityClasses,
} from './priority.js';

const pods = makeResource(PodKind, {});
const priorityClasses = makeResource(PriorityClassKind, {});

const pc = (name: string, value: number, more: Partial<PriorityClassView> = {}): PriorityClassView => ({
  name,
  value,
  globalDefault: false,
  preemptionPolicy: 'PreemptLowerPriority',
  ...more,
});

/** A source over a fixed list, counting the fresh lists it answers. */
function source(classes: readonly PriorityClassView[]) {
  const calls = { fresh: 0, cached: 0 };
  return {
    calls,
    get: async (name: string) => classes.find((c) => c.name === name),
    list: async (fresh: boolean) => {
      calls[fresh ? 'fresh' : 'cached']++;
      return classes;
    },
  };
}

const podAttributes = (
  spec: Record<string, unknown>,
  more: Partial<AdmissionAttributes> = {},
): AdmissionAttributes => ({
  operation: 'CREATE',
  resource: pods,
  namespace: 'default',
  name: 'web',
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec },
  oldObject: undefined,
  user: undefined,
  dryRun: false,
  ...more,
});

const classAttributes = (
  operation: 'CREATE' | 'UPDATE',
  name: string,
  globalDefault: boolean,
): AdmissionAttributes => ({
  operation,
  resource: priorityClasses,
  namespace: undefined,
  name,
  object: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 5, globalDefault },
  oldObject: undefined,
  user: undefined,
  dryRun: false,
});

const HIGH = pc('high', 1000);
const NEVER = pc('polite', 500, { preemptionPolicy: 'Never' });
const DEFAULT_LOW = pc('low-default', 10, { globalDefault: true, preemptionPolicy: 'Never' });
const DEFAULT_HIGH = pc('high-default', 20, { globalDefault: true });

describe('Priority admission of pods', () => {
  const cases: {
    name: string;
    classes: PriorityClassView[];
    spec: Record<string, unknown>;
    want?: Record<string, unknown>;
    refused?: string;
  }[] = [
    {
      name: 'a pod naming a class gets its value and preemption policy',
      classes: [HIGH],
      spec: { priorityClassName: 'high' },
      want: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'a class that never preempts passes that on',
      classes: [NEVER],
      spec: { priorityClassName: 'polite' },
      want: { priorityClassName: 'polite', priority: 500, preemptionPolicy: 'Never' },
    },
    {
      name: 'a pod without a class gets priority 0 and PreemptLowerPriority when no class is the default',
      classes: [HIGH],
      spec: {},
      want: { priority: 0, preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'a pod without a class gets the default class, its name included',
      classes: [HIGH, DEFAULT_LOW],
      spec: {},
      want: { priorityClassName: 'low-default', priority: 10, preemptionPolicy: 'Never' },
    },
    {
      name: 'of two default classes the one with the lower value wins',
      classes: [DEFAULT_HIGH, DEFAULT_LOW],
      spec: {},
      want: { priorityClassName: 'low-default', priority: 10, preemptionPolicy: 'Never' },
    },
    {
      name: 'a pod that states the priority its class gives is admitted',
      classes: [HIGH],
      spec: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' },
      want: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' },
    },
    {
      name: 'an unknown class is refused',
      classes: [HIGH],
      spec: { priorityClassName: 'missing' },
      refused: 'pods "web" is forbidden: no PriorityClass with name missing was found',
    },
    {
      name: 'a priority other than the class gives is refused',
      classes: [HIGH],
      spec: { priorityClassName: 'high', priority: 7 },
      refused:
        'pods "web" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    },
    {
      name: 'a priority without a class is refused unless it is the default one',
      classes: [],
      spec: { priority: 3 },
      refused:
        'pods "web" is forbidden: the integer value of priority (3) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    },
    {
      name: 'a preemption policy other than the class gives is refused',
      classes: [HIGH],
      spec: { priorityClassName: 'high', preemptionPolicy: 'Never' },
      refused:
        'pods "web" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const a = podAttributes(structuredClone(c.spec));
      const admitting = new Priority(source(c.classes)).admit(a);
      if (c.refused !== undefined) {
        await assert.rejects(admitting, (err: unknown) => {
          assert.ok(err instanceof StatusError);
          assert.equal(err.code, 403);
          assert.equal(err.status.reason, 'Forbidden');
          assert.equal(err.message, c.refused);
          return true;
        });
        return;
      }
      await admitting;
      assert.deepEqual(a.object?.spec, c.want);
    });
  }

  test('an update keeps the priority and preemption policy the new object leaves out', async () => {
    const a = podAttributes(
      { priorityClassName: 'high' },
      {
        operation: 'UPDATE',
        oldObject: { spec: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'Never' } },
      },
    );
    await new Priority(source([])).admit(a);
    assert.deepEqual(a.object?.spec, { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'Never' });
  });

  test('subresources and other resources are left alone', async () => {
    const plugin = new Priority(source([]));
    const binding = podAttributes({ priorityClassName: 'missing' }, { subresource: 'status' });
    await plugin.admit(binding);
    assert.deepEqual(binding.object?.spec, { priorityClassName: 'missing' });
    const other = { ...podAttributes({}), resource: priorityClasses };
    await plugin.admit(other);
    assert.deepEqual(other.object?.spec, {});
  });

  test('a pod without a class reads the cached list, never storage', async () => {
    const s = source([DEFAULT_LOW]);
    await new Priority(s).admit(podAttributes({}));
    assert.deepEqual(s.calls, { fresh: 0, cached: 1 });
  });
});

describe('Priority validation of PriorityClasses', () => {
  const cases: { name: string; classes: PriorityClassView[]; a: AdmissionAttributes; refused?: string }[] = [
    {
      name: 'a second default class is refused on create',
      classes: [DEFAULT_LOW],
      a: classAttributes('CREATE', 'another', true),
      refused:
        'priorityclasses.scheduling.k8s.io "another" is forbidden: PriorityClass low-default is already marked as default. Only one default can exist',
    },
    {
      name: 'marking a class default while another is refused on update',
      classes: [DEFAULT_LOW, HIGH],
      a: classAttributes('UPDATE', 'high', true),
      refused:
        'priorityclasses.scheduling.k8s.io "high" is forbidden: PriorityClass low-default is already marked as default. Only one default can exist',
    },
    {
      name: 'the default class may be updated',
      classes: [DEFAULT_LOW],
      a: classAttributes('UPDATE', 'low-default', true),
    },
    { name: 'the first default class is admitted', classes: [HIGH], a: classAttributes('CREATE', 'first', true) },
    {
      name: 'a class that is not default is admitted',
      classes: [DEFAULT_LOW],
      a: classAttributes('CREATE', 'x', false),
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const s = source(c.classes);
      const validating = new Priority(s).validate(c.a);
      if (c.refused === undefined) return await validating;
      await assert.rejects(validating, (err: unknown) => {
        assert.ok(err instanceof StatusError);
        assert.equal(err.code, 403);
        assert.equal(err.message, c.refused);
        return true;
      });
      assert.equal(s.calls.fresh, 1, 'the check reads storage, not a cache');
    });
  }
});

describe('defaultPriorityClass', () => {
  test('no default class means none', () => assert.equal(defaultPriorityClass([HIGH, NEVER]), undefined));
});

/** Pods and PriorityClasses served from one memory store, with the Priority plugin in their admission. */
function cluster() {
  const store = new MemoryStore();
  const registries = new Map<string, Registry>();
  const admission = new AdmissionChain([
    new Priority(registryPriorityClasses(store, () => registries.get('priorityclasses'))),
  ]);
  const deps = { store, now: () => new Date(), namespaceState: async () => 'active' as const, admission };
  const of = (kind: typeof PodKind) =>
    new Registry(makeResource(kind, ALL_STRATEGIES[strategyKey(kind.group, kind.plural)] ?? {}), deps);
  registries.set('pods', of(PodKind));
  registries.set('priorityclasses', of(PriorityClassKind));
  return { pods: registries.get('pods')!, classes: registries.get('priorityclasses')! };
}

const podObject = (name: string, spec: Record<string, unknown> = {}): ApiObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
});

describe('Priority over the registries', () => {
  test('the system classes are created once, with their values, and resolve for pods', async () => {
    const c = cluster();
    await bootstrapSystemPriorityClasses(c.classes);
    await bootstrapSystemPriorityClasses(c.classes);
    const node = await c.classes.get(undefined, 'system-node-critical');
    assert.equal(node.value, 2000001000);
    assert.equal(node.description, 'Used for system critical pods that must not be moved from their current node.');
    assert.equal((await c.classes.get(undefined, 'system-cluster-critical')).value, 2000000000);
    const created = await c.pods.create('default', podObject('p', { priorityClassName: 'system-cluster-critical' }));
    assert.equal((created.spec as { priority?: number }).priority, 2000000000);
    c.classes.close();
  });

  test('a class created just before a pod resolves, and a second default class is refused', async () => {
    const c = cluster();
    await c.classes.create(undefined, {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'first' },
      value: 42,
      globalDefault: true,
    });
    const p = await c.pods.create('default', podObject('p', { priorityClassName: 'first' }));
    assert.equal((p.spec as { priority?: number }).priority, 42);
    await assert.rejects(
      c.classes.create(undefined, {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: 'second' },
        value: 1,
        globalDefault: true,
      }),
      /PriorityClass first is already marked as default\. Only one default can exist/,
    );
    const q = await c.pods.create('default', podObject('q'));
    assert.deepEqual(
      [(q.spec as { priorityClassName?: string }).priorityClassName, (q.spec as { priority?: number }).priority],
      ['first', 42],
    );
    c.classes.close();
  });
});
