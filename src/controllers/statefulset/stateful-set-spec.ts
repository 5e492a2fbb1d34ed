/**
 * A StatefulSet's settings as the controller reads them, with upstream's defaults for whatever is absent,
 * and the labels and names its pods carry.
 */
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { KubeObject } from '../../client/kube-object.js';

/** The pod's revision (upstream apps.StatefulSetRevisionLabel / ControllerRevisionHashLabelKey). */
export const STATEFUL_SET_REVISION_LABEL = 'controller-revision-hash';
/** The pod's own name (upstream apps.StatefulSetPodNameLabel). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** The pod's ordinal (upstream apps.PodIndexLabel; feature PodIndexLabel, on by default). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export const PodManagementPolicy = { OrderedReady: 'OrderedReady', Parallel: 'Parallel' } as const;
export const StatefulSetUpdateStrategy = { RollingUpdate: 'RollingUpdate', OnDelete: 'OnDelete' } as const;
export const ClaimRetentionPolicy = { Retain: 'Retain', Delete: 'Delete' } as const;
export type ClaimRetentionPolicy = (typeof ClaimRetentionPolicy)[keyof typeof ClaimRetentionPolicy];

export const STATEFUL_SET_API_VERSION = 'apps/v1';
export const STATEFUL_SET_KIND = 'StatefulSet';

/** spec.replicas (1 when absent, as defaulting makes it). */
export const replicasOf = (set: StatefulSet): number => set.spec?.replicas ?? 1;

/** The first ordinal (spec.ordinals.start, 0 by default). */
export const startOrdinal = (set: StatefulSet): number => set.spec?.ordinals?.start ?? 0;

/** The last ordinal the set wants (inclusive). */
export const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + replicasOf(set) - 1;

/** Parallel pod management: create and delete without waiting (upstream allowsBurst). */
export const allowsBurst = (set: StatefulSet): boolean =>
  set.spec?.podManagementPolicy === PodManagementPolicy.Parallel;

export const minReadySecondsOf = (set: StatefulSet): number => set.spec?.minReadySeconds ?? 0;

export const revisionHistoryLimitOf = (set: StatefulSet): number => set.spec?.revisionHistoryLimit ?? 10;

export const isOnDelete = (set: StatefulSet): boolean =>
  set.spec?.updateStrategy?.type === StatefulSetUpdateStrategy.OnDelete;

export const isRollingUpdate = (set: StatefulSet): boolean =>
  set.spec?.updateStrategy?.type === StatefulSetUpdateStrategy.RollingUpdate;

/** The claim retention policy, Retain for both when absent (upstream getPersistentVolumeClaimRetentionPolicy). */
export function retentionPolicyOf(set: StatefulSet): {
  whenDeleted: ClaimRetentionPolicy;
  whenScaled: ClaimRetentionPolicy;
} {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
  const read = (v: string | undefined): ClaimRetentionPolicy =>
    v === ClaimRetentionPolicy.Delete ? ClaimRetentionPolicy.Delete : ClaimRetentionPolicy.Retain;
  return { whenDeleted: read(policy?.whenDeleted), whenScaled: read(policy?.whenScaled) };
}

/** `set` with apiVersion and kind filled in (list items may lack them), for events and owner references. */
export function withSetTypeMeta(set: StatefulSet): StatefulSet {
  return set.apiVersion === STATEFUL_SET_API_VERSION && set.kind === STATEFUL_SET_KIND
    ? set
    : { ...set, apiVersion: STATEFUL_SET_API_VERSION, kind: STATEFUL_SET_KIND };
}

/** The revision a pod runs (its controller-revision-hash label), '' when it has none. */
export const podRevision = (obj: KubeObject): string => obj.metadata?.labels?.[STATEFUL_SET_REVISION_LABEL] ?? '';
