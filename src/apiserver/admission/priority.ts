/**
 * Priority, as kube-apiserver's admission plugin. A new pod's `spec.priorityClassName` is resolved to its
 * `spec.priority` (and `spec.preemptionPolicy`); a pod without one gets the global default class, or
 * priority 0 when no class is the default. A PriorityClass may claim `globalDefault` only while no other
 * class holds it. Also here: the system PriorityClasses every cluster starts with.
 */
import { forbidden, StatusError } from '../../machinery/status.js';
import type { Store } from '../../storage/store.js';
import { decodeObject } from '../registry/generic/codec.js';
import { listFromStore } from '../registry/generic/list.js';
import type { Registry } from '../registry/generic/registry.js';
import type { Selection } from '../registry/generic/selection.js';
import type { ApiObject } from '../registry/strategy.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admission.js';

/** What the plugin needs of a PriorityClass. */
export interface PriorityClassView {
  readonly name: string;
  readonly value: number;
  readonly globalDefault: boolean;
  /** Undefined only for classes stored before the field existed. */
  readonly preemptionPolicy: string | undefined;
}

/** Where the plugin reads PriorityClasses from. */
export interface PriorityClassSource {
  /** The class named `name` as stored now, or undefined when there is none. */
  get(name: string): Promise<PriorityClassView | undefined>;
  /**
   * Every class. With `fresh` false the answer may come from a cache that lags writes by a moment (every
   * pod create without a class name asks this way); with `fresh` true it is read from storage (asked only
   * by PriorityClass writes that claim `globalDefault`).
   */
  list(fresh: boolean): Promise<readonly PriorityClassView[]>;
}

/** The priority of pods when no class is the global default (upstream's DefaultPriorityWhenNoDefaultClassExists). */
export const DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS = 0;

/** The system classes, created at start-up when missing (upstream's SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASS_OBJECTS: readonly ApiObject[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: 2_000_001_000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: 2_000_000_000,
    description:
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

interface PodSpecPriority {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const isPods = (a: AdmissionAttributes): boolean =>
  a.resource.kind.group === '' && a.resource.kind.plural === 'pods' && a.subresource === undefined;
const isPriorityClasses = (a: AdmissionAttributes): boolean =>
  a.resource.kind.group === 'scheduling.k8s.io' &&
  a.resource.kind.plural === 'priorityclasses' &&
  a.subresource === undefined;

/** The name upstream's admission errors carry: the request's, else the object's, else "Unknown". */
const nameOf = (a: AdmissionAttributes): string => a.name || a.object?.metadata?.name || 'Unknown';

/** The global default class: of several (a race may make more than one), the one with the lowest value. */
export function defaultPriorityClass(classes: readonly PriorityClassView[]): PriorityClassView | undefined {
  let found: PriorityClassView | undefined;
  for (const pc of classes) if (pc.globalDefault && (found === undefined || pc.value < found.value)) found = pc;
  return found;
}

export class Priority implements AdmissionPlugin {
  readonly name = 'Priority';

  constructor(private readonly classes: PriorityClassSource) {}

  /** Pods and PriorityClasses (not their subresources). */
  handles(a: AdmissionAttributes): boolean {
    return isPods(a) || isPriorityClasses(a);
  }

