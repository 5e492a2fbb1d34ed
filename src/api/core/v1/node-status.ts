/** The status half of a Node: what the kubelet reports about the machine. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, bool, int32, int64, mapOf, quantity, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const ConfigMapNodeConfigSource = struct(
  'io.k8s.api.core.v1.ConfigMapNodeConfigSource',
  {
    namespace: field(1, str()),
    name: field(2, str()),
    uid: field(3, str()),
    resourceVersion: field(4, str()),
    kubeletConfigKey: field(5, str()),
  },
  { required: ['namespace', 'name', 'kubeletConfigKey'] },
);

/** Deprecated since 1.22 (dynamic kubelet configuration was removed); kept for wire compatibility. */
export const NodeConfigSource = struct('io.k8s.api.core.v1.NodeConfigSource', {
  configMap: field(2, ConfigMapNodeConfigSource),
});

export const NodeConfigStatus = struct('io.k8s.api.core.v1.NodeConfigStatus', {
  assigned: field(1, NodeConfigSource),
  active: field(2, NodeConfigSource),
  lastKnownGood: field(3, NodeConfigSource),
  error: field(4, str()),
});

export const NodeCondition = struct(
  'io.k8s.api.core.v1.NodeCondition',
  {
    type: field(1, str()),
    status: field(2, str()),
    lastHeartbeatTime: field(3, time()),
    lastTransitionTime: field(4, time()),
    reason: field(5, str()),
    message: field(6, str()),
  },
  { required: ['type', 'status'] },
);
export type NodeCondition = Static<typeof NodeCondition>;

export const NodeAddress = struct(
  'io.k8s.api.core.v1.NodeAddress',
  {
    type: field(1, str()),
    address: field(2, str()),
  },
  { required: ['type', 'address'] },
);
export type NodeAddress = Static<typeof NodeAddress>;

export const DaemonEndpoint = struct(
  'io.k8s.api.core.v1.DaemonEndpoint',
  { Port: field(1, int32()) },
  { required: ['Port'] },
);

export const NodeDaemonEndpoints = struct('io.k8s.api.core.v1.NodeDaemonEndpoints', {
  kubeletEndpoint: field(1, DaemonEndpoint),
});

export const NodeSwapStatus = struct('io.k8s.api.core.v1.NodeSwapStatus', { capacity: field(1, int64()) });

export const NodeSystemInfo = struct(
  'io.k8s.api.core.v1.NodeSystemInfo',
  {
    machineID: field(1, str()),
    systemUUID: field(2, str()),
    bootID: field(3, str()),
    kernelVersion: field(4, str()),
    osImage: field(5, str()),
    containerRuntimeVersion: field(6, str()),
    kubeletVersion: field(7, str()),
    kubeProxyVersion: field(8, str()),
    operatingSystem: field(9, str()),
    architecture: field(10, str()),
    swap: field(11, NodeSwapStatus),
  },
  {
    required: [
      'machineID',
      'systemUUID',
      'bootID',
      'kernelVersion',
      'osImage',
      'containerRuntimeVersion',
      'kubeletVersion',
      'kubeProxyVersion',
      'operatingSystem',
      'architecture',
    ],
  },
);

export const ContainerImage = struct('io.k8s.api.core.v1.ContainerImage', {
  names: field(1, arrayOf(str()), { listType: 'atomic' }),
  sizeBytes: field(2, int64()),
});

export const AttachedVolume = struct(
  'io.k8s.api.core.v1.AttachedVolume',
  {
    name: field(1, str()),
    devicePath: field(2, str()),
  },
  { required: ['name', 'devicePath'] },
);

export const NodeRuntimeHandlerFeatures = struct('io.k8s.api.core.v1.NodeRuntimeHandlerFeatures', {
  recursiveReadOnlyMounts: field(1, bool()),
  userNamespaces: field(2, bool()),
});

export const NodeRuntimeHandler = struct('io.k8s.api.core.v1.NodeRuntimeHandler', {
  name: field(1, str()),
  features: field(2, NodeRuntimeHandlerFeatures),
});

export const NodeFeatures = struct('io.k8s.api.core.v1.NodeFeatures', {
  supplementalGroupsPolicy: field(1, bool()),
  containerUlimits: field(2, bool()),
});

const byType = { patchStrategy: 'merge', patchMergeKey: 'type', listType: 'map', listMapKeys: ['type'] } as const;

export const NodeStatus = struct('io.k8s.api.core.v1.NodeStatus', {
  capacity: field(1, mapOf(quantity())),
  allocatable: field(2, mapOf(quantity())),
  phase: field(3, str({ enum: ['Pending', 'Running', 'Terminated'] })),
  conditions: field(4, arrayOf(NodeCondition), byType),
  addresses: field(5, arrayOf(NodeAddress), byType),
  daemonEndpoints: field(6, NodeDaemonEndpoints),
  nodeInfo: field(7, NodeSystemInfo),
  images: field(8, arrayOf(ContainerImage), { listType: 'atomic' }),
  volumesInUse: field(9, arrayOf(str()), { listType: 'atomic' }),
  volumesAttached: field(10, arrayOf(AttachedVolume), { listType: 'atomic' }),
  config: field(11, NodeConfigStatus),
  runtimeHandlers: field(12, arrayOf(NodeRuntimeHandler), { listType: 'atomic' }),
  features: field(13, NodeFeatures),
  declaredFeatures: field(14, arrayOf(str()), { listType: 'atomic' }),
});
export type NodeStatus = Static<typeof NodeStatus>;
