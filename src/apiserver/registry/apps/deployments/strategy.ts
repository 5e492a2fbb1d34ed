/**
 * The policy of `deployments` (apps/v1): status belongs to the controller; the selector is immutable; spec
 * and annotation changes bump metadata.generation (annotations are copied to the ReplicaSets).
 */
import { FieldPath } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { obj, semanticEqual } from '../validation/json.js';
import { keepStatus, selectorImmutableErrors } from '../validation/lifecycle.js';
import { collisionCountErrors } from '../validation/numbers.js';
import { deploymentSpecErrors, deploymentStatusErrors } from './validation.js';

/** Bumps generation for an annotations-only change (the registry bumps it for spec changes). */
function bumpGenerationOnAnnotations(next: ApiObject, old: ApiObject): void {
  const meta = obj(next.metadata);
  const oldMeta = obj(old.metadata);
  const oldGeneration = typeof oldMeta.generation === 'number' ? oldMeta.generation : 1;
  if (meta.generation === oldGeneration && !semanticEqual(meta.annotations, oldMeta.annotations)) {
    meta.generation = oldGeneration + 1;
  }
}

export const deploymentsStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = {};
  },
  validate: (o) => deploymentSpecErrors(o.spec),
  prepareForUpdate(o, old) {
    keepStatus(o, old);
    bumpGenerationOnAnnotations(o, old);
  },
  validateUpdate: (o, old) => [...deploymentSpecErrors(o.spec), ...selectorImmutableErrors(o, old)],
  validateStatusUpdate: (o, old) => [
    ...deploymentStatusErrors(o.status),
    ...collisionCountErrors(obj(o.status), obj(old.status), FieldPath.root('status')),
  ],
};
