/**
 * A set of endpoints keyed by what identifies one (upstream EndpointSet): its sorted addresses, hostname and
 * target pod. Everything else (conditions, node, zone) may change in place without the endpoint becoming
 * another one. Iteration follows insertion order, so packing is deterministic.
 */
import type { Endpoint } from '../../api/discovery/v1/endpoint-slice.js';
import { semanticEqual } from '../endpoints/semantic-equal.js';

/** The identity of an endpoint. */
export function endpointKey(endpoint: Endpoint): string {
  return JSON.stringify([
    [...(endpoint.addresses ?? [])].sort(),
    endpoint.hostname ?? '',
    endpoint.targetRef?.namespace ?? '',
    endpoint.targetRef?.name ?? '',
  ]);
}

/**
 * Whether two endpoints of one identity also agree on everything else that is compared (upstream
 * EndpointsEqualBeyondHash): node, zone, the three conditions, and the target (its resourceVersion aside).
 */
export function endpointsEqualBeyondKey(a: Endpoint, b: Endpoint): boolean {
  const ref = (e: Endpoint): unknown => {
    if (e.targetRef === undefined) return undefined;
    const { resourceVersion: _ignored, ...rest } = e.targetRef;
    return rest;
  };
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving &&
    a.conditions?.terminating === b.conditions?.terminating &&
    semanticEqual(ref(a), ref(b))
  );
}

export class EndpointSet {
  private readonly items = new Map<string, Endpoint>();

  get size(): number {
    return this.items.size;
  }

  /** Adds `endpoint`, replacing one of the same identity. */
  insert(endpoint: Endpoint): void {
    this.items.set(endpointKey(endpoint), endpoint);
  }

  /** The member with the identity of `endpoint`, if any. */
  get(endpoint: Endpoint): Endpoint | undefined {
    return this.items.get(endpointKey(endpoint));
  }

  /** Removes the member with the identity of `endpoint`. */
  delete(endpoint: Endpoint): void {
    this.items.delete(endpointKey(endpoint));
  }

  /** Removes and returns the oldest member, or undefined when empty. */
  pop(): Endpoint | undefined {
    const first = this.items.entries().next();
    if (first.done) return undefined;
    this.items.delete(first.value[0]);
    return first.value[1];
  }
}
