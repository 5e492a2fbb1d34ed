/**
 * What strategic merge patch reads from a SchemaNode: the node of a member, whether a node merges key by
 * key, and its patch strategy. A node the schema does not know merges as a JSON merge patch would.
 */
import { ANY_NODE, type SchemaNode } from '../schema-node.js';
import { unexpectedPatchStrategy } from './strategic-errors.js';

/** Structs and maps merge member by member and honour directives; anything else is merge-patched. */
export const mergesByKey = (node: SchemaNode): boolean => node.type === 'struct' || node.type === 'map';

/** The node of a member of a struct or map; {@link ANY_NODE} when the schema does not know it. */
export function memberNode(node: SchemaNode, name: string): SchemaNode {
  if (node.type === 'struct') return node.field?.(name) ?? ANY_NODE;
  if (node.type === 'map') return node.items ?? ANY_NODE;
  return ANY_NODE;
}

/** The node of a list's elements; {@link ANY_NODE} when unknown. */
export const elementNode = (node: SchemaNode): SchemaNode => node.items ?? ANY_NODE;

/**
 * The strategy besides `retainKeys` (`merge`, `replace` or ''), as upstream splits `merge,retainKeys`;
 * throws 500 for combinations it cannot split.
 */
export function patchStrategy(node: SchemaNode): string {
  const parts = (node.patchStrategy ?? '').split(',');
  if (parts.length === 1) return parts[0] === 'retainKeys' ? '' : (parts[0] ?? '');
  if (parts.length === 2) {
    if (parts[0] === 'retainKeys') return parts[1] ?? '';
    if (parts[1] === 'retainKeys') return parts[0] ?? '';
  }
  throw unexpectedPatchStrategy(parts);
}

/** The Go kind upstream names in `cannot merge lists without merge key for type <kind>`. */
export function goKindOf(node: SchemaNode): string {
  switch (node.type) {
    case 'struct':
      return 'struct';
    case 'map':
      return 'map';
    case 'list':
      return 'slice';
    default:
      return 'interface';
  }
}
