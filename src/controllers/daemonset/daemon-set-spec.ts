/**
 * A DaemonSet's settings as the controller reads them (upstream daemon/util): its update strategy's surge and
 * unavailability resolved against the number of nodes, the labels its pods carry, and whether a pod runs the
 * current template.
 */
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { KubeObject } from '../../client/kube-object.js';
import { scaledValueFromIntOrPercent } from '../deployment/rollout-arithmetic.js';

/** The pods' and revisions' hash label (upstream apps.DefaultDaemonSetUniqueLabelKey). */
export const DAEMON_SET_HASH_LABEL = 'controller-revision-hash';
/** The pods' template generation label, kept for old DaemonSets (upstream DaemonSetTemplateGenerationKey). */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Where an old DaemonSet records its template generation (upstream apps.DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export const DAEMON_SET_API_VERSION = 'apps/v1';
export const DAEMON_SET_KIND = 'DaemonSet';

export const DaemonSetUpdateStrategy = { RollingUpdate: 'RollingUpdate', OnDelete: 'OnDelete' } as const;

export const isRollingUpdate = (ds: DaemonSet): boolean =>
  ds.spec?.updateStrategy?.type === DaemonSetUpdateStrategy.RollingUpdate;

export const minReadySecondsOf = (ds: DaemonSet): number => ds.spec?.minReadySeconds ?? 0;

export const revisionHistoryLimitOf = (ds: DaemonSet): number => ds.spec?.revisionHistoryLimit ?? 10;

/** `ds` with apiVersion and kind filled in (list items may lack them), for events and owner references. */
export function withDaemonSetTypeMeta(ds: DaemonSet): DaemonSet {
  return ds.apiVersion === DAEMON_SET_API_VERSION && ds.kind === DAEMON_SET_KIND
    ? ds
    : { ...ds, apiVersion: DAEMON_SET_API_VERSION, kind: DAEMON_SET_KIND };
}

/**
 * The template generation recorded on an old DaemonSet, undefined when absent or unparsable (upstream
 * GetTemplateGeneration, whose parse errors the controller treats as absent).
 */
export function templateGenerationOf(ds: DaemonSet): number | undefined {
  const value = ds.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (value === undefined || !/^[+-]?\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Pods a RollingUpdate may add beside old ones, of `numberToSchedule` (rounded up; 0 without surge). */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  if (!isRollingUpdate(ds)) return 0;
  const maxSurge = ds.spec?.updateStrategy?.rollingUpdate?.maxSurge;
  if (maxSurge === undefined || maxSurge === null) return 0;
  return scaledValueFromIntOrPercent(maxSurge, numberToSchedule, true);
}

/** Pods a RollingUpdate may take down at once, of `numberToSchedule` (rounded up; 0 when not a RollingUpdate). */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  if (!isRollingUpdate(ds)) return 0;
  const rollingUpdate = ds.spec?.updateStrategy?.rollingUpdate;
  if (rollingUpdate === undefined || rollingUpdate === null) return 0;
  return scaledValueFromIntOrPercent(rollingUpdate.maxUnavailable ?? 0, numberToSchedule, true);
}

/** Whether the strategy lets a node run an old and a new pod at once (upstream AllowsSurge). */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}

/** Whether the pod runs the current template: its hash label, or its template generation, matches. */
export function isPodUpdated(pod: KubeObject, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const generationMatches = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(generation);
  const hashMatches = hash.length > 0 && labels[DAEMON_SET_HASH_LABEL] === hash;
  return hashMatches || generationMatches;
}
