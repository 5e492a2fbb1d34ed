/** The metadata rules every kind shares, checked by the registry before a strategy's own rules. */
import { type FieldError, FieldPath } from '../../../machinery/field-errors.js';
import {
  nameIsDNSSubdomain,
  type ObjectMetaLike,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../../../machinery/validation/index.js';
import { validateNamespaceName } from '../../../machinery/validation/index.js';
import type { Resource } from './resource.js';
import type { Meta } from './metadata.js';

const META = FieldPath.root('metadata');

function nameRule(resource: Resource): (name: string, prefix: boolean) => string[] {
  if (resource.strategy.validateName) return resource.strategy.validateName;
  return resource.kind.group === '' && resource.kind.plural === 'namespaces'
    ? validateNamespaceName
    : nameIsDNSSubdomain;
}

export function validateMeta(meta: Meta, resource: Resource): FieldError[] {
  return validateObjectMeta(
    meta as ObjectMetaLike,
    { namespaced: resource.kind.namespaced, nameFn: nameRule(resource) },
    META,
  );
}

export function validateMetaUpdate(meta: Meta, old: Meta, resource: Resource): FieldError[] {
  return [
    ...validateMeta(meta, resource),
    ...validateObjectMetaUpdate(meta as ObjectMetaLike, old as ObjectMetaLike, META),
  ];
}
