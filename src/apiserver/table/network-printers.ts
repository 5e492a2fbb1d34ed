/** Printers for Services and the objects around them: Endpoints, EndpointSlice, Ingress, IngressClass, NetworkPolicy. */
import { at, has, int, list, optStr, rec, str, strMap, strings } from './accessors.js';
import { AGE, NAME, column } from './columns.js';
import { age, joinHostPort, listWithMore, loadBalancerIngress, name } from './format.js';
import { formatLabelSelectorAt, formatLabels } from './labels.js';
import type { Cell, Printer } from './types.js';

/** spec.type, defaulted to ClusterIP as the API defaults it on create. */
const serviceType = (svc: unknown): string => optStr(svc, 'spec', 'type') || 'ClusterIP';

/** `<none>`, the external IPs, the load balancer's ingress points, `<pending>`, or the external name. */
function serviceExternalIP(svc: unknown): string {
  const externalIPs = strings(svc, 'spec', 'externalIPs');
  switch (serviceType(svc)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(rec(svc, 'status', 'loadBalancer'));
      if (externalIPs.length > 0) return [...lb, ...externalIPs].join(',');
      return lb.length > 0 ? lb.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(svc, 'spec', 'externalName');
    default:
      return '<unknown>';
  }
}

/** `80/TCP`, or `80:30080/TCP` with a node port, joined by commas; `<none>` without ports. */
function servicePorts(svc: unknown): string {
  const ports = list(svc, 'spec', 'ports').map((p) => {
    const protocol = optStr(p, 'protocol') || 'TCP';
    const nodePort = int(p, 'nodePort');
    return nodePort > 0 ? `${int(p, 'port')}:${nodePort}/${protocol}` : `${int(p, 'port')}/${protocol}`;
  });
  return ports.length === 0 ? '<none>' : ports.join(',');
}

export const servicePrinter: Printer = {
  columns: [
    NAME,
    column('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'The first cluster IP of the service.'),
    column('External-IP', 'string', 'External IPs and load-balancer ingress points.'),
    column('Port(s)', 'string', 'The ports the service exposes.'),
    AGE,
    column('Selector', 'string', 'The labels of the pods traffic is routed to.', { priority: 1 }),
  ],
  cells(svc, now): Cell[] {
    // spec.clusterIPs[0]; spec.clusterIP is its mirror on objects written without the plural field.
    const clusterIP = strings(svc, 'spec', 'clusterIPs')[0] || str(svc, 'spec', 'clusterIP') || '<none>';
    return [
      name(svc),
      serviceType(svc),
      clusterIP,
      serviceExternalIP(svc),
      servicePorts(svc),
      age(svc, now),
      formatLabels(strMap(svc, 'spec', 'selector')),
    ];
  },
};

/** Up to three `ip:port` (or bare IPs for port-less subsets) then ` + N more...`; `<none>` without subsets. */
function formatEndpoints(endpoints: unknown): string {
  const subsets = list(endpoints, 'subsets');
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const shown: string[] = [];
  let count = 0;
  for (const subset of subsets) {
    const ips = list(subset, 'addresses').map((a) => str(a, 'ip'));
    const ports = list(subset, 'ports');
    if (ports.length === 0) {
      count += ips.length;
      for (const ip of ips) if (shown.length < max) shown.push(ip);
      continue;
    }
    for (const port of ports) {
      count += ips.length;
      for (const ip of ips) if (shown.length < max) shown.push(joinHostPort(ip, int(port, 'port')));
    }
  }
  const text = shown.join(',');
  return count > max ? `${text} + ${count - max} more...` : text;
}

export const endpointsPrinter: Printer = {
  columns: [NAME, column('Endpoints', 'string', 'The ready endpoints, as address:port.'), AGE],
  cells(obj, now): Cell[] {
    return [name(obj), formatEndpoints(obj), age(obj, now)];
  },
};

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME,
    column('AddressType', 'string', 'The type of the addresses: IPv4, IPv6 or FQDN.'),
    column('Ports', 'string', 'The ports of the slice (a name when the port number is unset, `*` for all).'),
    column('Endpoints', 'string', 'The addresses of the endpoints.'),
    AGE,
  ],
  cells(obj, now): Cell[] {
    const ports = list(obj, 'ports').map((p) => {
      const port = at(p, 'port');
      if (typeof port === 'number') return String(port);
      return optStr(p, 'name') ?? '*';
    });
    const addresses = list(obj, 'endpoints').flatMap((e) => strings(e, 'addresses'));
    return [name(obj), str(obj, 'addressType'), listWithMore(ports, 3), listWithMore(addresses, 3), age(obj, now)];
  },
};

/** Up to three rule hosts then ` + N more...` (counting rules), or `*` when no rule names a host. */
function ingressHosts(ingress: unknown): string {
  const rules = list(ingress, 'spec', 'rules');
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (hosts.length === max) more = true;
    const host = str(rule, 'host');
    if (!more && host !== '') hosts.push(host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${rules.length - max} more...` : hosts.join(',');
}

export const ingressPrinter: Printer = {
  columns: [
    NAME,
    column('Class', 'string', 'The IngressClass that handles the ingress.'),
    column('Hosts', 'string', 'The hosts the rules match.'),
    column('Address', 'string', 'The load-balancer ingress points.'),
    column('Ports', 'string', 'The ports the ingress listens on (443 only with TLS).'),
    AGE,
  ],
  cells(obj, now): Cell[] {
    return [
      name(obj),
      optStr(obj, 'spec', 'ingressClassName') ?? '<none>',
      ingressHosts(obj),
      loadBalancerIngress(rec(obj, 'status', 'loadBalancer')).join(','),
      list(obj, 'spec', 'tls').length > 0 ? '80, 443' : '80',
      age(obj, now),
    ];
  },
};

export const ingressClassPrinter: Printer = {
  columns: [
    NAME,
    column('Controller', 'string', 'The controller that implements the class.'),
    column('Parameters', 'string', 'The resource holding the parameters of the class.'),
    AGE,
  ],
  cells(obj, now): Cell[] {
    let parameters = '<none>';
    if (has(obj, 'spec', 'parameters')) {
      const group = optStr(obj, 'spec', 'parameters', 'apiGroup');
      const kind = str(obj, 'spec', 'parameters', 'kind');
      parameters = `${group === undefined ? kind : `${kind}.${group}`}/${str(obj, 'spec', 'parameters', 'name')}`;
    }
    return [name(obj), str(obj, 'spec', 'controller'), parameters, age(obj, now)];
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [NAME, column('Pod-Selector', 'string', 'The pods the policy applies to.'), AGE],
  cells(obj, now): Cell[] {
    // spec.podSelector is a struct upstream (never nil): a missing one reads as the empty selector.
    return [name(obj), formatLabelSelectorAt(obj, 'spec', 'podSelector'), age(obj, now)];
  },
};
