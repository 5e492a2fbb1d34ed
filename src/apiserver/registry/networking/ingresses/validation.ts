/** Ingress validation (upstream's validateIngressSpec and what it calls, and the load-balancer status). */
import { type FieldError, FieldPath, invalid, notSupported, required } from '../../../../machinery/field-errors.js';
import {
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  isDNS1035Label,
  isDNS1123Subdomain,
  maxLenError,
  regexError,
} from '../../../../machinery/validation/index.js';
import { isObj, isSet, num, obj, objects, strings, text } from '../../apps/validation/json.js';
import { isIP } from '../../core/validation/ip.js';
import { isValidPortName, isValidPortNum } from '../../core/validation/names.js';

const SPEC = FieldPath.root('spec');
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

const WILDCARD_FMT = '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

/** Upstream's IsWildcardDNS1123Subdomain: `*.example.com`. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!new RegExp(`^${WILDCARD_FMT}$`).test(value)) errs.push(regexError(WILDCARD_MSG, WILDCARD_FMT, '*.example.com'));
  return errs;
}

const hostMessages = (host: string): string[] =>
  host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);

/** A Service port (name or number, not both) or another resource, not both. */
export function backendErrors(backendValue: unknown, path: FieldPath): FieldError[] {
  const backend = obj(backendValue);
  const hasResource = isSet(backend.resource);
  const hasService = isSet(backend.service);
  if (hasResource && hasService) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (hasResource) {
    const resource = obj(backend.resource);
    const errs: FieldError[] = [];
    if (text(resource.kind) === '') errs.push(required(path.child('resource', 'kind')));
    if (text(resource.name) === '') errs.push(required(path.child('resource', 'name')));
    return errs;
  }
  if (!hasService) return [invalid(path, '', 'resource or service backend is required')];
  const service = obj(backend.service);
  const errs: FieldError[] = [];
  const name = text(service.name);
  if (name === '') errs.push(required(path.child('service', 'name')));
  else errs.push(...isDNS1035Label(name).map((m) => invalid(path.child('service', 'name'), name, m)));
  const port = obj(service.port);
  const portName = text(port.name);
  const portNumber = num(port.number) ?? 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName !== '')
    errs.push(...isValidPortName(portName).map((m) => invalid(path.child('service', 'port', 'name'), portName, m)));
  else if (portNumber !== 0)
    errs.push(
      ...isValidPortNum(portNumber).map((m) => invalid(path.child('service', 'port', 'number'), portNumber, m)),
    );
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function httpPathErrors(p: Record<string, unknown>, path: FieldPath): FieldError[] {
  if (!isSet(p.pathType)) return [required(path.child('pathType'), 'pathType must be specified')];
  const value = text(p.path);
  const errs: FieldError[] = [];
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(invalid(path.child('path'), value, 'must be an absolute path'));
      if (value.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES)
          if (value.includes(seq)) errs.push(invalid(path.child('path'), value, `must not contain '${seq}'`));
        for (const suffix of INVALID_PATH_SUFFIXES)
          if (value.endsWith(suffix)) errs.push(invalid(path.child('path'), value, `cannot end with '${suffix}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (value.length > 0 && !value.startsWith('/'))
        errs.push(invalid(path.child('path'), value, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(path.child('pathType'), p.pathType, PATH_TYPES));
  }
  return [...errs, ...backendErrors(p.backend, path.child('backend'))];
}

function rulesErrors(rules: Record<string, unknown>[], path: FieldPath): FieldError[] {
  return rules.flatMap((rule, i) => {
    const at = path.index(i);
    const host = text(rule.host);
    const errs: FieldError[] = [];
    if (host !== '') {
      if (isIP(host)) errs.push(invalid(at.child('host'), host, 'must be a DNS name, not an IP address'));
      errs.push(...hostMessages(host).map((m) => invalid(at.child('host'), host, m)));
    }
    if (isObj(rule.http)) {
      const paths = objects(rule.http.paths);
      if (paths.length === 0) errs.push(required(at.child('http', 'paths')));
      paths.forEach((p, j) => errs.push(...httpPathErrors(p, at.child('http', 'paths').index(j))));
    }
    return errs;
  });
}

function tlsErrors(tls: Record<string, unknown>[], path: FieldPath): FieldError[] {
  return tls.flatMap((entry, i) => {
    const at = path.index(i);
    const errs = strings(entry.hosts).flatMap((host, j) =>
      hostMessages(host).map((m) => invalid(at.child('hosts').index(j), host, m)),
    );
    const secretName = text(entry.secretName);
    if (secretName !== '')
      errs.push(...isDNS1123Subdomain(secretName).map((m) => invalid(at.child('secretName'), secretName, m)));
    return errs;
  });
}

/** Upstream's validateIngressSpec. */
export function ingressSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const rules = objects(spec.rules);
  const errs: FieldError[] = [];
  if (rules.length === 0 && !isSet(spec.defaultBackend)) {
    errs.push(invalid(SPEC, spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (isSet(spec.defaultBackend)) errs.push(...backendErrors(spec.defaultBackend, SPEC.child('defaultBackend')));
  errs.push(...rulesErrors(rules, SPEC.child('rules')));
  errs.push(...tlsErrors(objects(spec.tls), SPEC.child('tls')));
  if (typeof spec.ingressClassName === 'string') {
    errs.push(
      ...isDNS1123Subdomain(spec.ingressClassName).map((m) =>
        invalid(SPEC.child('ingressClassName'), spec.ingressClassName, m),
      ),
    );
  }
  return errs;
}

/** Upstream's ValidateIngressLoadBalancerStatus: IPs are IPs, hostnames are DNS names. */
export function ingressStatusErrors(statusValue: unknown): FieldError[] {
  const path = FieldPath.root('status').child('loadBalancer', 'ingress');
  return objects(obj(obj(statusValue).loadBalancer).ingress).flatMap((ingress, i) => {
    const at = path.index(i);
    const errs: FieldError[] = [];
    const ip = text(ingress.ip);
    if (ip !== '' && !isIP(ip)) errs.push(invalid(at.child('ip'), ip, 'must be a valid IP address'));
    const hostname = text(ingress.hostname);
    if (hostname !== '') {
      errs.push(...isDNS1123Subdomain(hostname).map((m) => invalid(at.child('hostname'), hostname, m)));
      if (isIP(hostname)) errs.push(invalid(at.child('hostname'), hostname, 'must be a DNS name, not an IP address'));
    }
    return errs;
  });
}
