/** What an access review (authorization.k8s.io/v1) asks about: a resource request or a non-resource URL. */
import { arrayOf, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelectorRequirement } from '../../meta/v1/object-meta.js';

export const FieldSelectorRequirement = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement',
  {
    key: field(1, str()),
    operator: field(2, str()),
    values: field(3, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['key', 'operator'] },
);

export const FieldSelectorAttributes = struct('io.k8s.api.authorization.v1.FieldSelectorAttributes', {
  rawSelector: field(1, str()),
  requirements: field(2, arrayOf(FieldSelectorRequirement), { listType: 'atomic' }),
});

export const LabelSelectorAttributes = struct('io.k8s.api.authorization.v1.LabelSelectorAttributes', {
  rawSelector: field(1, str()),
  requirements: field(2, arrayOf(LabelSelectorRequirement), { listType: 'atomic' }),
});

export const ResourceAttributes = struct('io.k8s.api.authorization.v1.ResourceAttributes', {
  namespace: field(1, str()),
  verb: field(2, str()),
  group: field(3, str()),
  version: field(4, str()),
  resource: field(5, str()),
  subresource: field(6, str()),
  name: field(7, str()),
  fieldSelector: field(8, FieldSelectorAttributes),
  labelSelector: field(9, LabelSelectorAttributes),
});

export const NonResourceAttributes = struct('io.k8s.api.authorization.v1.NonResourceAttributes', {
  path: field(1, str()),
  verb: field(2, str()),
});

/**
 * ExtraValue: a list of strings in JSON. Protobuf wraps it in a message whose field 1 (`items`) holds the
 * strings, as map values cannot be repeated fields.
 */
export const ExtraValue = { ...arrayOf(str()), $id: 'io.k8s.api.authorization.v1.ExtraValue' } as ReturnType<
  typeof arrayOf<ReturnType<typeof str>>
>;
