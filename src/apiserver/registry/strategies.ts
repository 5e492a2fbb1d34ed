/** Every resource's strategy, keyed `<group>/<plural>` (core group: `/<plural>`): one explicit map. */
import type { Strategy } from './strategy.js';

const namespaces: Strategy = {
  prepareForCreate: (obj) => {
    obj.status = { phase: 'Active' };
    const spec = (obj.spec ?? {}) as { finalizers?: string[] };
    obj.spec = { ...spec, finalizers: spec.finalizers ?? ['kubernetes'] };
  },
};

export const ALL_STRATEGIES: Readonly<Record<string, Strategy>> = {
  '/namespaces': namespaces,
};

export const strategyKey = (group: string, plural: string): string => `${group}/${plural}`;
