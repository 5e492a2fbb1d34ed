/**
 * A controller's history as ControllerRevisions (upstream history.Interface): listing an owner's revisions
 * from the informer cache (its own and the orphans it could adopt), and creating, renumbering, deleting,
 * adopting and releasing them through the API. Shared by the StatefulSet and DaemonSet controllers.
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { LabelSelector } from '../../machinery/labels/index.js';
import type { OwnerReference } from '../framework/owner-references.js';
import { adoptWithPatch, releaseWithPatch } from '../replicaset/controller-ref-manager.js';
import { controlledBy, ensureControllerIndex, orphansIn } from '../replicaset/owner-index.js';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  controllerRevisionName,
  hashControllerRevision,
} from './controller-revision-hash.js';
import { revisionDataEqual } from './revision-data.js';

export const CONTROLLER_REVISIONS = {
  group: 'apps',
  version: 'v1',
  resource: 'controllerrevisions',
  namespaced: true,
} as const;

/** Who owns a history. */
export interface HistoryOwner {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** Retries of a write that lost a race, or of a name that collided, before giving up. */
const MAX_ATTEMPTS = 10;

/**
 * A revision of `owner` (not yet created): `templateLabels` plus the hash label, a controller reference
 * `ref`, `data` and `revision`; named `<owner>-<hash>` with `collisionCount` in the hash (upstream
 * NewControllerRevision). Does not mutate its arguments.
 */
export function newControllerRevision(
  owner: HistoryOwner,
  ref: OwnerReference,
  templateLabels: Readonly<Record<string, string>> | null | undefined,
  data: Record<string, unknown>,
  revision: number,
  collisionCount?: number | null,
): ControllerRevision {
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(owner.name, hash),
      namespace: owner.namespace,
      labels: { ...(templateLabels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ownerReferences: [{ ...ref }],
    },
    data: structuredClone(data),
    revision,
  };
}

export class ControllerHistory {
  constructor(
    private readonly client: ResourceClient<ControllerRevision>,
    readonly informer: SharedInformer<ControllerRevision>,
  ) {
    ensureControllerIndex(informer);
  }

  /**
   * The cached revisions `selector` matches that `owner` controls or nobody controls (upstream
   * ListControllerRevisions). Shared cache objects: do not mutate them.
   */
  list(owner: Pick<HistoryOwner, 'namespace' | 'uid'>, selector: LabelSelector): ControllerRevision[] {
    return this.candidates(owner).filter((r) => selector.matches(r.metadata?.labels ?? {}));
  }

  /** The cached revisions `owner` controls, whatever their labels, and the orphans of its namespace. */
  candidates(owner: Pick<HistoryOwner, 'namespace' | 'uid'>): ControllerRevision[] {
    return [...controlledBy(this.informer, owner.uid), ...orphansIn(this.informer, owner.namespace)];
  }

  /**
   * Creates `revision` for `owner` (upstream CreateControllerRevision): on a name collision with different
   * data the collision count goes up and the name is hashed again; an existing revision with the same data
   * is returned as is. Resolves with the revision and the collision count in effect.
   * @throws the API error of a failed create or get; an Error after too many collisions.
   */
  async create(
    owner: HistoryOwner,
    revision: ControllerRevision,
    collisionCount: number,
  ): Promise<{ revision: ControllerRevision; collisionCount: number }> {
    let count = collisionCount;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const hash = hashControllerRevision(revision.data, count);
      const name = controllerRevisionName(owner.name, hash);
      const labels = { ...(revision.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash };
      const candidate: ControllerRevision = { ...revision, metadata: { ...revision.metadata, name, labels } };
      try {
        return { revision: await this.client.create(owner.namespace, candidate), collisionCount: count };
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
      const existing = await this.client.get(owner.namespace, name);
      if (revisionDataEqual(existing.data, revision.data)) return { revision: existing, collisionCount: count };
      count++;
    }
    throw new Error(`too many name collisions creating a ControllerRevision for ${owner.namespace}/${owner.name}`);
  }

  /** Creates `revision` under the name it carries. @throws the API error (AlreadyExists included). */
  createAsIs(revision: ControllerRevision): Promise<ControllerRevision> {
    return this.client.create(revision.metadata?.namespace ?? '', revision);
  }

  /** Reads a revision from the API server (not the cache). @throws the API error (NotFound included). */
  get(namespace: string, name: string): Promise<ControllerRevision> {
    return this.client.get(namespace, name);
  }

  /**
   * Gives `revision` the number `newRevision` (upstream UpdateControllerRevision), retrying on conflicts
   * with a fresh read. `revision` (a cached object) is not mutated.
   */
  async setRevision(revision: ControllerRevision, newRevision: number): Promise<ControllerRevision> {
    let current = revision;
    for (let attempt = 0; ; attempt++) {
      if (current.revision === newRevision) return current;
      try {
        return await this.client.update(current.metadata?.namespace ?? '', { ...current, revision: newRevision });
      } catch (err) {
        if (!isConflict(err) || attempt >= MAX_ATTEMPTS) throw err;
      }
      current = await this.client.get(current.metadata?.namespace ?? '', current.metadata?.name ?? '');
    }
  }

  /** Replaces `revision` as given (the caller copied and changed it). */
  update(revision: ControllerRevision): Promise<ControllerRevision> {
    return this.client.update(revision.metadata?.namespace ?? '', revision);
  }

  /** Deletes `revision`; one already gone counts as deleted. */
  async delete(revision: ControllerRevision): Promise<void> {
    try {
      await this.client.delete(revision.metadata?.namespace ?? '', revision.metadata?.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Makes `ref` the controller of the orphan `revision` (upstream AdoptControllerRevision). */
  adopt(revision: ControllerRevision, ref: OwnerReference): Promise<void> {
    return adoptWithPatch(this.client, revision, ref);
  }

  /** Removes the reference to `ownerUid` from `revision` (upstream ReleaseControllerRevision). */
  async release(revision: ControllerRevision, ownerUid: string): Promise<void> {
    try {
      await releaseWithPatch(this.client, revision, ownerUid);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
