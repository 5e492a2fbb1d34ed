/**
 * Applies the `default`s a schema declares: a field absent from a present object gets its default. Each
 * schema is compiled once into a plan that visits only the fields that have a default or lead to one, so a
 * request does not walk every property of every struct in the schema.
 */
import type { TSchema } from '@sinclair/typebox';
import { elementOf, propertiesOf, type SchemaRecord, shapeOf } from './inspect.js';

interface FieldPlan {
  readonly key: string;
  readonly fallback: unknown;
  readonly sub: Plan | null;
}

type Plan =
  | { readonly kind: 'struct'; readonly fields: readonly FieldPlan[] }
  | { readonly kind: 'list' | 'map'; readonly sub: Plan }
  /** A schema that contains itself: its plan is looked up when applied (it is complete by then). */
  | { readonly kind: 'ref'; readonly schema: TSchema };

/** Compiled plans; null: nothing under this schema has a default. */
const plans = new WeakMap<TSchema, Plan | null>();
const compiling = new Set<TSchema>();

/** Defaults `value` (an object, list or map matching `schema`) in place. */
export function applyDefaults(value: unknown, schema: TSchema): void {
  const plan = planOf(schema);
  if (plan !== null) run(value, plan);
}

function planOf(schema: TSchema): Plan | null {
  const known = plans.get(schema);
  if (known !== undefined) return known;
  if (compiling.has(schema)) return { kind: 'ref', schema };
  compiling.add(schema);
  let plan: Plan | null = null;
  switch (shapeOf(schema)) {
    case 'struct': {
      const fields: FieldPlan[] = [];
      for (const [key, child] of Object.entries(propertiesOf(schema))) {
        const fallback = (child as SchemaRecord).default;
        const sub = planOf(child);
        if (fallback !== undefined || sub !== null) fields.push({ key, fallback, sub });
      }
      if (fields.length > 0) plan = { kind: 'struct', fields };
      break;
    }
    case 'list':
    case 'map': {
      const sub = planOf(elementOf(schema));
      if (sub !== null) plan = { kind: shapeOf(schema) === 'list' ? 'list' : 'map', sub };
      break;
    }
    default:
      break;
  }
  compiling.delete(schema);
  plans.set(schema, plan);
  return plan;
}

function run(value: unknown, plan: Plan): void {
  switch (plan.kind) {
    case 'ref': {
      const resolved = plans.get(plan.schema);
      if (resolved) run(value, resolved);
      return;
    }
    case 'struct': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      const obj = value as Record<string, unknown>;
      for (const { key, fallback, sub } of plan.fields) {
        if (obj[key] === undefined && fallback !== undefined) {
          obj[key] = typeof fallback === 'object' ? structuredClone(fallback) : fallback;
        }
        const member = obj[key];
        if (member !== undefined && sub !== null) run(member, sub);
      }
      return;
    }
    case 'list':
      if (Array.isArray(value)) for (const item of value) run(item, plan.sub);
      return;
    case 'map':
      if (value !== null && typeof value === 'object') for (const item of Object.values(value)) run(item, plan.sub);
      return;
  }
}
