/**
 * The state of one deployment sync: a private copy of the Deployment (its status and annotations are edited
 * in place, as upstream edits its deep copy) and the ReplicaSets it owns, refreshed with every object this
 * sync writes, so that later steps never act on a stale cached copy of something they just changed.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { EventRecorder, EventType } from '../../client/record/event-recorder.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { OwnWrites } from '../replicaset/own-writes.js';
import { withTypeMeta } from '../replicaset/replicated-kind.js';

/** What a deployment sync reads and writes through; shared by every sync of the controller. */
export interface DeploymentSyncContext {
  readonly deployments: ResourceClient<Deployment>;
  readonly replicaSets: ResourceClient<ReplicaSet>;
  readonly rsInformer: SharedInformer<ReplicaSet>;
  readonly podInformer: SharedInformer<Pod>;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** The deployments as this controller's status writes left them, until the cache has caught up. */
  readonly ownWrites: OwnWrites<Deployment>;
}

export class DeploymentSync {
  /** When the sync should look again (a progress deadline to check), in ms; the earliest one wins. */
  requeueAfterMs: number | undefined;

  constructor(
    readonly ctx: DeploymentSyncContext,
    /** The private copy being synced (may be edited). */
    readonly d: Deployment,
    /** The ReplicaSets the deployment owns, as last read or written. */
    public rsList: ReplicaSet[],
  ) {}

  get namespace(): string {
    return this.d.metadata?.namespace ?? '';
  }

  get name(): string {
    return this.d.metadata?.name ?? '';
  }

  now(): number {
    return this.ctx.clock.now();
  }

  /** Records an event about the deployment. */
  event(type: EventType, reason: string, message: string): void {
    this.ctx.recorder.event(withTypeMeta(this.d, 'apps/v1', 'Deployment'), type, reason, message);
  }

  /** Asks for another sync after `ms` (keeping the earliest request). */
  requeueAfter(ms: number): void {
    this.requeueAfterMs = this.requeueAfterMs === undefined ? ms : Math.min(this.requeueAfterMs, ms);
  }

  /**
   * Writes the deployment's status (annotations ride along, as the status subresource of Deployments keeps
   * them) and adopts the new resourceVersion, so that a later write of this sync does not conflict with it.
   */
  async updateStatus(): Promise<void> {
    const replaced = this.d.metadata?.resourceVersion;
    const written = await this.ctx.deployments.updateStatus(this.namespace, this.d);
    this.ctx.ownWrites.record(`${this.namespace}/${this.name}`, replaced, written);
    const rv = written.metadata?.resourceVersion;
    if (rv !== undefined) {
      this.d.metadata ??= {};
      this.d.metadata.resourceVersion = rv;
    }
  }

  /** Replaces `rs` on the server and in rsList. @throws ApiError (Conflict when the cached copy was stale). */
  async updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    const written = await this.ctx.replicaSets.update(this.namespace, rs);
    this.remember(written);
    return written;
  }

  /** Puts `rs` into rsList in place of the object with its UID (or adds it). */
  remember(rs: ReplicaSet): void {
    const uid = rs.metadata?.uid;
    const at = this.rsList.findIndex((r) => r.metadata?.uid === uid);
    if (at >= 0) this.rsList[at] = rs;
    else this.rsList.push(rs);
  }
}
