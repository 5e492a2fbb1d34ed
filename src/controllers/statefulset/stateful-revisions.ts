/**
 * A StatefulSet's revisions (upstream getStatefulSetRevisions, newRevision, ApplyRevision): the update
 * revision records the set's template as it is now — the latest revision when that one already records it,
 * an older equal one renumbered to the top (a rollback), or a new one; the current revision is the one named
 * in status.currentRevision, or the update revision when there is none yet.
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import { type ControllerHistory, type HistoryOwner, newControllerRevision } from '../history/controller-history.js';
import { templateOfRevisionData, templatePatch } from '../history/revision-data.js';
import { equalRevision, findEqualRevisions, nextRevision } from '../history/revision-ordering.js';
import { controllerRef } from '../framework/owner-references.js';
import { STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND } from './stateful-set-spec.js';

export interface StatefulSetRevisions {
  readonly current: ControllerRevision;
  readonly update: ControllerRevision;
  /** The collision count to record in status (raised when a new revision's name collided). */
  readonly collisionCount: number;
}

export const historyOwnerOf = (set: StatefulSet): HistoryOwner => ({
  namespace: set.metadata?.namespace ?? '',
  name: set.metadata?.name ?? '',
  uid: set.metadata?.uid ?? '',
});

/** A (not yet created) revision recording the set's template, with the set's annotations (upstream newRevision). */
export function newStatefulSetRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const ref = controllerRef(set, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND);
  const cr = newControllerRevision(
    historyOwnerOf(set),
    ref,
    set.spec?.template?.metadata?.labels,
    templatePatch(set.spec?.template),
    revision,
    collisionCount,
  );
  const annotations = set.metadata?.annotations;
  return annotations && Object.keys(annotations).length > 0
    ? { ...cr, metadata: { ...cr.metadata, annotations: { ...annotations } } }
    : cr;
}

/** `set` with the template `revision` records (upstream ApplyRevision). Does not mutate `set`. */
export function setAtRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const template = templateOfRevisionData(revision.data);
  if (template === undefined || set.spec === undefined) return set;
  return { ...set, spec: { ...set.spec, template } };
}

/**
 * Finds or makes the current and update revisions of `set`; `sorted` are its revisions sorted by number.
 * May create a revision or renumber one. @throws API failures.
 */
export async function statefulSetRevisions(
  history: ControllerHistory,
  set: StatefulSet,
  sorted: readonly ControllerRevision[],
): Promise<StatefulSetRevisions> {
  let collisionCount = set.status?.collisionCount ?? 0;
  const candidate = newStatefulSetRevision(set, nextRevision(sorted), collisionCount);
  const equal = findEqualRevisions(sorted, candidate);
  const last = sorted[sorted.length - 1];
  const lastEqual = equal[equal.length - 1];
  let update: ControllerRevision;
  if (lastEqual !== undefined && equalRevision(last, lastEqual)) {
    // The latest revision records the template already.
    update = last as ControllerRevision;
  } else if (lastEqual !== undefined) {
    // An older revision records it: a rollback renumbers it to the top.
    update = await history.setRevision(lastEqual, candidate.revision ?? nextRevision(sorted));
  } else {
    const created = await history.create(historyOwnerOf(set), candidate, collisionCount);
    update = created.revision;
    collisionCount = created.collisionCount;
  }
  const current = sorted.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}
