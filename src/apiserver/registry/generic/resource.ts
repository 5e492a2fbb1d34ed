/** A served resource: its kind definition, its strategy, and what the registry derives from them. */
import type { KindDefinition } from '../../../api/schema/kind.js';
import { propertiesOf } from '../../../api/schema/inspect.js';
import type { GroupKind, GroupResource } from '../../../machinery/status.js';
import type { Strategy } from '../strategy.js';
import { type ResourceKeys, resourceKeys } from './keys.js';
import type { Conversion } from './codec.js';

export interface Resource {
  readonly kind: KindDefinition;
  readonly strategy: Strategy;
  readonly keys: ResourceKeys;
  readonly groupResource: GroupResource;
  readonly groupKind: GroupKind;
  /** Whether objects get metadata.generation, bumped on every spec change (as upstream's strategies do). */
  readonly hasSpec: boolean;
  /** Seconds to live in storage (events); undefined for permanent objects. */
  readonly ttlSeconds?: number;
  /** For a version served from another version's storage: how objects convert. */
  readonly conversion?: Conversion;
}

/** The resources whose upstream strategies maintain metadata.generation. */
const TRACKS_GENERATION = new Set([
  '/replicationcontrollers',
  'apps/deployments',
  'apps/replicasets',
  'apps/statefulsets',
  'apps/daemonsets',
  'batch/jobs',
  'batch/cronjobs',
  'networking.k8s.io/ingresses',
  'networking.k8s.io/ingressclasses',
  'networking.k8s.io/networkpolicies',
  'policy/poddisruptionbudgets',
]);

export function makeResource(
  kind: KindDefinition,
  strategy: Strategy,
  options: { ttlSeconds?: number; versionedStorage?: boolean; conversion?: Conversion; storageGroup?: string } = {},
): Resource {
  return {
    kind,
    strategy,
    // A kind served in several versions (or groups: events) shares one storage when a conversion is
    // given, as upstream; without one, each version's objects are kept apart.
    keys: resourceKeys(
      options.storageGroup ?? kind.group,
      options.versionedStorage ? `${kind.plural}.${kind.version}` : kind.plural,
      kind.namespaced,
    ),
    groupResource: { group: kind.group, resource: kind.plural },
    groupKind: { group: kind.group, kind: kind.kind },
    hasSpec: 'spec' in propertiesOf(kind.schema) && TRACKS_GENERATION.has(`${kind.group}/${kind.plural}`),
    ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
    ...(options.conversion === undefined ? {} : { conversion: options.conversion }),
  };
}
