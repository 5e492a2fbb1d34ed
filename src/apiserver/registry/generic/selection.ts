/** Which objects a list or watch selects: its label and field selectors, as one predicate. */
import {
  checkSupportedFields,
  FieldLabelWording,
  matchesFields,
  parseFieldSelector,
} from '../../../machinery/fields/index.js';
import { parseLabelSelector, matches } from '../../../machinery/labels/index.js';
import type { ApiObject } from '../strategy.js';
import type { Resource } from './resource.js';

export interface Selection {
  readonly everything: boolean;
  test(obj: ApiObject): boolean;
}

/** The fields a field selector may use for this resource, read from an object. */
export function selectableFields(resource: Resource, obj: ApiObject): Record<string, string> {
  const meta = (obj.metadata ?? {}) as { name?: string; namespace?: string };
  const fields: Record<string, string> = { 'metadata.name': meta.name ?? '' };
  if (resource.kind.namespaced) fields['metadata.namespace'] = meta.namespace ?? '';
  for (const [field, read] of Object.entries(resource.kind.selectableFields ?? {})) fields[field] = read(obj) ?? '';
  return fields;
}

/**
 * A predicate for the selector strings of a request.
 * @throws StatusError 400 for a malformed selector or an unsupported field.
 */
export function selection(resource: Resource, labelSelector = '', fieldSelector = ''): Selection {
  const labels = parseLabelSelector(labelSelector);
  const fields = parseFieldSelector(fieldSelector);
  const supported = [
    'metadata.name',
    ...(resource.kind.namespaced ? ['metadata.namespace'] : []),
    ...Object.keys(resource.kind.selectableFields ?? {}),
  ];
  // Upstream words the refusal by kind: kinds with their own selectable fields say "not supported"
  // (Jobs name themselves), the others list the two metadata fields.
  const wording =
    resource.kind.selectableFields === undefined
      ? FieldLabelWording.NotKnown
      : resource.kind.kind === 'Job'
        ? FieldLabelWording.NotSupportedForKind
        : FieldLabelWording.NotSupported;
  checkSupportedFields(fields, supported, resource.kind.kind, wording);
  const everything = labelSelector.trim() === '' && fieldSelector.trim() === '';
  return {
    everything,
    test: (obj) => {
      if (everything) return true;
      const meta = (obj.metadata ?? {}) as { labels?: Record<string, string> };
      return matches(labels, meta.labels ?? {}) && matchesFields(fields, selectableFields(resource, obj));
    },
  };
}
