/** Ingress (networking.k8s.io/v1): HTTP routing rules from hosts and paths to Services. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { embeddedField } from '../../core/v1/embedded-field.js';
import { IngressBackend } from './ingress-backend.js';

export const PathType = ['Exact', 'ImplementationSpecific', 'Prefix'] as const;

export const HTTPIngressPath = struct(
  'io.k8s.api.networking.v1.HTTPIngressPath',
  {
    path: field(1, str()),
    pathType: field(3, str({ enum: PathType })),
    backend: field(2, IngressBackend),
  },
  { required: ['pathType', 'backend'] },
);

export const HTTPIngressRuleValue = struct(
  'io.k8s.api.networking.v1.HTTPIngressRuleValue',
  { paths: field(1, arrayOf(HTTPIngressPath), { listType: 'atomic' }) },
  { required: ['paths'] },
);

/**
 * IngressRule. `http` belongs to the inlined IngressRuleValue, which protobuf carries as field 2
 * (`ingressRuleValue`) whose field 1 is `http`.
 */
export const IngressRule = struct('io.k8s.api.networking.v1.IngressRule', {
  host: field(1, str()),
  http: embeddedField(2, 1, HTTPIngressRuleValue),
});

export const IngressTLS = struct('io.k8s.api.networking.v1.IngressTLS', {
  hosts: field(1, arrayOf(str()), { listType: 'atomic' }),
  secretName: field(2, str()),
});

export const IngressSpec = struct('io.k8s.api.networking.v1.IngressSpec', {
  ingressClassName: field(4, str()),
  defaultBackend: field(1, IngressBackend),
  tls: field(2, arrayOf(IngressTLS), { listType: 'atomic' }),
  rules: field(3, arrayOf(IngressRule), { listType: 'atomic' }),
});
export type IngressSpec = Static<typeof IngressSpec>;

export const IngressPortStatus = struct(
  'io.k8s.api.networking.v1.IngressPortStatus',
  {
    port: field(1, int32()),
    protocol: field(2, str({ enum: ['SCTP', 'TCP', 'UDP'] })),
    error: field(3, str()),
  },
  { required: ['port', 'protocol'] },
);

export const IngressLoadBalancerIngress = struct('io.k8s.api.networking.v1.IngressLoadBalancerIngress', {
  ip: field(1, str()),
  hostname: field(2, str()),
  ports: field(4, arrayOf(IngressPortStatus), { listType: 'atomic' }),
});

export const IngressLoadBalancerStatus = struct('io.k8s.api.networking.v1.IngressLoadBalancerStatus', {
  ingress: field(1, arrayOf(IngressLoadBalancerIngress), { listType: 'atomic' }),
});

export const IngressStatus = struct('io.k8s.api.networking.v1.IngressStatus', {
  loadBalancer: field(1, IngressLoadBalancerStatus),
});

export const IngressSchema = objectSchema('io.k8s.api.networking.v1.Ingress', {
  spec: field(2, IngressSpec),
  status: field(3, IngressStatus),
});
export type Ingress = Static<typeof IngressSchema>;

export const IngressKind: KindDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  schema: IngressSchema,
  subresources: { status: true },
};
