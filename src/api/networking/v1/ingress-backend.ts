/** Where an Ingress (networking.k8s.io/v1) sends traffic: a Service port or another resource. */
import { int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { TypedLocalObjectReference } from '../../core/v1/object-reference.js';

export const ServiceBackendPort = struct(
  'io.k8s.api.networking.v1.ServiceBackendPort',
  {
    name: field(1, str()),
    number: field(2, int32()),
  },
  { structType: 'atomic' },
);

export const IngressServiceBackend = struct(
  'io.k8s.api.networking.v1.IngressServiceBackend',
  {
    name: field(1, str()),
    port: field(2, ServiceBackendPort),
  },
  { required: ['name'] },
);

export const IngressBackend = struct('io.k8s.api.networking.v1.IngressBackend', {
  service: field(4, IngressServiceBackend),
  resource: field(3, TypedLocalObjectReference),
});
