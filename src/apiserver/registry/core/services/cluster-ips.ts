/** The dual-stack fields of a Service: clusterIP/clusterIPs, ipFamilies and ipFamilyPolicy. */
import {
  duplicate,
  type FieldError,
  FieldPath,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { isIPv6, isValidIP } from '../validation/ip.js';
import { list, type Obj, text } from '../validation/json.js';
import { isHeadless } from './service-types.js';

const SPEC = FieldPath.root('spec');
const CLUSTER_IPS = SPEC.child('clusterIPs');
const IP_FAMILIES = SPEC.child('ipFamilies');
const IP_FAMILY_POLICY = SPEC.child('ipFamilyPolicy');
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

const strings = (v: unknown): string[] => list(v).map(text);

/** The standalone and cross-field rules of the IP fields (upstream's ValidateServiceClusterIPsRelatedFields). */
export function validateClusterIPFields(spec: Obj): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errors: FieldError[] = [];
  const clusterIP = text(spec.clusterIP);
  const clusterIPs = strings(spec.clusterIPs);
  const families = strings(spec.ipFamilies);
  if (clusterIP !== '') {
    if (clusterIPs.length === 0) errors.push(required(CLUSTER_IPS));
    else if (clusterIPs[0] !== clusterIP)
      errors.push(invalid(CLUSTER_IPS, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errors.push(invalid(CLUSTER_IPS, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  families.forEach((family, i) => {
    if (family !== 'IPv4' && family !== 'IPv6')
      errors.push(notSupported(IP_FAMILIES.index(i), family, ['IPv4', 'IPv6']));
    if (seen.has(family)) errors.push(duplicate(IP_FAMILIES.index(i), family));
    seen.add(family);
  });
  if (spec.ipFamilyPolicy !== undefined && !IP_FAMILY_POLICIES.includes(text(spec.ipFamilyPolicy))) {
    errors.push(notSupported(IP_FAMILY_POLICY, spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let invalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalidIPs = true;
        errors.push(invalid(CLUSTER_IPS, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const ipErrors = isValidIP(CLUSTER_IPS.index(i), ip);
    invalidIPs ||= ipErrors.length > 0;
    errors.push(...ipErrors);
  });
  if (clusterIPs.length > 2) errors.push(invalid(CLUSTER_IPS, clusterIPs, 'may only hold up to 2 values'));
  if (invalidIPs) return errors;
  if (clusterIPs.length > 1 && isIPv6(clusterIPs[0] ?? '') === isIPv6(clusterIPs[1] ?? '')) {
    errors.push(invalid(CLUSTER_IPS, clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    clusterIPs.slice(0, families.length).forEach((ip, i) => {
      if (families[i] === 'IPv4' && isIPv6(ip)) {
        errors.push(invalid(CLUSTER_IPS.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && !isIPv6(ip)) {
        errors.push(invalid(CLUSTER_IPS.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errors;
}

/** Cluster IPs may gain or lose a secondary IP, but the primary never changes. */
export function validateClusterIPsUpdate(spec: Obj, oldSpec: Obj): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  if (isHeadless(spec) && isHeadless(oldSpec)) return [];
  const errors: FieldError[] = [];
  const ips = strings(spec.clusterIPs);
  const oldIPs = strings(oldSpec.clusterIPs);
  const first = CLUSTER_IPS.index(0);
  if (oldIPs.length === ips.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== ips[i]) errors.push(invalid(CLUSTER_IPS.index(i), ips, 'may not change once set'));
    });
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errors.push(invalid(first, ips, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0])
      errors.push(invalid(first, ips, 'may not change once set'));
    if (ips.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errors.push(
        invalid(
          IP_FAMILY_POLICY,
          spec.ipFamilyPolicy,
          "must be set to 'SingleStack' when releasing the secondary clusterIP",
        ),
      );
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errors.push(invalid(first, ips, 'may not change once set'));
  }
  return errors;
}

/** IP families may gain or lose a secondary family, but the primary never changes (headless excepted). */
export function validateIPFamiliesUpdate(spec: Obj, oldSpec: Obj): FieldError[] {
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return [];
  if (isHeadless(spec) || isHeadless(oldSpec)) return [];
  const errors: FieldError[] = [];
  const families = strings(spec.ipFamilies);
  const oldFamilies = strings(oldSpec.ipFamilies);
  const first = IP_FAMILIES.index(0);
  if (oldFamilies.length === families.length) {
    if (oldFamilies.some((f, i) => f !== families[i])) errors.push(invalid(first, families, 'may not change once set'));
  } else if (oldFamilies.length > families.length) {
    if (strings(spec.clusterIPs).length === 0)
      errors.push(invalid(first, families, 'primary ipFamily can not be unset'));
    if (families.length > 0 && families[0] !== oldFamilies[0])
      errors.push(invalid(first, families, 'may not change once set'));
    if (families.length === 1 && spec.ipFamilyPolicy !== 'SingleStack') {
      errors.push(
        invalid(
          IP_FAMILY_POLICY,
          spec.ipFamilyPolicy,
          "must be set to 'SingleStack' when releasing the secondary ipFamily",
        ),
      );
    }
  } else if (oldFamilies.length > 0 && families.length > 0 && families[0] !== oldFamilies[0]) {
    errors.push(invalid(first, families, 'may not change once set'));
  }
  return errors;
}
