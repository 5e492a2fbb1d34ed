/** Endpoints: addresses must be usable IPs; ports are named when several, and carry a protocol. */
import { type FieldError, FieldPath, invalid, notSupported, required } from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { isValidIP, validateNonSpecialIP } from '../validation/ip.js';
import { list, num, type Obj, obj, text } from '../validation/json.js';
import { isDNS1123Label, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from '../validation/names.js';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(address: Obj, path: FieldPath): FieldError[] {
  const ip = text(address.ip);
  const errors = isValidIP(path.child('ip'), ip);
  const hostname = text(address.hostname);
  if (hostname !== '')
    errors.push(...isDNS1123Label(hostname).map((m) => invalid(path.child('hostname'), hostname, m)));
  if (typeof address.nodeName === 'string') {
    errors.push(
      ...nameIsDNSSubdomain(address.nodeName, false).map((m) => invalid(path.child('nodeName'), address.nodeName, m)),
    );
  }
  errors.push(...validateNonSpecialIP(ip, path.child('ip')));
  return errors;
}

function validatePort(port: Obj, requireName: boolean, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const name = text(port.name);
  if (requireName && name === '') errors.push(required(path.child('name')));
  else if (name !== '') errors.push(...isDNS1123Label(name).map((m) => invalid(path.child('name'), name, m)));
  errors.push(...isValidPortNum(num(port.port)).map((m) => invalid(path.child('port'), num(port.port), m)));
  const protocol = text(port.protocol);
  if (protocol === '') errors.push(required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errors.push(notSupported(path.child('protocol'), protocol, PROTOCOLS));
  if (typeof port.appProtocol === 'string') {
    errors.push(
      ...isQualifiedName(port.appProtocol).map((m) => invalid(path.child('appProtocol'), port.appProtocol, m)),
    );
  }
  return errors;
}

/** Upstream's validateEndpointSubsets. */
export function validateEndpoints(endpoints: Obj): FieldError[] {
  const errors: FieldError[] = [];
  list(endpoints.subsets).forEach((item, i) => {
    const subset = obj(item);
    const path = FieldPath.root('subsets').index(i);
    const addresses = list(subset.addresses);
    const notReady = list(subset.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0) {
      errors.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
    }
    addresses.forEach((a, j) => errors.push(...validateAddress(obj(a), path.child('addresses').index(j))));
    notReady.forEach((a, j) => errors.push(...validateAddress(obj(a), path.child('notReadyAddresses').index(j))));
    const ports = list(subset.ports);
    ports.forEach((p, j) => errors.push(...validatePort(obj(p), ports.length > 1, path.child('ports').index(j))));
  });
  return errors;
}

export const endpointsStrategy: Strategy = {
  validate: (endpoints) => validateEndpoints(endpoints),
  validateUpdate: (endpoints) => validateEndpoints(endpoints),
};
