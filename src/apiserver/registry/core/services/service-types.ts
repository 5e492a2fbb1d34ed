/** Questions about a Service's shape that validation and the strategy both ask. */
import { list, num, type Obj, obj, text } from '../validation/json.js';

/** The effective type: absent means ClusterIP (the default, applied after the strategy's prepare hooks). */
export const typeOf = (spec: Obj): string => text(spec.type) || 'ClusterIP';

/** Headless: exactly one cluster IP and it is `None`. */
export function isHeadless(spec: Obj): boolean {
  const ips = list(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

export const needsClusterIP = (spec: Obj): boolean => typeOf(spec) !== 'ExternalName';

export const needsNodePort = (spec: Obj): boolean => typeOf(spec) === 'NodePort' || typeOf(spec) === 'LoadBalancer';

/** Reachable from outside the cluster: node ports, a load balancer, or external IPs. */
export function isExternallyAccessible(spec: Obj): boolean {
  const type = typeOf(spec);
  return type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && list(spec.externalIPs).length > 0);
}

/** A LoadBalancer with externalTrafficPolicy Local gets a health check node port. */
export const needsHealthCheck = (spec: Obj): boolean =>
  typeOf(spec) === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

/** The ports as objects. */
export const portsOf = (spec: Obj): Obj[] => list(spec.ports).map(obj);

export const nodePortOf = (port: Obj): number => num(port.nodePort);
