/** The policy of `networkpolicies` (networking.k8s.io/v1): upstream's ValidateNetworkPolicySpec. */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { isObj, isSet, num, obj, objects, strings, text } from '../../apps/validation/json.js';
import { validateLabelSelector } from '../../apps/validation/label-selector.js';
import { isCIDR, isValidCIDR } from '../../core/validation/ip.js';
import { isValidPortName, isValidPortNum } from '../../core/validation/names.js';

const SPEC = FieldPath.root('spec');

function portErrors(port: Record<string, unknown>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (isSet(port.protocol) && !['TCP', 'UDP', 'SCTP'].includes(text(port.protocol))) {
    errs.push(notSupported(path.child('protocol'), port.protocol, ['TCP', 'UDP', 'SCTP']));
  }
  const endPort = num(port.endPort);
  if (typeof port.port === 'number') {
    errs.push(...isValidPortNum(port.port).map((m) => invalid(path.child('port'), port.port, m)));
    if (endPort !== undefined) {
      if (endPort < port.port)
        errs.push(invalid(path.child('endPort'), port.port, 'must be greater than or equal to `port`'));
      errs.push(...isValidPortNum(endPort).map((m) => invalid(path.child('endPort'), endPort, m)));
    }
  } else if (typeof port.port === 'string') {
    if (endPort !== undefined)
      errs.push(invalid(path.child('endPort'), endPort, 'may not be specified when `port` is non-numeric'));
    errs.push(...isValidPortName(port.port).map((m) => invalid(path.child('port'), port.port, m)));
  } else if (endPort !== undefined) {
    errs.push(invalid(path.child('endPort'), endPort, 'may not be specified when `port` is not specified'));
  }
  return errs;
}

/** The address of a CIDR and its prefix length, as a bigint range, for the strict-subset check. */
function cidrRange(cidr: string): { v6: boolean; start: bigint; bits: number } {
  const [ip = '', bitsText = '0'] = cidr.split('/');
  const bits = Number(bitsText);
  if (ip.includes(':')) {
    const full = ip.includes('::') ? expandIPv6(ip) : ip.split(':');
    const value = full.reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part || '0', 16)), 0n);
    return { v6: true, start: (value >> BigInt(128 - bits)) << BigInt(128 - bits), bits };
  }
  const value = ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
  return { v6: false, start: (value >> BigInt(32 - bits)) << BigInt(32 - bits), bits };
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::');
  const h = head === '' ? [] : head.split(':');
  const t = tail === '' ? [] : tail.split(':');
  return [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
}

function ipBlockErrors(block: Record<string, unknown>, path: FieldPath): FieldError[] {
  const cidr = text(block.cidr);
  if (cidr === '') return [required(path.child('cidr'))];
  const errs = isValidCIDR(path.child('cidr'), cidr);
  if (!isCIDR(cidr) || cidr.includes('.') === cidr.includes(':')) return errs;
  const outer = cidrRange(cidr);
  strings(block.except).forEach((except, i) => {
    const at = path.child('except').index(i);
    errs.push(...isValidCIDR(at, except));
    if (!isCIDR(except)) return;
    const inner = cidrRange(except);
    const width = outer.v6 ? 128 : 32;
    const contained =
      inner.v6 === outer.v6 && inner.start >> BigInt(width - outer.bits) === outer.start >> BigInt(width - outer.bits);
    if (!contained || outer.bits >= inner.bits) errs.push(invalid(at, except, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function peerErrors(peer: Record<string, unknown>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let peers = 0;
  for (const key of ['podSelector', 'namespaceSelector'] as const) {
    if (isSet(peer[key])) {
      peers++;
      errs.push(...validateLabelSelector(peer[key], path.child(key)));
    }
  }
  if (isObj(peer.ipBlock)) {
    peers++;
    errs.push(...ipBlockErrors(peer.ipBlock, path.child('ipBlock')));
  }
  if (peers === 0) errs.push(required(path, 'must specify a peer'));
  else if (peers > 1 && isSet(peer.ipBlock))
    errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function rulesErrors(rules: unknown, path: FieldPath, peersKey: 'from' | 'to'): FieldError[] {
  return objects(rules).flatMap((rule, i) => [
    ...objects(rule.ports).flatMap((p, j) => portErrors(p, path.index(i).child('ports').index(j))),
    ...objects(rule[peersKey]).flatMap((p, j) => peerErrors(p, path.index(i).child(peersKey).index(j))),
  ]);
}

/** Upstream's ValidateNetworkPolicySpec. */
export function networkPolicySpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = [
    ...validateLabelSelector(spec.podSelector, SPEC.child('podSelector')),
    ...rulesErrors(spec.ingress, SPEC.child('ingress'), 'from'),
    ...rulesErrors(spec.egress, SPEC.child('egress'), 'to'),
  ];
  const types = strings(spec.policyTypes);
  if (types.length > 2)
    return [...errs, invalid(SPEC.child('policyTypes'), types, 'may not specify more than two policyTypes')];
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      errs.push(notSupported(SPEC.child('policyTypes').index(i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

export const networkPoliciesStrategy: Strategy = {
  validate: (o) => networkPolicySpecErrors(o.spec),
  validateUpdate: (o) => networkPolicySpecErrors(o.spec),
};
