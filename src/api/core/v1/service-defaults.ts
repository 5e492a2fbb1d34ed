/**
 * The Service defaults that depend on other fields (upstream's SetDefaults_Service, plus the IP family
 * fields the service registry fills in on a single-stack IPv4 cluster). Unconditional ones (type,
 * sessionAffinity, port protocol) are the schema's.
 */

/** Default timeout of ClientIP session affinity: three hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether traffic can reach the service from outside the cluster (NodePort, LoadBalancer, external IPs). */
export function externallyAccessible(spec: Obj): boolean {
  const type = spec.type;
  if (type === 'LoadBalancer' || type === 'NodePort') return true;
  return type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
}

/** Applies the conditional Service defaults to `obj` in place. */
export function defaultService(obj: Obj): void {
  if (!isObject(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  spec.sessionAffinity ??= 'None';
  spec.type ??= 'ClusterIP';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const config = isObject(spec.sessionAffinityConfig) ? spec.sessionAffinityConfig : undefined;
    const clientIP = config && isObject(config.clientIP) ? config.clientIP : undefined;
    if (clientIP?.timeoutSeconds === undefined) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }
  if (Array.isArray(spec.ports)) {
    for (const port of spec.ports) {
      if (!isObject(port)) continue;
      port.protocol ??= 'TCP';
      if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
    }
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  const allocatesIP = spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (spec.internalTrafficPolicy === undefined && allocatesIP) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    defaultIngressIPMode(obj);
  }
  if (allocatesIP) defaultIPFamilies(spec);
}

/**
 * Two families or a headless service without a selector want dual-stack; everything else is single-stack.
 * The families default to the cluster's (IPv4: Skiff's service network is single-stack IPv4).
 */
function defaultIPFamilies(spec: Obj): void {
  const families = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
  if (spec.ipFamilyPolicy === undefined) {
    const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    const headless = spec.clusterIP === 'None' || (ips.length === 1 && ips[0] === 'None');
    const selectorless = !isObject(spec.selector) || Object.keys(spec.selector).length === 0;
    spec.ipFamilyPolicy = families.length === 2 || (headless && selectorless) ? 'RequireDualStack' : 'SingleStack';
  }
  if (families.length === 0) spec.ipFamilies = ['IPv4'];
}

function defaultIngressIPMode(obj: Obj): void {
  const status = isObject(obj.status) ? obj.status : undefined;
  const lb = status && isObject(status.loadBalancer) ? status.loadBalancer : undefined;
  if (!lb || !Array.isArray(lb.ingress)) return;
  for (const ingress of lb.ingress) {
    if (isObject(ingress) && typeof ingress.ip === 'string' && ingress.ip !== '' && ingress.ipMode === undefined) {
      ingress.ipMode = 'VIP';
    }
  }
}
