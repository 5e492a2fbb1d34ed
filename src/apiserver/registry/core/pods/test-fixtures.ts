/** Test helpers: objects defaulted as the registry defaults them, and readable validation results. */
import { PodKind } from '../../../../api/core/v1/pod.js';
import type { KindDefinition } from '../../../../api/schema/kind.js';
import { applyDefaults } from '../../../../api/schema/defaults.js';
import { errorString, type FieldError } from '../../../../machinery/field-errors.js';
import type { ApiObject, StrategyContext } from '../../strategy.js';

export type Rec = Record<string, unknown>;

export const CTX: StrategyContext = { now: new Date('2025-01-02T03:04:05Z') };

/** Applies the kind's schema defaults, then its conditional defaults, to a copy. */
export function defaulted(kind: KindDefinition, obj: Rec): ApiObject {
  const copy = structuredClone(obj) as ApiObject;
  applyDefaults(copy, kind.schema);
  kind.defaults?.(copy);
  return copy;
}

/** A defaulted pod named `web` with one container and whatever `spec` adds or overrides. */
export function pod(spec: Rec = {}, metadata: Rec = {}): ApiObject {
  return defaulted(PodKind, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', ...metadata },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
  });
}

export const messages = (errors: FieldError[]): string[] => errors.map(errorString);
