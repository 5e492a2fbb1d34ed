/**
 * Writing a StatefulSet's pods and claims (upstream StatefulPodControl): claims are created before their
 * pod, pods are created, repaired (identity and storage) and deleted, claims' owner references follow the
 * retention policy, and every write is reported as upstream words it (`create Pod web-0 in StatefulSet web
 * successful`, `create Claim www-web-0 Pod web-0 in StatefulSet web success`).
 */
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import { type EventRecorder, EventType } from '../../client/record/event-recorder.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { aggregate, messageOf } from './aggregate-error.js';
import {
  claimOwnerRefsFor,
  hasUnexpectedController,
  isClaimOwnerUpToDate,
  podClaimIsStale,
} from './claim-retention.js';
import {
  claimsFor,
  identityMatches,
  ordinalOf,
  storageMatches,
  updateIdentity,
  updateStorage,
} from './stateful-identity.js';
import { ClaimRetentionPolicy, retentionPolicyOf, withSetTypeMeta } from './stateful-set-spec.js';

/** Attempts of a pod repair that keeps losing races (upstream retry.DefaultBackoff: 4 steps). */
const UPDATE_ATTEMPTS = 4;

const title = (verb: string): string => verb.charAt(0).toUpperCase() + verb.slice(1);

export interface StatefulPodControlDeps {
  readonly pods: ResourceClient<Pod>;
  readonly claims: ResourceClient<PersistentVolumeClaim>;
  /** The claims' informer (read by `<namespace>/<name>`). */
  readonly claimCache: SharedInformer<PersistentVolumeClaim>;
  readonly recorder: EventRecorder;
}

export class StatefulPodControl {
  constructor(private readonly deps: StatefulPodControlDeps) {}

