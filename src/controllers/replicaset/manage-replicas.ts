/**
 * Creating and deleting pods until an owner has as many as it wants (upstream manageReplicas). Writes are
 * recorded as expectations first, so that the owner is not acted on again until the informer has seen them
 * (or they failed): the controller never creates twice for one missing pod.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { EventType, type EventRecorder } from '../../client/record/event-recorder.js';
import { isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { StatusError } from '../../machinery/status.js';
import type { Expectations } from '../framework/expectations.js';
import { controllerRef } from '../framework/owner-references.js';
import { podFromTemplate } from './pod-from-template.js';
import { podsToDelete } from './pod-ranking.js';
import type { ReplicaOwner } from './replicated-kind.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start.js';

/** Upstream BurstReplicas: pods created or deleted at most per sync. */
export const BURST_REPLICAS = 500;

export const PodEventReason = {
  SuccessfulCreate: 'SuccessfulCreate',
  FailedCreate: 'FailedCreate',
  SuccessfulDelete: 'SuccessfulDelete',
  FailedDelete: 'FailedDelete',
} as const;

/** What pod management writes through and records to. */
export interface PodControl {
  readonly pods: ResourceClient<Pod>;
  readonly recorder: EventRecorder;
  readonly expectations: Expectations;
  /** apiVersion and kind of the owners' controller references. */
  readonly ownerApiVersion: string;
  readonly ownerKind: string;
  readonly burstReplicas: number;
  readonly now: () => number;
}

/** Whether `err` refuses a creation because the namespace is terminating (upstream's NamespaceTerminating cause). */
export function isNamespaceTerminating(err: unknown): boolean {
  return (
    err instanceof StatusError && (err.status.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating')
  );
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The key expectations are kept under. */
export const ownerKey = (owner: ReplicaOwner): string => `${owner.namespace}/${owner.name}`;

async function createPod(control: PodControl, owner: ReplicaOwner): Promise<void> {
  const template = owner.template ?? {};
  if (Object.keys(template.metadata?.labels ?? {}).length === 0) throw new Error('unable to create pods, no labels');
  const ref = controllerRef(owner.object, control.ownerApiVersion, control.ownerKind);
  const pod = podFromTemplate(template, owner.name, ref);
  try {
    const created = await control.pods.create(owner.namespace, pod);
    control.recorder.event(
      owner.object,
      EventType.Normal,
      PodEventReason.SuccessfulCreate,
      `Created pod: ${created.metadata?.name ?? ''}`,
    );
  } catch (err) {
    // A terminating namespace refuses every creation; nothing to report (upstream counts it as done).
    if (isNamespaceTerminating(err)) return;
    control.recorder.event(
      owner.object,
      EventType.Warning,
      PodEventReason.FailedCreate,
      `Error creating: ${messageOf(err)}`,
    );
    throw err;
  }
}

async function deletePod(control: PodControl, owner: ReplicaOwner, pod: Pod): Promise<void> {
  const name = pod.metadata?.name ?? '';
  try {
    await control.pods.delete(owner.namespace, name);
  } catch (err) {
    if (isNotFound(err)) throw err;
    control.recorder.event(
      owner.object,
      EventType.Warning,
      PodEventReason.FailedDelete,
      `Error deleting: ${messageOf(err)}`,
    );
    throw new Error(`unable to delete pods: ${messageOf(err)}`, { cause: err });
  }
  control.recorder.event(owner.object, EventType.Normal, PodEventReason.SuccessfulDelete, `Deleted pod: ${name}`);
}

/**
 * Creates or deletes pods so that `owner` has its desired count, given its claimed active `pods` and the
 * pods of its sibling ReplicaSets (`related`, used to rank deletions). Resolves with the first failure
 * (which the caller records in the ReplicaFailure condition and retries), or undefined.
 */
export async function manageReplicas(
  control: PodControl,
  owner: ReplicaOwner,
  pods: readonly Pod[],
  related: () => readonly Pod[],
): Promise<unknown> {
  const key = ownerKey(owner);
  const diff = pods.length - owner.replicas;
  if (diff < 0) {
    const count = Math.min(-diff, control.burstReplicas);
    control.expectations.expect(key, count, 0);
    const { successes, error } = await slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () =>
      createPod(control, owner),
    );
    // Creations never attempted (or failed) will never be observed.
    for (let i = successes; i < count; i++) control.expectations.creationObserved(key);
    return error;
  }
  if (diff > 0) {
    const count = Math.min(diff, control.burstReplicas);
    const victims = podsToDelete(pods, related(), count, control.now());
    control.expectations.expect(key, 0, 0);
    control.expectations.expectDeletions(
      key,
      victims.map((p) => p.metadata?.uid ?? ''),
    );
    const results = await Promise.allSettled(victims.map((pod) => deletePod(control, owner, pod)));
    let error: unknown;
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      // A deletion that failed will never be observed.
      control.expectations.deletionObserved(key, victims[i]?.metadata?.uid ?? '');
      if (!isNotFound(result.reason)) error ??= result.reason;
    });
    return error;
  }
  return undefined;
}
