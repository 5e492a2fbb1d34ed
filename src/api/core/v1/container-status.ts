/** What the kubelet reports about each container: state, readiness, image, resources and mounts. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, bool, int32, int64, str, time } from '../../schema/primitives.js';
import { byName, field, struct } from '../../schema/struct.js';
import { ResourceRequirements, resourceList } from './resources.js';

export const ContainerStateWaiting = struct('io.k8s.api.core.v1.ContainerStateWaiting', {
  reason: field(1, str()),
  message: field(2, str()),
});

export const ContainerStateRunning = struct('io.k8s.api.core.v1.ContainerStateRunning', {
  startedAt: field(1, time()),
});

export const ContainerStateTerminated = struct(
  'io.k8s.api.core.v1.ContainerStateTerminated',
  {
    exitCode: field(1, int32()),
    signal: field(2, int32()),
    reason: field(3, str()),
    message: field(4, str()),
    startedAt: field(5, time()),
    finishedAt: field(6, time()),
    containerID: field(7, str()),
  },
  { required: ['exitCode'] },
);

/** At most one of waiting, running, terminated is set; none means waiting. */
export const ContainerState = struct('io.k8s.api.core.v1.ContainerState', {
  waiting: field(1, ContainerStateWaiting),
  running: field(2, ContainerStateRunning),
  terminated: field(3, ContainerStateTerminated),
});
export type ContainerState = Static<typeof ContainerState>;

export const LinuxContainerUser = struct(
  'io.k8s.api.core.v1.LinuxContainerUser',
  {
    uid: field(1, int64()),
    gid: field(2, int64()),
    supplementalGroups: field(3, arrayOf(int64()), { listType: 'atomic' }),
  },
  { required: ['uid', 'gid'] },
);

export const ContainerUser = struct('io.k8s.api.core.v1.ContainerUser', {
  linux: field(1, LinuxContainerUser),
});

export const ImageVolumeStatus = struct(
  'io.k8s.api.core.v1.ImageVolumeStatus',
  { imageRef: field(1, str()) },
  { required: ['imageRef'] },
);

export const VolumeStatus = struct('io.k8s.api.core.v1.VolumeStatus', {
  image: field(1, ImageVolumeStatus),
});

export const VolumeMountStatus = struct(
  'io.k8s.api.core.v1.VolumeMountStatus',
  {
    name: field(1, str()),
    mountPath: field(2, str()),
    readOnly: field(3, bool()),
    recursiveReadOnly: field(4, str()),
    volumeStatus: field(5, VolumeStatus),
  },
  { required: ['name', 'mountPath'] },
);

export const ResourceHealth = struct(
  'io.k8s.api.core.v1.ResourceHealth',
  {
    resourceID: field(1, str()),
    health: field(2, str()),
    message: field(6, str()),
  },
  { required: ['resourceID'] },
);

export const ResourceStatus = struct(
  'io.k8s.api.core.v1.ResourceStatus',
  {
    name: field(1, str()),
    resources: field(2, arrayOf(ResourceHealth), { listType: 'map', listMapKeys: ['resourceID'] }),
  },
  { required: ['name'] },
);

export const ContainerStatus = struct(
  'io.k8s.api.core.v1.ContainerStatus',
  {
    name: field(1, str()),
    state: field(2, ContainerState),
    lastState: field(3, ContainerState),
    ready: field(4, bool()),
    restartCount: field(5, int32()),
    image: field(6, str()),
    imageID: field(7, str()),
    containerID: field(8, str()),
    started: field(9, bool()),
    allocatedResources: field(10, resourceList()),
    resources: field(11, ResourceRequirements),
    volumeMounts: field(12, arrayOf(VolumeMountStatus), {
      patchStrategy: 'merge',
      patchMergeKey: 'mountPath',
      listType: 'map',
      listMapKeys: ['mountPath'],
    }),
    user: field(13, ContainerUser),
    allocatedResourcesStatus: field(14, arrayOf(ResourceStatus), byName),
    stopSignal: field(15, str()),
  },
  { required: ['name', 'ready', 'restartCount', 'image', 'imageID'] },
);
export type ContainerStatus = Static<typeof ContainerStatus>;
