/** Which objects a list or watch selects: its label and field selectors, as one predicate. */
import { checkSupportedFields, FieldLabelWording, parseFieldSelector } from '../../../machinery/fields/index.js';
import { parseLabelSelector, matches } from '../../../machinery/labels/index.js';
import type { ApiObject } from '../strategy.js';
import type { Resource } from './resource.js';

export interface Selection {
  readonly everything: boolean;
  test(obj: ApiObject): boolean;
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
  // Each field the selector names is read on its own (a watch tests every event, twice for an update): the
  // object's whole set of selectable fields is not built per test. The fields were checked as supported above.
  const readers = new Map(fields.requirements().map((t) => [t.field, fieldReader(resource, t.field)]));
  return {
    everything,
    test: (obj) => {
      if (everything) return true;
      const meta = (obj.metadata ?? {}) as { labels?: Record<string, string> };
      return matches(labels, meta.labels ?? {}) && fields.matchesBy((field) => readers.get(field)?.(obj) ?? '');
    },
  };
}

/**
 * How to read one selectable field of the resource's objects ('' when absent): the kind's own reader, else
 * the object's name or (namespaced kinds) namespace.
 */
function fieldReader(resource: Resource, field: string): (obj: ApiObject) => string {
  const metaField = (name: 'name' | 'namespace') => (obj: ApiObject) =>
    ((obj.metadata ?? {}) as { name?: string; namespace?: string })[name] ?? '';
  const own = resource.kind.selectableFields;
  if (own !== undefined && Object.hasOwn(own, field)) {
    const read = own[field] as (obj: ApiObject) => string | undefined;
    return (obj) => read(obj) ?? '';
  }
  if (field === 'metadata.name') return metaField('name');
  if (field === 'metadata.namespace' && resource.kind.namespaced) return metaField('namespace');
  return () => '';
}
