/** Containers: the regular/init Container, the EphemeralContainer, and their ports and mounts. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, bool, int32, str } from '../../schema/primitives.js';
import { byName, field, struct } from '../../schema/struct.js';
import { embedFields } from './embedded-field.js';
import { EnvFromSource, EnvVar } from './env.js';
import { Lifecycle, Probe } from './probe.js';
import { ContainerResizePolicy, ResourceRequirements } from './resources.js';
import { SecurityContext } from './security-context.js';

export const Protocol = ['SCTP', 'TCP', 'UDP'] as const;
export const PullPolicy = ['Always', 'IfNotPresent', 'Never'] as const;
export const TerminationMessagePolicy = ['FallbackToLogsOnError', 'File'] as const;
export const MountPropagationMode = ['Bidirectional', 'HostToContainer', 'None'] as const;
export const RecursiveReadOnlyMode = ['Disabled', 'Enabled', 'IfPossible'] as const;

export const ContainerPort = struct(
  'io.k8s.api.core.v1.ContainerPort',
  {
    name: field(1, str()),
    hostPort: field(2, int32()),
    containerPort: field(3, int32()),
    protocol: field(4, str({ enum: Protocol }), { default: 'TCP' }),
    hostIP: field(5, str()),
  },
  { required: ['containerPort'] },
);
export type ContainerPort = Static<typeof ContainerPort>;

export const VolumeMount = struct(
  'io.k8s.api.core.v1.VolumeMount',
  {
    name: field(1, str()),
    readOnly: field(2, bool()),
    recursiveReadOnly: field(7, str({ enum: RecursiveReadOnlyMode })),
    mountPath: field(3, str()),
    subPath: field(4, str()),
    mountPropagation: field(5, str({ enum: MountPropagationMode })),
    subPathExpr: field(6, str()),
  },
  { required: ['name', 'mountPath'] },
);
export type VolumeMount = Static<typeof VolumeMount>;

export const VolumeDevice = struct(
  'io.k8s.api.core.v1.VolumeDevice',
  {
    name: field(1, str()),
    devicePath: field(2, str()),
  },
  { required: ['name', 'devicePath'] },
);
export type VolumeDevice = Static<typeof VolumeDevice>;

export const ContainerRestartRuleOnExitCodes = struct(
  'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes',
  {
    operator: field(1, str({ enum: ['In', 'NotIn'] })),
    values: field(2, arrayOf(int32()), { listType: 'set' }),
  },
  { required: ['operator'] },
);

export const ContainerRestartRule = struct(
  'io.k8s.api.core.v1.ContainerRestartRule',
  {
    action: field(1, str()),
    exitCodes: field(2, ContainerRestartRuleOnExitCodes),
  },
  { required: ['action'] },
);

/** The fields Container and EphemeralContainer share (EphemeralContainerCommon upstream). */
const containerFields = {
  name: field(1, str()),
  image: field(2, str()),
  command: field(3, arrayOf(str()), { listType: 'atomic' }),
  args: field(4, arrayOf(str()), { listType: 'atomic' }),
  workingDir: field(5, str()),
  ports: field(6, arrayOf(ContainerPort), {
    patchStrategy: 'merge',
    patchMergeKey: 'containerPort',
    listType: 'map',
    listMapKeys: ['containerPort', 'protocol'],
  }),
  envFrom: field(19, arrayOf(EnvFromSource), { listType: 'atomic' }),
  env: field(7, arrayOf(EnvVar), byName),
  resources: field(8, ResourceRequirements),
  resizePolicy: field(23, arrayOf(ContainerResizePolicy), { listType: 'atomic' }),
  restartPolicy: field(24, str()),
  restartPolicyRules: field(25, arrayOf(ContainerRestartRule), { listType: 'atomic' }),
  volumeMounts: field(9, arrayOf(VolumeMount), {
    patchStrategy: 'merge',
    patchMergeKey: 'mountPath',
    listType: 'map',
    listMapKeys: ['mountPath'],
  }),
  volumeDevices: field(21, arrayOf(VolumeDevice), {
    patchStrategy: 'merge',
    patchMergeKey: 'devicePath',
    listType: 'map',
    listMapKeys: ['devicePath'],
  }),
  livenessProbe: field(10, Probe),
  readinessProbe: field(11, Probe),
  startupProbe: field(22, Probe),
  lifecycle: field(12, Lifecycle),
  terminationMessagePath: field(13, str(), { default: '/dev/termination-log' }),
  terminationMessagePolicy: field(20, str({ enum: TerminationMessagePolicy }), { default: 'File' }),
  imagePullPolicy: field(14, str({ enum: PullPolicy })),
  securityContext: field(15, SecurityContext),
  stdin: field(16, bool()),
  stdinOnce: field(17, bool()),
  tty: field(18, bool()),
};

export const Container = struct('io.k8s.api.core.v1.Container', containerFields, { required: ['name'] });
export type Container = Static<typeof Container>;

/** EphemeralContainer embeds EphemeralContainerCommon (protobuf field 1); JSON inlines its fields. */
export const EphemeralContainer = struct(
  'io.k8s.api.core.v1.EphemeralContainer',
  {
    ...embedFields(1, containerFields),
    targetContainerName: field(2, str()),
  },
  { required: ['name'] },
);
export type EphemeralContainer = Static<typeof EphemeralContainer>;
