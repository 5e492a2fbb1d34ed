/** IngressClass (networking.k8s.io/v1): which controller implements the Ingresses that name it. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const IngressClassParametersScope = ['Cluster', 'Namespace'] as const;

export const IngressClassParametersReference = struct(
  'io.k8s.api.networking.v1.IngressClassParametersReference',
  {
    // Protobuf names this field `aPIGroup`; JSON says `apiGroup`.
    apiGroup: field(1, str()),
    kind: field(2, str()),
    name: field(3, str()),
    scope: field(4, str({ enum: IngressClassParametersScope }), { default: 'Cluster' }),
    namespace: field(5, str()),
  },
  { required: ['kind', 'name'] },
);

export const IngressClassSpec = struct('io.k8s.api.networking.v1.IngressClassSpec', {
  controller: field(1, str()),
  parameters: field(2, IngressClassParametersReference),
});

export const IngressClassSchema = objectSchema('io.k8s.api.networking.v1.IngressClass', {
  spec: field(2, IngressClassSpec),
});
export type IngressClass = Static<typeof IngressClassSchema>;

/** The annotation that marks the default IngressClass of the cluster. */
export const IS_DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export const IngressClassKind: KindDefinition = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  schema: IngressClassSchema,
};
