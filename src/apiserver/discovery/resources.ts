/** What discovery says about each resource: verbs, names, scope, subresources. */
import { type Verb, Verbs } from '../../api/schema/kind.js';
import type { Resource } from '../registry/generic/resource.js';

export interface SubresourceInfo {
  readonly name: string;
  readonly verbs: readonly string[];
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export const verbsOf = (r: Resource): readonly Verb[] => r.kind.verbs ?? Verbs;

/** The subresources served for a resource. */
export function subresourcesOf(r: Resource): SubresourceInfo[] {
  const { group, version, kind, plural } = r.kind;
  const out: SubresourceInfo[] = [];
  if (r.kind.subresources?.status)
    out.push({ name: 'status', verbs: ['get', 'patch', 'update'], group, version, kind });
  if (r.kind.subresources?.scale) {
    out.push({ name: 'scale', verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1', kind: 'Scale' });
  }
  if (group === '' && plural === 'namespaces') {
    out.push({ name: 'finalize', verbs: ['update'], group: '', version: 'v1', kind: 'Namespace' });
  }
  if (group === '' && plural === 'pods') {
    out.push({ name: 'binding', verbs: ['create'], group: '', version: 'v1', kind: 'Binding' });
    out.push({ name: 'eviction', verbs: ['create'], group: 'policy', version: 'v1', kind: 'Eviction' });
  }
  return out;
}
