/**
 * A check, for tests, that a kind's schema can travel as protobuf: every struct field carries a protobuf
 * number (apiVersion and kind excepted: the envelope carries them) and no two fields of a struct share one.
 */
import type { TSchema } from '@sinclair/typebox';
import { elementOf, idOf, propertiesOf, shapeOf } from '../../schema/inspect.js';
import { PROTOBUF } from '../../schema/struct.js';

const EMBEDDED = 'x-protobuf-embedded';
const TYPE_META = new Set(['apiVersion', 'kind']);

/** Problems found in `schema` and every struct it reaches, e.g. `io.k8s.api.apps.v1.DeploymentSpec.paused: no number`. */
export function protobufProblems(schema: TSchema): string[] {
  const problems: string[] = [];
  const seen = new Set<TSchema>();
  const visit = (s: TSchema): void => {
    if (seen.has(s)) return;
    seen.add(s);
    const shape = shapeOf(s);
    if (shape === 'list' || shape === 'map') return visit(elementOf(s));
    if (shape !== 'struct') return;
    const owner = idOf(s) ?? '(anonymous struct)';
    const used = new Map<string, string>();
    for (const [name, child] of Object.entries(propertiesOf(s))) {
      const rec = child as Record<string, unknown>;
      const num = rec[PROTOBUF];
      if (typeof num !== 'number' || !Number.isInteger(num) || num < 1) {
        if (!TYPE_META.has(name)) problems.push(`${owner}.${name}: no protobuf number`);
      } else {
        const key = `${String(rec[EMBEDDED] ?? '')}/${num}`;
        const other = used.get(key);
        if (other !== undefined) problems.push(`${owner}.${name}: number ${num} also used by ${other}`);
        used.set(key, name);
      }
      visit(child);
    }
  };
  visit(schema);
  return problems;
}

/** The protobuf number of the field at a dotted path (`spec.template`, `spec.strategy.rollingUpdate`). */
export function protobufNumberAt(schema: TSchema, path: string): number | undefined {
  let node: TSchema | undefined = schema;
  for (const part of path.split('.')) {
    while (node !== undefined && (shapeOf(node) === 'list' || shapeOf(node) === 'map')) node = elementOf(node);
    node = node === undefined ? undefined : propertiesOf(node)[part];
  }
  const num = (node as Record<string, unknown> | undefined)?.[PROTOBUF];
  return typeof num === 'number' ? num : undefined;
}
