/**
 * Refusing field selectors on fields a kind does not make selectable, worded as kube-apiserver words it for
 * that kind (upstream's field label conversion functions use three different sentences).
 */
import { badRequest } from '../status.js';
import { goQuote } from '../validation/go-format.js';
import type { FieldSelector } from './selector.js';

/** Upstream's wordings of "this field cannot be selected on". */
export const FieldLabelWording = {
  /** `field label not supported: spec.foo` — Pod, Node, Event, Namespace, Secret, Service, ReplicationController, custom resources, and most kinds with selectable fields. */
  NotSupported: 'NotSupported',
  /** `field label "spec.foo" not supported for Job` — kinds whose conversion names themselves (the kind label is printed as given). */
  NotSupportedForKind: 'NotSupportedForKind',
  /** `"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"` — kinds with no conversion function of their own (ConfigMap, Deployment, …). */
  NotKnown: 'NotKnown',
} as const;
export type FieldLabelWording = (typeof FieldLabelWording)[keyof typeof FieldLabelWording];

/** The message refusing `field`, in the given wording. */
export function unsupportedFieldMessage(field: string, wording: FieldLabelWording, kindLabel: string): string {
  switch (wording) {
    case FieldLabelWording.NotSupported:
      return `field label not supported: ${field}`;
    case FieldLabelWording.NotSupportedForKind:
      return `field label ${goQuote(field)} not supported for ${kindLabel}`;
    case FieldLabelWording.NotKnown:
      return `${goQuote(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
  }
}

/**
 * Checks that every term of `selector` selects on one of `supported`; the first term (in parse order) that
 * does not is refused.
 * @param kindLabel the kind as its message names it (only the NotSupportedForKind wording prints it).
 * @throws StatusError 400 BadRequest with upstream's message for that kind.
 */
export function checkSupportedFields(
  selector: FieldSelector,
  supported: readonly string[],
  kindLabel: string,
  wording: FieldLabelWording = FieldLabelWording.NotSupported,
): void {
  for (const { field } of selector.requirements()) {
    if (!supported.includes(field)) throw badRequest(unsupportedFieldMessage(field, wording, kindLabel));
  }
}
