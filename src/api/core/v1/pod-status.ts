/** PodStatus: the observed state of a pod (phase, conditions, IPs, container statuses, QoS class). */
import type { Static } from '@sinclair/typebox';
import { arrayOf, int64, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ContainerStatus } from './container-status.js';
import { ResourceRequirements, resourceList } from './resources.js';

export const PodPhase = ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'] as const;
export type PodPhase = (typeof PodPhase)[number];
export const PodQOSClass = ['BestEffort', 'Burstable', 'Guaranteed'] as const;
export type PodQOSClass = (typeof PodQOSClass)[number];

export const PodCondition = struct(
  'io.k8s.api.core.v1.PodCondition',
  {
    type: field(1, str()),
    observedGeneration: field(7, int64()),
    status: field(2, str()),
    lastProbeTime: field(3, time()),
    lastTransitionTime: field(4, time()),
    reason: field(5, str()),
    message: field(6, str()),
  },
  { required: ['type', 'status'] },
);
export type PodCondition = Static<typeof PodCondition>;

export const PodIP = struct('io.k8s.api.core.v1.PodIP', { ip: field(1, str()) }, { required: ['ip'] });

export const HostIP = struct('io.k8s.api.core.v1.HostIP', { ip: field(1, str()) }, { required: ['ip'] });

export const PodResourceClaimStatus = struct(
  'io.k8s.api.core.v1.PodResourceClaimStatus',
  {
    name: field(1, str()),
    resourceClaimName: field(2, str()),
  },
  { required: ['name'] },
);

export const ContainerExtendedResourceRequest = struct(
  'io.k8s.api.core.v1.ContainerExtendedResourceRequest',
  {
    containerName: field(1, str()),
    resourceName: field(2, str()),
    requestName: field(3, str()),
  },
  { required: ['containerName', 'resourceName', 'requestName'] },
);

export const PodExtendedResourceClaimStatus = struct(
  'io.k8s.api.core.v1.PodExtendedResourceClaimStatus',
  {
    requestMappings: field(1, arrayOf(ContainerExtendedResourceRequest), { listType: 'atomic' }),
    resourceClaimName: field(2, str()),
  },
  { required: ['requestMappings', 'resourceClaimName'] },
);

export const PodStatus = struct('io.k8s.api.core.v1.PodStatus', {
  observedGeneration: field(17, int64()),
  phase: field(1, str({ enum: PodPhase })),
  conditions: field(2, arrayOf(PodCondition), {
    patchStrategy: 'merge',
    patchMergeKey: 'type',
    listType: 'map',
    listMapKeys: ['type'],
  }),
  message: field(3, str()),
  reason: field(4, str()),
  nominatedNodeName: field(11, str()),
  hostIP: field(5, str()),
  hostIPs: field(16, arrayOf(HostIP), { patchStrategy: 'merge', patchMergeKey: 'ip', listType: 'atomic' }),
  podIP: field(6, str()),
  podIPs: field(12, arrayOf(PodIP), {
    patchStrategy: 'merge',
    patchMergeKey: 'ip',
    listType: 'map',
    listMapKeys: ['ip'],
  }),
  startTime: field(7, time()),
  initContainerStatuses: field(10, arrayOf(ContainerStatus), { listType: 'atomic' }),
  containerStatuses: field(8, arrayOf(ContainerStatus), { listType: 'atomic' }),
  qosClass: field(9, str({ enum: PodQOSClass })),
  ephemeralContainerStatuses: field(13, arrayOf(ContainerStatus), { listType: 'atomic' }),
  resize: field(14, str()),
  resourceClaimStatuses: field(15, arrayOf(PodResourceClaimStatus), {
    patchStrategy: 'merge,retainKeys',
    patchMergeKey: 'name',
    listType: 'map',
    listMapKeys: ['name'],
  }),
  extendedResourceClaimStatus: field(18, PodExtendedResourceClaimStatus),
  allocatedResources: field(19, resourceList()),
  resources: field(20, ResourceRequirements),
});
export type PodStatus = Static<typeof PodStatus>;
