/**
 * The policy of `endpointslices` (discovery.k8s.io/v1): upstream's ValidateEndpointSlice — address type,
 * addresses of that type, endpoint and port fields; the address type is immutable.
 */
import {
  type FieldError,
  FieldPath,
  duplicate,
  invalid,
  notSupported,
  required,
  tooMany,
} from '../../../../machinery/field-errors.js';
import { validateLabels } from '../../../../machinery/validation/labels-annotations.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../../../../machinery/validation/names.js';
import { validateImmutableField } from '../../../../machinery/validation/object-meta-update.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { isObj, isSet, objects, semanticEqual, stringMap, strings, text } from '../../apps/validation/json.js';
import { isIPv4, isIPv6 } from '../../core/validation/ip.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20_000;
const MAX_ENDPOINTS = 1000;
const MAX_TOPOLOGY_LABELS = 16;
const MAX_HINTS = 8;

function addressErrors(address: string, type: string, path: FieldPath): FieldError[] {
  switch (type) {
    case 'IPv4':
      return isIPv4(address) ? [] : [invalid(path, address, 'must be a valid IPv4 address')];
    case 'IPv6':
      return isIPv6(address) ? [] : [invalid(path, address, 'must be a valid IPv6 address')];
    case 'FQDN':
      return isDNS1123Subdomain(address.toLowerCase()).map((m) => invalid(path, address, m));
    default:
      return [];
  }
}

function endpointErrors(endpoint: Record<string, unknown>, type: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const addresses = strings(endpoint.addresses);
  const addressPath = path.child('addresses');
  if (addresses.length === 0) errs.push(required(addressPath, 'must contain at least 1 address'));
  else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(addressPath, addresses.length, MAX_ADDRESSES));
  addresses.forEach((a, i) => errs.push(...addressErrors(a, type, addressPath.index(i))));
  if (typeof endpoint.nodeName === 'string') {
    errs.push(
      ...isDNS1123Subdomain(endpoint.nodeName).map((m) => invalid(path.child('nodeName'), endpoint.nodeName, m)),
    );
  }
  const topology = stringMap(endpoint.deprecatedTopology);
  if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) {
    errs.push(tooMany(path.child('deprecatedTopology'), Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
  }
  errs.push(...validateLabels(topology, path.child('deprecatedTopology')));
  if (typeof endpoint.hostname === 'string') {
    errs.push(...isDNS1123Label(endpoint.hostname).map((m) => invalid(path.child('hostname'), endpoint.hostname, m)));
  }
  if (isObj(endpoint.hints)) {
    for (const key of ['forZones', 'forNodes'] as const) {
      const hints = objects(endpoint.hints[key]);
      if (hints.length > MAX_HINTS) errs.push(tooMany(path.child('hints', key), hints.length, MAX_HINTS));
    }
  }
  return errs;
}

function portErrors(ports: Record<string, unknown>[], path: FieldPath): FieldError[] {
  if (ports.length > MAX_PORTS) return [tooMany(path, ports.length, MAX_PORTS)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = path.index(i);
    const name = text(port.name);
    if (name !== '') errs.push(...isDNS1123Label(name).map((m) => invalid(at.child('name'), name, m)));
    if (names.has(name)) errs.push(duplicate(at.child('name'), name));
    else names.add(name);
    if (!isSet(port.protocol)) errs.push(required(at.child('protocol')));
    else if (!PROTOCOLS.includes(text(port.protocol)))
      errs.push(notSupported(at.child('protocol'), port.protocol, PROTOCOLS));
    if (typeof port.appProtocol === 'string') {
      errs.push(...isQualifiedName(port.appProtocol).map((m) => invalid(at.child('appProtocol'), port.appProtocol, m)));
    }
  });
  return errs;
}

/** Upstream's ValidateEndpointSlice (metadata aside). */
export function endpointSliceErrors(o: ApiObject): FieldError[] {
  const type = text(o.addressType);
  const errs: FieldError[] = [];
  if (type === '') errs.push(required(FieldPath.root('addressType')));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported(FieldPath.root('addressType'), type, ADDRESS_TYPES));
  const endpoints = objects(o.endpoints);
  if (endpoints.length > MAX_ENDPOINTS)
    errs.push(tooMany(FieldPath.root('endpoints'), endpoints.length, MAX_ENDPOINTS));
  else endpoints.forEach((e, i) => errs.push(...endpointErrors(e, type, FieldPath.root('endpoints').index(i))));
  errs.push(...portErrors(objects(o.ports), FieldPath.root('ports')));
  return errs;
}

/**
 * Generation counts changes to anything but metadata (labels included), as upstream's strategy does for
 * this spec-less kind; deprecatedTopology is not writable through v1, so it is dropped on create and kept
 * from the stored object on update.
 */
export const endpointSlicesStrategy: Strategy = {
  prepareForCreate(o) {
    (o.metadata ??= {}).generation = 1;
    for (const endpoint of objects(o.endpoints)) delete endpoint.deprecatedTopology;
  },
  prepareForUpdate(o, old) {
    const oldEndpoints = objects(old.endpoints);
    objects(o.endpoints).forEach((endpoint, i) => {
      const before = oldEndpoints[i]?.deprecatedTopology;
      if (before === undefined) delete endpoint.deprecatedTopology;
      else endpoint.deprecatedTopology = before;
    });
    const { metadata: meta = {}, ...rest } = o;
    const { metadata: oldMeta = {}, ...oldRest } = old;
    const generation = typeof oldMeta.generation === 'number' ? oldMeta.generation : 1;
    const changed = !semanticEqual(rest, oldRest) || !semanticEqual(meta.labels, oldMeta.labels);
    (o.metadata ??= {}).generation = changed ? generation + 1 : generation;
  },
  validate: endpointSliceErrors,
  validateUpdate: (o, old) => [
    ...endpointSliceErrors(o),
    ...validateImmutableField(o.addressType, old.addressType, FieldPath.root('addressType')),
  ],
};
