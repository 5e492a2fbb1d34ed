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

/**
 * A status write keeps the stored spec and labels but takes the request's annotations (upstream's deployment
 * status strategy: the controller records `deployment.kubernetes.io/revision` this way); everything else in
 * metadata stays as stored.
 */
function prepareDeploymentStatusUpdate(o: ApiObject, old: ApiObject): void {
  const annotations = obj(o.metadata).annotations;
  const resourceVersion = obj(o.metadata).resourceVersion;
  const status = o.status;
  for (const key of Object.keys(o)) if (key !== 'status') delete o[key];
  for (const [key, value] of Object.entries(old)) if (key !== 'status') o[key] = structuredClone(value);
  if (status !== undefined) o.status = status;
  const meta = obj(o.metadata);
  if (annotations === undefined) delete meta.annotations;
  else meta.annotations = annotations;
  if (resourceVersion !== undefined) meta.resourceVersion = resourceVersion;
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
  prepareForStatusUpdate: (o, old) => prepareDeploymentStatusUpdate(o, old),
  validateStatusUpdate: (o, old) => [
    ...deploymentStatusErrors(o.status),
    ...collisionCountErrors(obj(o.status), obj(old.status), FieldPath.root('status')),
  ],
};
