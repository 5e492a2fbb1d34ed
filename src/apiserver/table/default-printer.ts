/**
 * The printer for kinds without one of their own (Role, ClusterRole, LimitRange, …), matching the API server's
 * default table convertor: NAME and CREATED AT, the creation time in UTC RFC 3339 (kubectl shows it as is).
 */
import { optTime } from './accessors.js';
import { NAME, column } from './columns.js';
import { name } from './format.js';
import type { Cell, Printer } from './types.js';

/** Go's zero time, which upstream prints for an object without a creation timestamp. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC 3339 in UTC with whole seconds, as Go's `time.RFC3339` formats a UTC time. */
function rfc3339(ms: number | undefined): string {
  if (ms === undefined) return ZERO_TIME;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultPrinter: Printer = {
  columns: [NAME, column('Created At', 'date', 'When the object was created (metadata.creationTimestamp).')],
  cells(obj): Cell[] {
    return [name(obj), rfc3339(optTime(obj, 'metadata', 'creationTimestamp'))];
  },
};