  /**
   * Creates the pod's missing claims, then the pod, then points the claims' owner references as the
   * retention policy says. @throws the failure (AlreadyExists of the pod included, unreported), after
   * recording FailedCreate.
   */
  async createStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.createClaims(set, pod);
    } catch (err) {
      this.recordPodEvent('create', set, pod, err);
      throw err;
    }
    let created: Pod;
    try {
      created = await this.deps.pods.create(set.metadata?.namespace ?? '', pod);
    } catch (err) {
      if (!isAlreadyExists(err)) this.recordPodEvent('create', set, pod, err);
      throw err;
    }
    try {
      await this.updatePodClaimForRetentionPolicy(set, created);
    } catch (err) {
      this.recordPodEvent('update', set, pod, err);
      throw err;
    }
    this.recordPodEvent('create', set, pod, undefined);
  }

  /**
   * Repairs the pod's identity, storage and claim references where they differ from the set's (a cached
   * pod is copied first), retrying on conflicts with a fresh read. Records SuccessfulUpdate/FailedUpdate
   * when it wrote. @throws the failure.
   */
  async updateStatefulPod(set: StatefulSet, cached: Pod): Promise<void> {
    let pod = structuredClone(cached);
    let attempted = false;
    let lastError: unknown;
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      let consistent = true;
      if (!identityMatches(set, pod)) {
        updateIdentity(set, pod);
        consistent = false;
      }
      try {
        if (!storageMatches(set, pod)) {
          updateStorage(set, pod);
          consistent = false;
          await this.createClaims(set, pod);
        }
        if (!this.claimsMatchRetentionPolicy(set, pod)) {
          await this.updatePodClaimForRetentionPolicy(set, pod);
          consistent = false;
        }
      } catch (err) {
        this.recordPodEvent('update', set, pod, err);
        throw err;
      }
      if (consistent) return;
      attempted = true;
      try {
        await this.deps.pods.update(set.metadata?.namespace ?? '', pod);
        this.recordPodEvent('update', set, pod, undefined);
        return;
      } catch (err) {
        lastError = err;
        if (!isConflict(err)) break;
      }
      try {
        pod = await this.deps.pods.get(set.metadata?.namespace ?? '', pod.metadata?.name ?? '');
      } catch {
        // Keep trying with what we have; the next update reports the real failure.
      }
    }
    if (attempted) this.recordPodEvent('update', set, pod, lastError);
    throw lastError;
  }

  /** Deletes the pod, recording SuccessfulDelete or FailedDelete. @throws the failure (NotFound included). */
  async deleteStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.deps.pods.delete(set.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    } catch (err) {
      this.recordPodEvent('delete', set, pod, err);
      throw err;
    }
    this.recordPodEvent('delete', set, pod, undefined);
  }

  /** Whether every cached claim of the pod already has the references the policy wants (missing ones pass). */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const cached = this.cachedClaim(claim);
      if (cached !== undefined && !isClaimOwnerUpToDate(cached, set, pod)) return false;
    }
    return true;
  }

  /** Rewrites the owner references of the pod's claims that do not follow the policy yet. @throws the failure. */
  async updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): Promise<void> {
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const cached = this.cachedClaim(claim);
      if (cached === undefined) continue;
      const name = claim.metadata?.name ?? '';
      if (hasUnexpectedController(cached, set, pod)) {
        this.deps.recorder.event(
          withSetTypeMeta(set),
          EventType.Warning,
          'ConflictingController',
          `PersistentVolumeClaim ${name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
        );
      }
      if (isClaimOwnerUpToDate(cached, set, pod)) continue;
      const updated: PersistentVolumeClaim = {
        ...structuredClone(cached),
        metadata: { ...structuredClone(cached.metadata), ownerReferences: claimOwnerRefsFor(cached, set, pod) },
      };
      try {
        await this.deps.claims.update(set.metadata?.namespace ?? '', updated);
      } catch (err) {
        throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${messageOf(err)}`, {
          cause: err,
        });
      }
    }
  }

  /** Whether a claim of the (planned) pod still belongs to a deleted namesake, under a Delete-on-scale policy. */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (retentionPolicyOf(set).whenScaled === ClaimRetentionPolicy.Retain) return false;
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const cached = this.cachedClaim(claim);
      if (cached !== undefined && podClaimIsStale(cached, pod)) return true;
    }
    return false;
  }

  /** Creates the claims a pending pod lacks and applies the retention policy to them. @throws the failure. */
  async createMissingClaims(set: StatefulSet, pod: Pod): Promise<void> {
    await this.createClaims(set, pod);
    try {
      await this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (err) {
      this.recordPodEvent('update', set, pod, err);
      throw err;
    }
  }

  private cachedClaim(claim: PersistentVolumeClaim): PersistentVolumeClaim | undefined {
    return this.deps.claimCache.indexer.getByKey(`${claim.metadata?.namespace ?? ''}/${claim.metadata?.name ?? ''}`);
  }

  /**
   * Creates the pod's claims that do not exist (upstream createPersistentVolumeClaims); a claim being
   * deleted is a failure. A claim the cache has not seen yet but the API server has counts as existing.
   */
  private async createClaims(set: StatefulSet, pod: Pod): Promise<void> {
    const errors: unknown[] = [];
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const name = claim.metadata?.name ?? '';
      const cached = this.cachedClaim(claim);
      if (cached !== undefined) {
        if (cached.metadata?.deletionTimestamp) errors.push(new Error(`pvc ${name} is being deleted`));
        continue;
      }
      try {
        await this.deps.claims.create(set.metadata?.namespace ?? '', claim);
        this.recordClaimEvent(set, pod, name, undefined);
      } catch (err) {
        if (isAlreadyExists(err) && (await this.liveClaimUsable(set, name))) continue;
        errors.push(new Error(`failed to create PVC ${name}: ${messageOf(err)}`, { cause: err }));
        if (!isAlreadyExists(err)) this.recordClaimEvent(set, pod, name, err);
      }
    }
    const error = aggregate(errors);
    if (error !== undefined) throw error;
  }

  /** Whether the claim the cache lacks exists on the server and is not being deleted. */
  private async liveClaimUsable(set: StatefulSet, name: string): Promise<boolean> {
    try {
      const live = await this.deps.claims.get(set.metadata?.namespace ?? '', name);
      return !live.metadata?.deletionTimestamp;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private recordPodEvent(verb: string, set: StatefulSet, pod: Pod, err: unknown): void {
    const podName = pod.metadata?.name ?? '';
    const setName = set.metadata?.name ?? '';
    if (err === undefined) {
      this.deps.recorder.event(
        withSetTypeMeta(set),
        EventType.Normal,
        `Successful${title(verb)}`,
        `${verb} Pod ${podName} in StatefulSet ${setName} successful`,
      );
    } else {
      this.deps.recorder.event(
        withSetTypeMeta(set),
        EventType.Warning,
        `Failed${title(verb)}`,
        `${verb} Pod ${podName} in StatefulSet ${setName} failed error: ${messageOf(err)}`,
      );
    }
  }

  private recordClaimEvent(set: StatefulSet, pod: Pod, claim: string, err: unknown): void {
    const podName = pod.metadata?.name ?? '';
    const setName = set.metadata?.name ?? '';
    if (err === undefined) {
      this.deps.recorder.event(
        withSetTypeMeta(set),
        EventType.Normal,
        'SuccessfulCreate',
        `create Claim ${claim} Pod ${podName} in StatefulSet ${setName} success`,
      );
    } else {
      this.deps.recorder.event(
        withSetTypeMeta(set),
        EventType.Warning,
        'FailedCreate',
        `create Claim ${claim} for Pod ${podName} in StatefulSet ${setName} failed error: ${messageOf(err)}`,
      );
    }
  }
}
