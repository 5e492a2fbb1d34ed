/**
 * Access review validation (upstream's pkg/apis/authorization/validation). Reviews are not stored: their
 * create handlers validate the body as received and answer with the status. Metadata must be empty (the
 * namespace aside for LocalSubjectAccessReview); fields the registry sets itself are not counted.
 */
import { type FieldError, FieldPath, invalid } from '../../../machinery/field-errors.js';
import type { ApiObject } from '../strategy.js';
import { isObj, isSet, obj, strings, text } from '../apps/validation/json.js';

const SPEC = FieldPath.root('spec');
/** What the registry itself sets on every object it creates; not the client's metadata. */
const SYSTEM_META = new Set(['uid', 'creationTimestamp', 'generation', 'resourceVersion', 'managedFields']);

/** Exactly one of resourceAttributes and nonResourceAttributes (both Self and plain reviews). */
export function attributesErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  if (isSet(spec.resourceAttributes) && isSet(spec.nonResourceAttributes)) {
    errs.push(
      invalid(
        SPEC.child('nonResourceAttributes'),
        spec.nonResourceAttributes,
        'cannot be specified in combination with resourceAttributes',
      ),
    );
  }
  if (!isSet(spec.resourceAttributes) && !isSet(spec.nonResourceAttributes)) {
    errs.push(
      invalid(
        SPEC.child('resourceAttributes'),
        spec.nonResourceAttributes ?? null,
        'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      ),
    );
  }
  const selectors = obj(spec.resourceAttributes);
  for (const key of ['fieldSelector', 'labelSelector'] as const) {
    const selector = selectors[key];
    if (
      isObj(selector) &&
      text(selector.rawSelector) !== '' &&
      Array.isArray(selector.requirements) &&
      selector.requirements.length > 0
    ) {
      errs.push(
        invalid(
          SPEC.child('resourceAttributes', key, 'rawSelector'),
          selector.rawSelector,
          'may not specified at the same time as requirements',
        ),
      );
    }
  }
  return errs;
}

/** Upstream's ValidateSubjectAccessReviewSpec: the attributes, and a user or a group to ask about. */
export function subjectAccessReviewSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = attributesErrors(spec);
  if (text(spec.user) === '' && strings(spec.groups).length === 0) {
    errs.push(invalid(SPEC.child('user'), text(spec.user), 'at least one of user or group must be specified'));
  }
  return errs;
}

/** `metadata: Invalid value: …: must be empty` (or `must be empty except for namespace`). */
export function emptyMetadataErrors(o: ApiObject, allowNamespace: boolean): FieldError[] {
  const meta = obj(o.metadata);
  const given = Object.entries(meta).filter(
    ([k, v]) => !SYSTEM_META.has(k) && !(allowNamespace && k === 'namespace') && isSet(v) && v !== '',
  );
  if (given.length === 0) return [];
  return [
    invalid(FieldPath.root('metadata'), meta, allowNamespace ? 'must be empty except for namespace' : 'must be empty'),
  ];
}

/** Upstream's ValidateLocalSubjectAccessReview beyond the spec: the namespace agrees, resource attributes only. */
export function localReviewErrors(o: ApiObject): FieldError[] {
  const spec = obj(o.spec);
  const errs: FieldError[] = [];
  const namespace = text(o.metadata?.namespace);
  if (isObj(spec.resourceAttributes) && text(spec.resourceAttributes.namespace) !== namespace) {
    errs.push(
      invalid(
        SPEC.child('resourceAttributes', 'namespace'),
        text(spec.resourceAttributes.namespace),
        'must match metadata.namespace',
      ),
    );
  }
  if (isSet(spec.nonResourceAttributes)) {
    errs.push(
      invalid(SPEC.child('nonResourceAttributes'), spec.nonResourceAttributes, 'disallowed on this kind of request'),
    );
  }
  return errs;
}
