/**
 * core/v1 TopologySelectorTerm, which only StorageClass.allowedTopologies uses (definition names and
 * protobuf numbers from core/v1 generated.proto). It belongs with core/v1; it lives here until core has it.
 */
import { arrayOf, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const TopologySelectorLabelRequirement = struct(
  'io.k8s.api.core.v1.TopologySelectorLabelRequirement',
  {
    key: field(1, str()),
    values: field(2, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['key', 'values'] },
);

export const TopologySelectorTerm = struct(
  'io.k8s.api.core.v1.TopologySelectorTerm',
  {
    matchLabelExpressions: field(1, arrayOf(TopologySelectorLabelRequirement), { listType: 'atomic' }),
  },
  { structType: 'atomic' },
);
