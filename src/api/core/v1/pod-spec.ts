/** PodSpec, the description of a pod, and PodTemplateSpec, a pod as workloads stamp it out. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, bool, int32, int64, str, stringMap } from '../../schema/primitives.js';
import { byName, field, struct } from '../../schema/struct.js';
import { ObjectMeta } from '../../meta/v1/object-meta.js';
import { Affinity } from './affinity.js';
import { Container, EphemeralContainer } from './container.js';
import { LocalObjectReference } from './object-reference.js';
import { HostAlias, PodDNSConfig } from './pod-dns.js';
import { ResourceRequirements, resourceList } from './resources.js';
import {
  PodReadinessGate,
  PodSchedulingGate,
  Toleration,
  TopologySpreadConstraint,
  WorkloadReference,
} from './scheduling.js';
import { PodSecurityContext } from './security-context.js';
import { Volume } from './volume.js';

export const RestartPolicy = ['Always', 'Never', 'OnFailure'] as const;
export const DNSPolicy = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] as const;
export const PreemptionPolicy = ['Never', 'PreemptLowerPriority'] as const;

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** A ResourceClaim (or template of one) the pod's containers may use by `name`. */
export const PodResourceClaim = struct(
  'io.k8s.api.core.v1.PodResourceClaim',
  {
    name: field(1, str()),
    resourceClaimName: field(3, str()),
    resourceClaimTemplateName: field(4, str()),
  },
  { required: ['name'] },
);

export const PodOS = struct('io.k8s.api.core.v1.PodOS', { name: field(1, str()) }, { required: ['name'] });

export const PodSpec = struct(
  'io.k8s.api.core.v1.PodSpec',
  {
    volumes: field(1, arrayOf(Volume), {
      patchStrategy: 'merge,retainKeys',
      patchMergeKey: 'name',
      listType: 'map',
      listMapKeys: ['name'],
    }),
    initContainers: field(20, arrayOf(Container), byName),
    containers: field(2, arrayOf(Container), byName),
    ephemeralContainers: field(34, arrayOf(EphemeralContainer), byName),
    restartPolicy: field(3, str({ enum: RestartPolicy }), { default: 'Always' }),
    terminationGracePeriodSeconds: field(4, int64(), { default: DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS }),
    activeDeadlineSeconds: field(5, int64()),
    dnsPolicy: field(6, str({ enum: DNSPolicy }), { default: 'ClusterFirst' }),
    nodeSelector: field(7, stringMap(), { mapType: 'atomic' }),
    serviceAccountName: field(8, str()),
    serviceAccount: field(9, str()),
    automountServiceAccountToken: field(21, bool()),
    nodeName: field(10, str()),
    hostNetwork: field(11, bool()),
    hostPID: field(12, bool()),
    hostIPC: field(13, bool()),
    shareProcessNamespace: field(27, bool()),
    securityContext: field(14, PodSecurityContext, { default: {} }),
    imagePullSecrets: field(15, arrayOf(LocalObjectReference), byName),
    hostname: field(16, str()),
    subdomain: field(17, str()),
    affinity: field(18, Affinity),
    schedulerName: field(19, str(), { default: DEFAULT_SCHEDULER_NAME }),
    tolerations: field(22, arrayOf(Toleration), { listType: 'atomic' }),
    hostAliases: field(23, arrayOf(HostAlias), {
      patchStrategy: 'merge',
      patchMergeKey: 'ip',
      listType: 'map',
      listMapKeys: ['ip'],
    }),
    priorityClassName: field(24, str()),
    priority: field(25, int32()),
    dnsConfig: field(26, PodDNSConfig),
    readinessGates: field(28, arrayOf(PodReadinessGate), { listType: 'atomic' }),
    runtimeClassName: field(29, str()),
    enableServiceLinks: field(30, bool()),
    preemptionPolicy: field(31, str({ enum: PreemptionPolicy })),
    overhead: field(32, resourceList()),
    topologySpreadConstraints: field(33, arrayOf(TopologySpreadConstraint), {
      patchStrategy: 'merge',
      patchMergeKey: 'topologyKey',
      listType: 'map',
      listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
    }),
    setHostnameAsFQDN: field(35, bool()),
    os: field(36, PodOS),
    hostUsers: field(37, bool()),
    schedulingGates: field(38, arrayOf(PodSchedulingGate), byName),
    resourceClaims: field(39, arrayOf(PodResourceClaim), {
      patchStrategy: 'merge,retainKeys',
      patchMergeKey: 'name',
      listType: 'map',
      listMapKeys: ['name'],
    }),
    resources: field(40, ResourceRequirements),
    hostnameOverride: field(41, str()),
    workloadRef: field(42, WorkloadReference),
  },
  { required: ['containers'] },
);
export type PodSpec = Static<typeof PodSpec>;

export const PodTemplateSpec = struct('io.k8s.api.core.v1.PodTemplateSpec', {
  metadata: field(1, ObjectMeta),
  spec: field(2, PodSpec),
});
export type PodTemplateSpec = Static<typeof PodTemplateSpec>;
