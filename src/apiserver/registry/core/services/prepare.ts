/**
 * How the service registry reads what users mean when they change linked fields (upstream's
 * normalizeClusterIPs, patchAllocatedValues and dropTypeDependentFields): an update that omits allocated
 * values keeps them, and a type change wipes what the new type cannot use.
 */
import { isDeepStrictEqual } from 'node:util';
import { list, type Obj, obj, text } from '../validation/json.js';
import {
  isExternallyAccessible,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  nodePortOf,
  portsOf,
} from './service-types.js';

const sameList = (a: unknown, b: unknown): boolean => isDeepStrictEqual(list(a), list(b));

/** Keeps `clusterIP` and `clusterIPs` consistent for clients that only know one of them. */
export function normalizeClusterIPs(spec: Obj, oldSpec: Obj | undefined): void {
  const clusterIP = text(spec.clusterIP);
  if (oldSpec === undefined) {
    if (clusterIP !== '' && list(spec.clusterIPs).length === 0) spec.clusterIPs = [clusterIP];
    return;
  }
  const oldIP = text(oldSpec.clusterIP);
  if (list(oldSpec.clusterIPs).length > 0 && list(spec.clusterIPs).length === 0 && oldIP === clusterIP) {
    spec.clusterIPs = structuredClone(oldSpec.clusterIPs);
  }
  if (oldIP === clusterIP) return;
  const samePlural = sameList(oldSpec.clusterIPs, spec.clusterIPs);
  if (oldIP !== '' && clusterIP === '') {
    if (samePlural) delete spec.clusterIPs;
  } else if (samePlural) {
    spec.clusterIPs = [clusterIP];
  }
}

/** Copies values the system allocated (cluster IPs, node ports, health check port) when an update omits them. */
export function patchAllocatedValues(spec: Obj, oldSpec: Obj): void {
  if (needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (!text(spec.clusterIP) && oldSpec.clusterIP !== undefined) spec.clusterIP = oldSpec.clusterIP;
    if (list(spec.clusterIPs).length === 0 && list(oldSpec.clusterIPs).length > 0) {
      spec.clusterIPs = structuredClone(oldSpec.clusterIPs);
    }
  }
  if (needsNodePort(oldSpec) && needsNodePort(spec)) {
    const used = (s: Obj): Set<number> =>
      new Set(
        portsOf(s)
          .map(nodePortOf)
          .filter((p) => p !== 0),
      );
    const newUsed = used(spec);
    const taken = new Set([...used(oldSpec)].filter((p) => newUsed.has(p)));
    const byName = new Map(portsOf(oldSpec).map((p) => [text(p.name), nodePortOf(p)]));
    for (const port of list(spec.ports)) {
      const p = obj(port);
      if (nodePortOf(p) !== 0) continue;
      const oldValue = byName.get(text(p.name)) ?? 0;
      if (oldValue !== 0 && !taken.has(oldValue)) p.nodePort = oldValue;
    }
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) {
    spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  }
}

/** Wipes fields the new type does not use, when the user left them as they were. */
export function dropTypeDependentFields(svc: Obj, oldSvc: Obj): void {
  const spec = obj(svc.spec);
  const oldSpec = obj(oldSvc.spec);
  if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
    if (text(oldSpec.clusterIP) === text(spec.clusterIP) && sameList(oldSpec.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(oldSpec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (text(oldSpec.ipFamilyPolicy) === text(spec.ipFamilyPolicy)) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(oldSpec) && !needsNodePort(spec)) {
    const oldPorts = new Set(portsOf(oldSpec).map(nodePortOf));
    if (portsOf(spec).every((p) => nodePortOf(p) === 0 || oldPorts.has(nodePortOf(p)))) {
      for (const port of portsOf(spec)) delete port.nodePort;
    }
  }
  if (
    needsHealthCheck(oldSpec) &&
    !needsHealthCheck(spec) &&
    oldSpec.healthCheckNodePort === spec.healthCheckNodePort
  ) {
    delete spec.healthCheckNodePort;
  }
  const wasLB = oldSpec.type === 'LoadBalancer';
  const isLB = (spec.type ?? 'ClusterIP') === 'LoadBalancer';
  if (wasLB && !isLB) {
    if (
      spec.allocateLoadBalancerNodePorts !== undefined &&
      spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts
    ) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (isDeepStrictEqual(spec.loadBalancerClass, oldSpec.loadBalancerClass)) delete spec.loadBalancerClass;
  }
  if (
    isExternallyAccessible(oldSpec) &&
    !isExternallyAccessible(spec) &&
    spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy
  ) {
    delete spec.externalTrafficPolicy;
  }
  if (!isLB && svc.status !== undefined) obj(svc.status).loadBalancer = {};
}