  /**
   * On a pod's CREATE: sets `spec.priority`, `spec.preemptionPolicy` and (from the global default)
   * `spec.priorityClassName`. On its UPDATE: keeps the stored priority and preemption policy when the new
   * object omits them.
   * @throws StatusError 403 when the named class does not exist, or the pod asks for a priority or
   * preemption policy other than the class gives.
   */
  async admit(a: AdmissionAttributes): Promise<void> {
    if (!isPods(a) || a.object === undefined) return;
    const spec = (a.object.spec ??= {}) as PodSpecPriority;
    if (a.operation === 'UPDATE') {
      const old = (a.oldObject?.spec ?? {}) as PodSpecPriority;
      if (spec.priority === undefined && old.priority !== undefined) spec.priority = old.priority;
      if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined)
        spec.preemptionPolicy = old.preemptionPolicy;
      return;
    }
    if (a.operation !== 'CREATE') return;
    let className: string | undefined;
    let priority: number;
    let policy: string | undefined;
    if (!spec.priorityClassName) {
      const pc = defaultPriorityClass(await this.classes.list(false));
      className = pc?.name;
      priority = pc?.value ?? DEFAULT_PRIORITY_WHEN_NO_DEFAULT_CLASS;
      policy = pc === undefined ? 'PreemptLowerPriority' : pc.preemptionPolicy;
    } else {
      const pc = await this.classes.get(spec.priorityClassName);
      if (pc === undefined) {
        throw forbidden(
          a.resource.groupResource,
          nameOf(a),
          `no PriorityClass with name ${spec.priorityClassName} was found`,
        );
      }
      priority = pc.value;
      policy = pc.preemptionPolicy;
    }
    if (spec.priority !== undefined && spec.priority !== priority) {
      throw forbidden(
        a.resource.groupResource,
        nameOf(a),
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
      );
    }
    if (policy !== undefined && spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
      throw forbidden(
        a.resource.groupResource,
        nameOf(a),
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    }
    if (className !== undefined) spec.priorityClassName = className;
    spec.priority = priority;
    if (policy !== undefined) spec.preemptionPolicy = policy;
  }

  /**
   * On a PriorityClass CREATE or UPDATE that sets `globalDefault`: refuses it when another class is already
   * the default (an update of the default class itself passes).
   * @throws StatusError 403 naming the class that is the default.
   */
  async validate(a: AdmissionAttributes): Promise<void> {
    if (!isPriorityClasses(a) || a.object === undefined) return;
    if ((a.operation !== 'CREATE' && a.operation !== 'UPDATE') || a.object.globalDefault !== true) return;
    const current = defaultPriorityClass(await this.classes.list(true));
    if (current === undefined) return;
    if (a.operation === 'CREATE' || current.name !== nameOf(a)) {
      throw forbidden(
        a.resource.groupResource,
        nameOf(a),
        `PriorityClass ${current.name} is already marked as default. Only one default can exist`,
      );
    }
  }
}

function viewOf(obj: ApiObject): PriorityClassView {
  return {
    name: obj.metadata?.name ?? '',
    value: typeof obj.value === 'number' ? obj.value : 0,
    globalDefault: obj.globalDefault === true,
    preemptionPolicy: typeof obj.preemptionPolicy === 'string' ? obj.preemptionPolicy : undefined,
  };
}

const EVERYTHING: Selection = { everything: true, test: () => true };

/**
 * PriorityClasses read through their registry: single classes from storage (so a class created just
 * before a pod is seen by it), cached lists from the registry's watch cache (in memory, kept current by one
 * store watch), fresh lists from storage. `registry` is asked on each read, so the source can be made
 * before the registries exist; a server without the kind has no classes.
 */
export function registryPriorityClasses(store: Store, registry: () => Registry | undefined): PriorityClassSource {
  return {
    async get(name) {
      const r = registry();
      const kv = await r?.read(undefined, name);
      return r === undefined || kv === undefined ? undefined : viewOf(decodeObject(kv, r.resource.conversion));
    },
    async list(fresh) {
      const r = registry();
      if (r === undefined) return [];
      const { items } = fresh
        ? await listFromStore(store, r.resource, undefined, EVERYTHING, {})
        : await r.watchCache().list(undefined, EVERYTHING);
      return items.map(viewOf);
    },
  };
}

/**
 * Creates the system PriorityClasses that are missing (an existing one is left as it is), as upstream's
 * API server does at start. Does nothing when the server does not serve PriorityClasses.
 */
export async function bootstrapSystemPriorityClasses(registry: Registry | undefined): Promise<void> {
  if (registry === undefined) return;
  for (const pc of SYSTEM_PRIORITY_CLASS_OBJECTS) {
    const name = pc.metadata?.name ?? '';
    if ((await registry.read(undefined, name)) !== undefined) continue;
    try {
      await registry.create(undefined, structuredClone(pc));
    } catch (err) {
      if (!(err instanceof StatusError) || err.code !== 409) throw err;
    }
  }
}
