/** Cell formatting helpers shared by several printers, each mirroring an upstream helper's output. */
import { list, nameOf, optBool, optTime, str } from './accessors.js';
import { since } from './duration.js';

/** The object's age (`metadata.creationTimestamp` to `now`), `<unknown>` when it has none. */
export const age = (obj: unknown, now: Date): string => since(optTime(obj, 'metadata', 'creationTimestamp'), now);

/** The object's name. */
export const name = nameOf;

/** Container names and images, each joined by commas, in declaration order. */
export function containerCells(podSpec: unknown): [names: string, images: string] {
  const containers = list(podSpec, 'containers');
  return [containers.map((c) => str(c, 'name')).join(','), containers.map((c) => str(c, 'image')).join(',')];
}

/** `True`, `False`, or `<unset>` for a missing optional boolean. */
export function boolPtr(obj: unknown, ...path: string[]): string {
  const v = optBool(obj, ...path);
  return v === undefined ? '<unset>' : v ? 'True' : 'False';
}

/**
 * At most `max` items, then ` + N more...` for the rest; `<unset>` when there are none (upstream's
 * `listWithMoreString`).
 */
export function listWithMore(items: readonly string[], max: number): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? '<unset>' : shown;
}

/** `host:port`, bracketing IPv6 hosts (Go's `net.JoinHostPort`). */
export const joinHostPort = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** Access modes abbreviated and ordered as upstream does: `RWO,ROX,RWX,RWOP`, duplicates dropped. */
export function accessModes(modes: readonly string[]): string {
  const short: ReadonlyArray<readonly [string, string]> = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([mode]) => modes.includes(mode))
    .map(([, abbreviation]) => abbreviation)
    .join(',');
}

/**
 * Load-balancer ingress points (IP, else hostname), de-duplicated and sorted. Upstream clips this to 16 bytes
 * only for non-wide output, and the API server always prints wide, so it is never clipped here.
 */
export function loadBalancerIngress(status: unknown): string[] {
  const points = new Set<string>();
  for (const ingress of list(status, 'ingress')) {
    const point = str(ingress, 'ip') || str(ingress, 'hostname');
    if (point !== '') points.add(point);
  }
  return [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
