/** `bindings` and `pods/binding`: assigning a pod to a node. */
import { type FieldError, FieldPath, notSupported, required } from '../../../../machinery/field-errors.js';
import { conflict, type StatusError } from '../../../../machinery/status.js';
import { timestamp } from '../../generic/metadata.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { isObj, type Obj, objects, stringMap, text } from './validation/common.js';

const TARGET = FieldPath.root('target');

/** A Binding's target must be a Node (or say no kind) and name it. */
export function bindingErrors(binding: ApiObject): FieldError[] {
  const target: Obj = isObj(binding.target) ? binding.target : {};
  const errors: FieldError[] = [];
  const kind = text(target.kind);
  if (kind !== '' && kind !== 'Node') errors.push(notSupported(TARGET.child('kind'), kind, ['Node', '<empty>']));
  if (text(target.name) === '') errors.push(required(TARGET.child('name')));
  return errors;
}

/** Bindings are validated, then applied to their pod with {@link bindPod}; they are never stored. */
export const bindingStrategy: Strategy = {
  validate: (obj) => bindingErrors(obj),
};

const bindingConflict = (pod: string, reason: string): StatusError =>
  conflict({ group: '', resource: 'pods/binding' }, pod, reason);

/**
 * Applies a (valid) Binding to the current pod: returns the pod with spec.nodeName set, the binding's
 * annotations merged into the pod's, and PodScheduled=True. The given pod is left as it was: the result
 * has its own metadata, spec, status and conditions list and shares the rest (the registry hands a binding
 * the object it compares the write with). Throws 409 Conflict, as upstream words it, when the pod is being
 * deleted, is already bound, still has scheduling gates, or is not the pod the binding's metadata.uid
 * names. The caller checks that the URL's name matches the binding's.
 */
export function bindPod(pod: ApiObject, binding: ApiObject, now: Date): ApiObject {
  const name = text(pod.metadata?.name);
  const meta = { ...pod.metadata };
  const spec: Obj = isObj(pod.spec) ? { ...pod.spec } : {};
  const wantedUID = text(binding.metadata?.uid);
  const uid = text(meta.uid);
  if (wantedUID !== '' && wantedUID !== uid) {
    throw conflict(
      { group: '', resource: 'pods' },
      name,
      `Precondition failed: UID in precondition: ${wantedUID}, UID in object meta: ${uid}`,
    );
  }
  if (meta.deletionTimestamp !== undefined)
    throw bindingConflict(name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const current = text(spec.nodeName);
  if (current !== '') throw bindingConflict(name, `pod ${name} is already assigned to node "${current}"`);
  if (objects(spec.schedulingGates).length > 0)
    throw bindingConflict(name, `pod ${name} has non-empty .spec.schedulingGates`);
  spec.nodeName = text(isObj(binding.target) ? binding.target.name : undefined);
  const annotations = stringMap(binding.metadata?.annotations);
  if (Object.keys(annotations).length > 0) meta.annotations = { ...stringMap(meta.annotations), ...annotations };
  const status: Obj = isObj(pod.status) ? { ...pod.status } : {};
  const conditions = objects(status.conditions);
  const previous = conditions.find((c) => c.type === 'PodScheduled');
  const scheduled = {
    type: 'PodScheduled',
    status: 'True',
    lastTransitionTime:
      previous?.status === 'True' && previous.lastTransitionTime !== undefined
        ? previous.lastTransitionTime
        : timestamp(now),
  };
  status.conditions = previous ? conditions.map((c) => (c === previous ? scheduled : c)) : [...conditions, scheduled];
  return { ...pod, metadata: meta, spec, status };
}
