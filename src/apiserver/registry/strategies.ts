/** Every resource's strategy, keyed `<group>/<plural>` (core group: `/<plural>`): one explicit map. */
import type { Strategy } from './strategy.js';
import { CORE_STRATEGIES } from './core/other-strategies.js';
import { POD_STRATEGIES } from './core/pods/index.js';
import { STRATEGIES as APPS } from './apps/index.js';

const inGroup = (group: string, strategies: Readonly<Record<string, Strategy>>): [string, Strategy][] =>
  Object.entries(strategies).map(([plural, strategy]) => [`${group}/${plural}`, strategy]);

export const ALL_STRATEGIES: Readonly<Record<string, Strategy>> = Object.fromEntries([
  ...inGroup('', CORE_STRATEGIES),
  ...inGroup('', POD_STRATEGIES),
  ...inGroup('apps', APPS),
]);

export const strategyKey = (group: string, plural: string): string => `${group}/${plural}`;
