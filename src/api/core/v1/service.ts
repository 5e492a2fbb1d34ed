/** Service (core/v1): a stable virtual address and port set in front of a group of pods. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, int32, intOrString, str, stringMap } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { Condition } from '../../meta/v1/object-meta.js';
import { defaultService } from './service-defaults.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

export const ClientIPConfig = struct('io.k8s.api.core.v1.ClientIPConfig', {
  timeoutSeconds: field(1, int32()),
});

export const SessionAffinityConfig = struct('io.k8s.api.core.v1.SessionAffinityConfig', {
  clientIP: field(1, ClientIPConfig),
});

export const ServicePort = struct(
  'io.k8s.api.core.v1.ServicePort',
  {
    name: field(1, str()),
    protocol: field(2, str({ enum: PROTOCOLS }), { default: 'TCP' }),
    appProtocol: field(6, str()),
    port: field(3, int32()),
    targetPort: field(4, intOrString()),
    nodePort: field(5, int32()),
  },
  { required: ['port'] },
);
export type ServicePort = Static<typeof ServicePort>;

export const ServiceSpec = struct('io.k8s.api.core.v1.ServiceSpec', {
  ports: field(1, arrayOf(ServicePort), {
    patchStrategy: 'merge',
    patchMergeKey: 'port',
    listType: 'map',
    listMapKeys: ['port', 'protocol'],
  }),
  selector: field(2, stringMap(), { mapType: 'atomic' }),
  clusterIP: field(3, str()),
  clusterIPs: field(18, arrayOf(str()), { listType: 'atomic' }),
  type: field(4, str({ enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] }), { default: 'ClusterIP' }),
  externalIPs: field(5, arrayOf(str()), { listType: 'atomic' }),
  sessionAffinity: field(7, str({ enum: ['ClientIP', 'None'] }), { default: 'None' }),
  loadBalancerIP: field(8, str()),
  loadBalancerSourceRanges: field(9, arrayOf(str()), { listType: 'atomic' }),
  externalName: field(10, str()),
  externalTrafficPolicy: field(11, str({ enum: ['Cluster', 'Local'] })),
  healthCheckNodePort: field(12, int32()),
  publishNotReadyAddresses: field(13, bool()),
  sessionAffinityConfig: field(14, SessionAffinityConfig),
  ipFamilies: field(19, arrayOf(str({ enum: ['IPv4', 'IPv6'] })), { listType: 'atomic' }),
  ipFamilyPolicy: field(17, str({ enum: ['PreferDualStack', 'RequireDualStack', 'SingleStack'] })),
  allocateLoadBalancerNodePorts: field(20, bool()),
  loadBalancerClass: field(21, str()),
  internalTrafficPolicy: field(22, str({ enum: ['Cluster', 'Local'] })),
  trafficDistribution: field(23, str()),
});
export type ServiceSpec = Static<typeof ServiceSpec>;

export const PortStatus = struct(
  'io.k8s.api.core.v1.PortStatus',
  {
    port: field(1, int32()),
    protocol: field(2, str({ enum: PROTOCOLS })),
    error: field(3, str()),
  },
  { required: ['port', 'protocol'] },
);

export const LoadBalancerIngress = struct('io.k8s.api.core.v1.LoadBalancerIngress', {
  ip: field(1, str()),
  hostname: field(2, str()),
  ipMode: field(3, str()),
  ports: field(4, arrayOf(PortStatus), { listType: 'atomic' }),
});

export const LoadBalancerStatus = struct('io.k8s.api.core.v1.LoadBalancerStatus', {
  ingress: field(1, arrayOf(LoadBalancerIngress), { listType: 'atomic' }),
});
export type LoadBalancerStatus = Static<typeof LoadBalancerStatus>;

export const ServiceStatus = struct('io.k8s.api.core.v1.ServiceStatus', {
  loadBalancer: field(1, LoadBalancerStatus),
  conditions: field(2, arrayOf(Condition), {
    patchStrategy: 'merge',
    patchMergeKey: 'type',
    listType: 'map',
    listMapKeys: ['type'],
  }),
});

export const ServiceSchema = objectSchema('io.k8s.api.core.v1.Service', {
  spec: field(2, ServiceSpec),
  status: field(3, ServiceStatus),
});
export type Service = Static<typeof ServiceSchema>;

export const ServiceKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  schema: ServiceSchema,
  subresources: { status: true },
  selectableFields: {
    'spec.clusterIP': (o) => (o as Service).spec?.clusterIP ?? '',
    'spec.type': (o) => (o as Service).spec?.type ?? '',
  },
  defaults: defaultService,
};
