/** Every resource's strategy, keyed `<group>/<plural>` (core group: `/<plural>`): one explicit map. */
import type { Strategy } from './strategy.js';
import { CORE_STRATEGIES } from './core/other-strategies.js';
import { POD_STRATEGIES } from './core/pods/index.js';
import { STRATEGIES as APPS } from './apps/index.js';
import { STRATEGIES as AUTHENTICATION } from './authentication/index.js';
import { STRATEGIES as AUTHORIZATION } from './authorization/index.js';
import { STRATEGIES as AUTOSCALING } from './autoscaling/index.js';
import { STRATEGIES as BATCH } from './batch/index.js';
import { STRATEGIES as COORDINATION } from './coordination/index.js';
import { STRATEGIES as DISCOVERY } from './discovery/index.js';
import { STRATEGIES as EVENTS } from './events/index.js';
import { STRATEGIES as NETWORKING } from './networking/index.js';
import { STRATEGIES as POLICY } from './policy/index.js';
import { STRATEGIES as RBAC } from './rbac/index.js';
import { STRATEGIES as SCHEDULING } from './scheduling/index.js';
import { STRATEGIES as STORAGE } from './storage/index.js';

const inGroup = (group: string, strategies: Readonly<Record<string, Strategy>>): [string, Strategy][] =>
  Object.entries(strategies).map(([plural, strategy]) => [`${group}/${plural}`, strategy]);

export const ALL_STRATEGIES: Readonly<Record<string, Strategy>> = Object.fromEntries([
  ...inGroup('', CORE_STRATEGIES),
  ...inGroup('', POD_STRATEGIES),
  ...inGroup('apps', APPS),
  ...inGroup('authentication.k8s.io', AUTHENTICATION),
  ...inGroup('authorization.k8s.io', AUTHORIZATION),
  ...inGroup('autoscaling', AUTOSCALING),
  ...inGroup('batch', BATCH),
  ...inGroup('coordination.k8s.io', COORDINATION),
  ...inGroup('discovery.k8s.io', DISCOVERY),
  ...inGroup('events.k8s.io', EVENTS),
  ...inGroup('networking.k8s.io', NETWORKING),
  ...inGroup('policy', POLICY),
  ...inGroup('rbac.authorization.k8s.io', RBAC),
  ...inGroup('scheduling.k8s.io', SCHEDULING),
  ...inGroup('storage.k8s.io', STORAGE),
]);

export const strategyKey = (group: string, plural: string): string => `${group}/${plural}`;
