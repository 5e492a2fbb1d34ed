/** Applies the `default`s a schema declares: a field absent from a present object gets its default. */
import type { TSchema } from '@sinclair/typebox';
import { elementOf, propertiesOf, type SchemaRecord, shapeOf } from './inspect.js';

/** Defaults `value` (an object, list or map matching `schema`) in place. */
export function applyDefaults(value: unknown, schema: TSchema): void {
  switch (shapeOf(schema)) {
    case 'struct': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      const obj = value as Record<string, unknown>;
      for (const [key, child] of Object.entries(propertiesOf(schema))) {
        const fallback = (child as SchemaRecord).default;
        if (obj[key] === undefined && fallback !== undefined) obj[key] = structuredClone(fallback);
        if (obj[key] !== undefined) applyDefaults(obj[key], child);
      }
      return;
    }
    case 'list':
      if (Array.isArray(value)) for (const item of value) applyDefaults(item, elementOf(schema));
      return;
    case 'map':
      if (value !== null && typeof value === 'object') {
        for (const item of Object.values(value)) applyDefaults(item, elementOf(schema));
      }
      return;
    default:
      return;
  }
}
