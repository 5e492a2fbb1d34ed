/** Every kind Skiff serves, in discovery order: one explicit list. */
import type { KindDefinition } from './schema/kind.js';
import { CORE_KINDS } from './core/v1/other-kinds.js';
import { POD_KINDS } from './core/v1/pod-kinds.js';
import { KINDS as APPS_V1 } from './apps/v1/index.js';
import { KINDS as EVENTS_V1 } from './events/v1/index.js';
import { KINDS as AUTHENTICATION_V1 } from './authentication/v1/index.js';
import { KINDS as AUTHORIZATION_V1 } from './authorization/v1/index.js';
import { KINDS as AUTOSCALING_V2 } from './autoscaling/v2/index.js';
import { KINDS as AUTOSCALING_V1 } from './autoscaling/v1/index.js';
import { KINDS as BATCH_V1 } from './batch/v1/index.js';
import { KINDS as NETWORKING_V1 } from './networking/v1/index.js';
import { KINDS as POLICY_V1 } from './policy/v1/index.js';
import { KINDS as RBAC_V1 } from './rbac/v1/index.js';
import { KINDS as STORAGE_V1 } from './storage/v1/index.js';
import { KINDS as SCHEDULING_V1 } from './scheduling/v1/index.js';
import { KINDS as COORDINATION_V1 } from './coordination/v1/index.js';
import { KINDS as DISCOVERY_V1 } from './discovery/v1/index.js';

/** Kinds that are served as request or response bodies only (subresources), not as resources. */
const NOT_RESOURCES = new Set(['autoscaling/v1/Scale', 'policy/v1/Eviction']);

const core = [...CORE_KINDS, ...POD_KINDS].sort((a, b) => a.plural.localeCompare(b.plural));

/** In upstream's group order; within a group, the preferred version first. */
export const ALL_KINDS: readonly KindDefinition[] = [
  ...core,
  ...APPS_V1,
  ...EVENTS_V1,
  ...AUTHENTICATION_V1,
  ...AUTHORIZATION_V1,
  ...AUTOSCALING_V2,
  ...AUTOSCALING_V1,
  ...BATCH_V1,
  ...NETWORKING_V1,
  ...POLICY_V1,
  ...RBAC_V1,
  ...STORAGE_V1,
  ...SCHEDULING_V1,
  ...COORDINATION_V1,
  ...DISCOVERY_V1,
].filter((k) => !NOT_RESOURCES.has(`${k.group}/${k.version}/${k.kind}`));
