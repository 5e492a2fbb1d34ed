/**
 * What patching, apply and field tracking need to know about an object's shape, independent of how
 * schemas are written: at each node, is it a struct, a map, a list or a scalar, and how do lists merge.
 * The API schemas (src/api) produce these; machinery code only reads them.
 */
export interface SchemaNode {
  readonly type: 'struct' | 'map' | 'list' | 'scalar' | 'any';
  /** For a struct: the node of a named field (undefined for an unknown field). */
  field?(name: string): SchemaNode | undefined;
  /** For a list: its items; for a map: its values. */
  readonly items?: SchemaNode;
  /**
   * Strategic merge patch: how this field's value merges (`merge`, `replace`, `retainKeys`,
   * `merge,retainKeys`); absent means replace for lists and merge for maps and structs.
   */
  readonly patchStrategy?: string;
  /** Strategic merge patch: the key identifying elements of a list of structs (e.g. `name`). */
  readonly patchMergeKey?: string;
  /** Server-side apply: `atomic`, `set` or `map` (a list keyed by `listMapKeys`). */
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  /** Server-side apply: `atomic` maps and structs are owned as a whole. */
  readonly mapType?: 'atomic' | 'granular';
  /** The node accepts any JSON (x-kubernetes-preserve-unknown-fields or int-or-string). */
  readonly preserveUnknownFields?: boolean;
}

/** A node that accepts any value and merges maps key by key: for objects without a schema. */
export const ANY_NODE: SchemaNode = { type: 'any' };
