/** The machinery's view (SchemaNode) of an API schema: what patching and apply need. */
import type { TSchema } from '@sinclair/typebox';
import { ANY_NODE, type SchemaNode } from '../../machinery/schema-node.js';
import { elementOf, propertiesOf, type SchemaRecord, shapeOf } from './inspect.js';

const cache = new WeakMap<TSchema, SchemaNode>();

/** The SchemaNode of a schema (cached per schema object; field-level metadata comes from the field). */
export function schemaNode(schema: TSchema): SchemaNode {
  let node = cache.get(schema);
  if (node === undefined) {
    node = build(schema);
    cache.set(schema, node);
  }
  return node;
}

function build(schema: TSchema): SchemaNode {
  const s = schema as SchemaRecord;
  const meta = {
    ...(typeof s['x-kubernetes-patch-strategy'] === 'string'
      ? { patchStrategy: s['x-kubernetes-patch-strategy'] }
      : {}),
    ...(typeof s['x-kubernetes-patch-merge-key'] === 'string'
      ? { patchMergeKey: s['x-kubernetes-patch-merge-key'] }
      : {}),
    ...(typeof s['x-kubernetes-list-type'] === 'string'
      ? { listType: s['x-kubernetes-list-type'] as 'atomic' | 'set' | 'map' }
      : {}),
    ...(Array.isArray(s['x-kubernetes-list-map-keys'])
      ? { listMapKeys: s['x-kubernetes-list-map-keys'] as string[] }
      : {}),
    ...(typeof s['x-kubernetes-map-type'] === 'string'
      ? { mapType: s['x-kubernetes-map-type'] as 'atomic' | 'granular' }
      : {}),
  };
  switch (shapeOf(schema)) {
    case 'struct': {
      const properties = propertiesOf(schema);
      // Looked up for every member of every object written: each field's node is found once.
      const fields = new Map<string, SchemaNode>();
      return {
        type: 'struct',
        ...meta,
        field: (name) => {
          let node = fields.get(name);
          if (node === undefined && Object.prototype.hasOwnProperty.call(properties, name)) {
            node = schemaNode(properties[name] as TSchema);
            fields.set(name, node);
          }
          return node;
        },
      };
    }
    case 'list':
      return { type: 'list', ...meta, items: schemaNode(elementOf(schema)) };
    case 'map':
      return { type: 'map', ...meta, items: schemaNode(elementOf(schema)) };
    case 'any':
      return { ...ANY_NODE, ...meta, preserveUnknownFields: true };
    default:
      return { type: 'scalar', ...meta };
  }
}
