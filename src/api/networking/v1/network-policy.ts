/** NetworkPolicy (networking.k8s.io/v1): which traffic may reach and leave the selected pods. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, intOrString, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { isObj, type Obj } from '../../apps/v1/object-access.js';

export const PolicyType = ['Egress', 'Ingress'] as const;

export const IPBlock = struct(
  'io.k8s.api.networking.v1.IPBlock',
  {
    cidr: field(1, str()),
    except: field(2, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['cidr'] },
);

export const NetworkPolicyPeer = struct('io.k8s.api.networking.v1.NetworkPolicyPeer', {
  podSelector: field(1, LabelSelector),
  namespaceSelector: field(2, LabelSelector),
  ipBlock: field(3, IPBlock),
});

export const NetworkPolicyPort = struct('io.k8s.api.networking.v1.NetworkPolicyPort', {
  protocol: field(1, str({ enum: ['SCTP', 'TCP', 'UDP'] }), { default: 'TCP' }),
  port: field(2, intOrString()),
  endPort: field(3, int32()),
});

export const NetworkPolicyIngressRule = struct('io.k8s.api.networking.v1.NetworkPolicyIngressRule', {
  ports: field(1, arrayOf(NetworkPolicyPort), { listType: 'atomic' }),
  from: field(2, arrayOf(NetworkPolicyPeer), { listType: 'atomic' }),
});

export const NetworkPolicyEgressRule = struct('io.k8s.api.networking.v1.NetworkPolicyEgressRule', {
  ports: field(1, arrayOf(NetworkPolicyPort), { listType: 'atomic' }),
  to: field(2, arrayOf(NetworkPolicyPeer), { listType: 'atomic' }),
});

export const NetworkPolicySpec = struct('io.k8s.api.networking.v1.NetworkPolicySpec', {
  podSelector: field(1, LabelSelector, { default: {} }),
  ingress: field(2, arrayOf(NetworkPolicyIngressRule), { listType: 'atomic' }),
  egress: field(3, arrayOf(NetworkPolicyEgressRule), { listType: 'atomic' }),
  policyTypes: field(4, arrayOf(str({ enum: PolicyType })), { listType: 'atomic' }),
});
export type NetworkPolicySpec = Static<typeof NetworkPolicySpec>;

export const NetworkPolicySchema = objectSchema('io.k8s.api.networking.v1.NetworkPolicy', {
  spec: field(2, NetworkPolicySpec),
});
export type NetworkPolicy = Static<typeof NetworkPolicySchema>;

/**
 * Upstream's SetDefaults_NetworkPolicy: without policyTypes a policy is about Ingress, and also about Egress
 * when it has egress rules.
 */
export function defaultNetworkPolicy(obj: Obj): void {
  if (!isObj(obj.spec)) return;
  const spec = obj.spec;
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return;
  spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export const NetworkPolicyKind: KindDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  schema: NetworkPolicySchema,
  defaults: defaultNetworkPolicy,
};
