/** Validation of a Service's spec and status, with upstream's field paths and messages. */
import {
  duplicate,
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { isValidCIDR, isIP, isValidIP, validateNonSpecialIP } from '../validation/ip.js';
import { list, num, type Obj, obj, optObj, stringMap, text } from '../validation/json.js';
import { validateLabels } from '../validation/labels.js';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
} from '../validation/names.js';
import { validateClusterIPFields } from './cluster-ips.js';
import { isExternallyAccessible, isHeadless, needsHealthCheck, portsOf } from './service-types.js';

const SPEC = FieldPath.root('spec');
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const KUBELET_PORT = 10250;
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const LB_ONLY = "may only be used when `type` is 'LoadBalancer'";
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** A port number or an IANA service name (upstream's ValidatePortNumOrName). */
export function validatePortNumOrName(value: unknown, path: FieldPath): FieldError[] {
  if (typeof value === 'string') return isValidPortName(value).map((m) => invalid(path, value, m));
  const port = num(value);
  return isValidPortNum(port).map((m) => invalid(path, port, m));
}

function validateServicePort(port: Obj, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(port.name);
  if (requireName && name === '') errors.push(required(path.child('name')));
  else if (name !== '') {
    errors.push(...isDNS1123Label(name).map((m) => invalid(path.child('name'), name, m)));
    if (names.has(name)) errors.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  errors.push(...isValidPortNum(num(port.port)).map((m) => invalid(path.child('port'), num(port.port), m)));
  const protocol = text(port.protocol);
  if (protocol === '') errors.push(required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errors.push(notSupported(path.child('protocol'), protocol, PROTOCOLS));
  errors.push(...validatePortNumOrName(port.targetPort, path.child('targetPort')));
  if (typeof port.appProtocol === 'string') {
    errors.push(
      ...isQualifiedName(port.appProtocol).map((m) => invalid(path.child('appProtocol'), port.appProtocol, m)),
    );
  }
  return errors;
}

function validateClientIPConfig(config: Obj | undefined, path: FieldPath): FieldError[] {
  const when = 'when session affinity type is ClientIP';
  if (config === undefined) return [required(path, when)];
  const clientIP = optObj(config.clientIP);
  if (clientIP === undefined) return [required(path.child('clientIP'), when)];
  const timeoutPath = path.child('clientIP', 'timeoutSeconds');
  if (clientIP.timeoutSeconds === undefined) return [required(timeoutPath, when)];
  const timeout = num(clientIP.timeoutSeconds);
  return timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS
    ? [invalid(timeoutPath, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)]
    : [];
}

function validateByType(spec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const firstIP = SPEC.child('clusterIPs').index(0);
  switch (spec.type) {
    case 'LoadBalancer':
      portsOf(spec).forEach((port, i) => {
        if (num(port.port) === KUBELET_PORT) {
          errors.push(
            invalid(
              SPEC.child('ports').index(i),
              KUBELET_PORT,
              `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`,
            ),
          );
        }
      });
      if (isHeadless(spec)) errors.push(invalid(firstIP, 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (isHeadless(spec)) errors.push(invalid(firstIP, 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      const notForExternalName = 'may not be set for ExternalName services';
      if (list(spec.clusterIPs).length > 0) errors.push(forbidden(SPEC.child('clusterIPs'), notForExternalName));
      if (list(spec.ipFamilies).length > 0) errors.push(forbidden(SPEC.child('ipFamilies'), notForExternalName));
      if (spec.ipFamilyPolicy !== undefined) errors.push(forbidden(SPEC.child('ipFamilyPolicy'), notForExternalName));
      const cname = text(spec.externalName).replace(/\.$/, '');
      if (cname === '') errors.push(required(SPEC.child('externalName')));
      else errors.push(...isDNS1123Subdomain(cname).map((m) => invalid(SPEC.child('externalName'), cname, m)));
      break;
    }
  }
  return errors;
}

function validatePorts(spec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const ports = portsOf(spec);
  const path = SPEC.child('ports');
  const names = new Set<string>();
  ports.forEach((port, i) => errors.push(...validateServicePort(port, ports.length > 1, names, path.index(i))));
  const nodePorts = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((port, i) => {
    if (spec.type === 'ClusterIP' && num(port.nodePort) !== 0) {
      errors.push(forbidden(path.index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    }
    if (num(port.nodePort) !== 0) {
      const key = `${text(port.protocol)}/${num(port.nodePort)}`;
      if (nodePorts.has(key)) errors.push(duplicate(path.index(i).child('nodePort'), num(port.nodePort)));
      nodePorts.add(key);
    }
    const key = `${text(port.protocol)}/${num(port.port)}`;
    if (keys.has(key)) errors.push(duplicate(path.index(i), { port: num(port.port), protocol: text(port.protocol) }));
    keys.add(key);
  });
  return errors;
}

function validateLoadBalancerFields(svc: Obj, spec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const isLB = spec.type === 'LoadBalancer';
  const ranges = list(spec.loadBalancerSourceRanges).map(text);
  const annotation = stringMap(obj(svc.metadata).annotations)[SOURCE_RANGES_ANNOTATION];
  if (ranges.length > 0) {
    const path = SPEC.child('LoadBalancerSourceRanges');
    if (!isLB) errors.push(forbidden(path, LB_ONLY));
    ranges.forEach((range, i) => errors.push(...isValidCIDR(path.index(i), range.trim())));
  } else if (annotation !== undefined) {
    const path = FieldPath.root('metadata').child('annotations').key(SOURCE_RANGES_ANNOTATION);
    if (!isLB) errors.push(forbidden(path, LB_ONLY));
    const value = annotation.trim();
    if (value !== '') for (const range of value.split(',')) errors.push(...isValidCIDR(path, range.trim()));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && !isLB) {
    errors.push(forbidden(SPEC.child('allocateLoadBalancerNodePorts'), LB_ONLY));
  }
  if (isLB && spec.allocateLoadBalancerNodePorts === undefined) errors.push(required('allocateLoadBalancerNodePorts'));
  if (isLB && typeof spec.loadBalancerClass === 'string') {
    const path = SPEC.child('loadBalancerClass');
    errors.push(...isQualifiedName(spec.loadBalancerClass).map((m) => invalid(path, spec.loadBalancerClass, m)));
  } else if (!isLB && spec.loadBalancerClass !== undefined) {
    errors.push(forbidden(SPEC.child('loadBalancerClass'), LB_ONLY));
  }
  return errors;
}

function validateTrafficPolicies(spec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const external = text(spec.externalTrafficPolicy);
  if (!isExternallyAccessible(spec)) {
    if (external !== '') {
      errors.push(
        invalid(SPEC.child('externalTrafficPolicy'), external, 'may only be set for externally-accessible services'),
      );
    }
  } else if (external === '') {
    errors.push(required(SPEC.child('externalTrafficPolicy')));
  } else if (external !== 'Cluster' && external !== 'Local') {
    errors.push(notSupported(SPEC.child('externalTrafficPolicy'), external, ['Cluster', 'Local']));
  }
  const hcPort = num(spec.healthCheckNodePort);
  const hcPath = SPEC.child('healthCheckNodePort');
  if (!needsHealthCheck(spec) && hcPort !== 0) {
    errors.push(
      invalid(hcPath, hcPort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"),
    );
  } else if (hcPort !== 0) {
    errors.push(...isValidPortNum(hcPort).map((m) => invalid(hcPath, hcPort, m)));
  }
  const internal = spec.internalTrafficPolicy;
  if (internal === undefined && ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(text(spec.type))) {
    errors.push(required(SPEC.child('internalTrafficPolicy')));
  } else if (internal !== undefined && internal !== 'Cluster' && internal !== 'Local') {
    errors.push(notSupported(SPEC.child('internalTrafficPolicy'), internal, ['Cluster', 'Local']));
  }
  const distribution = ['PreferClose', 'PreferSameNode', 'PreferSameZone'];
  if (spec.trafficDistribution !== undefined && !distribution.includes(text(spec.trafficDistribution))) {
    errors.push(notSupported(SPEC.child('trafficDistribution'), spec.trafficDistribution, distribution));
  }
  return errors;
}

/** Every rule of a Service (upstream's ValidateService, metadata aside). */
export function validateService(svc: Obj): FieldError[] {
  const spec = obj(svc.spec);
  const errors: FieldError[] = [];
  if (portsOf(spec).length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName')
    errors.push(required(SPEC.child('ports')));
  errors.push(...validateByType(spec));
  errors.push(...validatePorts(spec));
  if (spec.selector !== undefined) errors.push(...validateLabels(stringMap(spec.selector), SPEC.child('selector')));
  const affinity = text(spec.sessionAffinity);
  if (affinity === '') errors.push(required(SPEC.child('sessionAffinity')));
  else if (affinity !== 'ClientIP' && affinity !== 'None') {
    errors.push(notSupported(SPEC.child('sessionAffinity'), affinity, ['ClientIP', 'None']));
  }
  if (affinity === 'ClientIP') {
    errors.push(...validateClientIPConfig(optObj(spec.sessionAffinityConfig), SPEC.child('sessionAffinityConfig')));
  } else if (affinity === 'None' && spec.sessionAffinityConfig !== undefined) {
    errors.push(forbidden(SPEC.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  errors.push(...validateClusterIPFields(spec));
  list(spec.externalIPs).forEach((ip, i) => {
    const path = SPEC.child('externalIPs').index(i);
    const ipErrors = isValidIP(path, text(ip));
    errors.push(...(ipErrors.length > 0 ? ipErrors : validateNonSpecialIP(text(ip), path)));
  });
  const type = text(spec.type);
  if (type === '') errors.push(required(SPEC.child('type')));
  else if (!TYPES.includes(type)) errors.push(notSupported(SPEC.child('type'), type, TYPES));
  errors.push(...validateLoadBalancerFields(svc, spec));
  errors.push(...validateTrafficPolicies(spec));
  return errors;
}

/** The load balancer status a cloud controller writes (upstream's ValidateLoadBalancerStatus). */
export function validateLoadBalancerStatus(svc: Obj): FieldError[] {
  const spec = obj(svc.spec);
  const ingresses = list(obj(obj(svc.status).loadBalancer).ingress).map(obj);
  const path = FieldPath.root('status').child('loadBalancer', 'ingress');
  if (spec.type !== 'LoadBalancer' && ingresses.length > 0) {
    return [forbidden(path, "may only be used when `spec.type` is 'LoadBalancer'")];
  }
  const errors: FieldError[] = [];
  ingresses.forEach((ingress, i) => {
    const at = path.index(i);
    const ip = text(ingress.ip);
    if (ip !== '') errors.push(...isValidIP(at.child('ip'), ip));
    if (ingress.ipMode === undefined) {
      if (ip !== '') errors.push(required(at.child('ipMode'), 'must be specified when `ip` is set'));
    } else if (ip === '') {
      errors.push(forbidden(at.child('ipMode'), 'may not be specified when `ip` is not set'));
    } else if (ingress.ipMode !== 'Proxy' && ingress.ipMode !== 'VIP') {
      errors.push(notSupported(at.child('ipMode'), ingress.ipMode, ['Proxy', 'VIP']));
    }
    const hostname = text(ingress.hostname);
    if (hostname !== '') {
      errors.push(...isDNS1123Subdomain(hostname).map((m) => invalid(at.child('hostname'), hostname, m)));
      if (isIP(hostname)) errors.push(invalid(at.child('hostname'), hostname, 'must be a DNS name, not an IP address'));
    }
  });
  return errors;
}
