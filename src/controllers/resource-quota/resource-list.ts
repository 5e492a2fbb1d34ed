/**
 * Resource lists as exact quantities (upstream quota helpers Add, Mask, Equals): `{cpu: 1500m, pods: 3}` as a
 * Map from resource name to Quantity. Sums keep the format of their first non-zero term, so a sum prints in
 * upstream's canonical form (`1500m`, `3Gi`).
 */
import { Quantity } from '../../machinery/quantity.js';

export type Usage = Map<string, Quantity>;
export type ReadonlyUsage = ReadonlyMap<string, Quantity>;

/** Parses a resource list; amounts that are not quantities are left out. */
export function parseResourceList(list: Readonly<Record<string, string>> | undefined | null): Usage {
  const usage: Usage = new Map();
  for (const [name, text] of Object.entries(list ?? {})) {
    try {
      usage.set(name, Quantity.parse(String(text)));
    } catch {
      // Validation keeps these out of the API; a bad one is ignored rather than poisoning the sum.
    }
  }
  return usage;
}

/** `a + b` per name, as a new map (a name in only one of them is copied). */
export function addUsage(a: ReadonlyUsage, b: ReadonlyUsage): Usage {
  const sum: Usage = new Map(a);
  for (const [name, q] of b) {
    const existing = sum.get(name);
    sum.set(name, existing === undefined ? q : existing.add(q));
  }
  return sum;
}

/** Raises each amount of `target` to at least `b`'s (a name only in `b` is copied). Mutates `target`. */
export function maxInto(target: Usage, b: ReadonlyUsage): void {
  for (const [name, q] of b) {
    const existing = target.get(name);
    if (existing === undefined || q.cmp(existing) > 0) target.set(name, q);
  }
}

/** The entries of `usage` whose names are in `names`. */
export function maskUsage(usage: ReadonlyUsage, names: Iterable<string>): Usage {
  const keep = new Set(names);
  return new Map([...usage].filter(([name]) => keep.has(name)));
}

/** Same names with equal amounts (upstream quota.Equals). */
export function usageEquals(a: ReadonlyUsage, b: ReadonlyUsage): boolean {
  if (a.size !== b.size) return false;
  for (const [name, q] of a) {
    const other = b.get(name);
    if (other === undefined || !q.equals(other)) return false;
  }
  return true;
}

/** The serialised form: name → canonical quantity string. */
export function serializeUsage(usage: ReadonlyUsage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...usage.keys()].sort()) out[name] = (usage.get(name) as Quantity).toString();
  return out;
}

/** A count as a DecimalSI quantity (upstream resource.NewQuantity(n, DecimalSI)). */
export const count = (n: number): Quantity => Quantity.of(n);

/** Zero in DecimalSI: what every tracked resource starts from. */
export const ZERO = Quantity.of(0);
