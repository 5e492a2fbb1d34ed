/**
 * The condition struct most workload kinds share (type, status, lastTransitionTime, reason, message as
 * protobuf fields 1–5): upstream declares one per kind under its own name, with the same fields.
 */
import { str, time } from './primitives.js';
import { field, struct } from './struct.js';

export function typedCondition(id: string) {
  return struct(
    id,
    {
      type: field(1, str()),
      status: field(2, str()),
      lastTransitionTime: field(3, time()),
      reason: field(4, str()),
      message: field(5, str()),
    },
    { required: ['type', 'status'] },
  );
}
