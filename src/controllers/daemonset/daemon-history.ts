/**
 * A DaemonSet's revisions (upstream constructHistory, snapshot, dedupCurHistories, cleanupHistory): the
 * revision recording the current template is found (several are merged into the newest, their pods
 * relabelled) or created as `<ds>-<pod-template-hash>` and numbered after the others; old revisions beyond
 * the history limit go, oldest first, unless a pod still runs them.
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { isAlreadyExists } from '../../client/rest/error-predicates.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import type { LabelSelector } from '../../machinery/labels/index.js';
import { computeHash } from '../deployment/pod-template-hash.js';
import { controllerRef } from '../framework/owner-references.js';
import type { ControllerHistory } from '../history/controller-history.js';
import { oldRevisionsToDelete } from '../history/history-limit.js';
import { revisionDataEqual, templatePatch } from '../history/revision-data.js';
import { maxRevision } from '../history/revision-ordering.js';
import { claimObjects } from '../replicaset/controller-ref-manager.js';
import {
  DAEMON_SET_API_VERSION,
  DAEMON_SET_HASH_LABEL,
  DAEMON_SET_KIND,
  revisionHistoryLimitOf,
  withDaemonSetTypeMeta,
} from './daemon-set-spec.js';

export interface DaemonHistoryDeps {
  readonly history: ControllerHistory;
  readonly dsClient: ResourceClient<DaemonSet>;
  readonly podClient: ResourceClient<Pod>;
}

const hashOf = (r: ControllerRevision): string | undefined => r.metadata?.labels?.[DAEMON_SET_HASH_LABEL];

/** Whether `revision` records the DaemonSet's current template (upstream Match). */
export const matchesRevision = (ds: DaemonSet, revision: ControllerRevision): boolean =>
  revisionDataEqual(templatePatch(ds.spec?.template), revision.data);

/** The revisions `ds` controls, after adopting matching orphans and releasing unmatched ones. */
async function controlledHistories(
  deps: DaemonHistoryDeps,
  ds: DaemonSet,
  selector: LabelSelector,
  canAdopt: () => Promise<void>,
): Promise<ControllerRevision[]> {
  const uid = ds.metadata?.uid ?? '';
  const namespace = ds.metadata?.namespace ?? '';
  const ref = controllerRef(ds, DAEMON_SET_API_VERSION, DAEMON_SET_KIND);
  const claim = await claimObjects(
    { uid, namespace, deleting: Boolean(ds.metadata?.deletionTimestamp) },
    deps.history.candidates({ namespace, uid }),
    {
      match: (r) => selector.matches(r.metadata?.labels ?? {}),
      adopt: async (r) => {
        await canAdopt();
        await deps.history.adopt(r, ref);
      },
      release: (r) => deps.history.release(r, uid),
    },
  );
  if (claim.error !== undefined) throw claim.error;
  return claim.claimed;
}

/**
 * Creates the revision recording the current template (upstream snapshot). On a name collision with another
 * template the DaemonSet's collision count is raised and the sync fails, to be retried with the new count.
 */
async function snapshot(deps: DaemonHistoryDeps, ds: DaemonSet, revision: number): Promise<ControllerRevision> {
  const namespace = ds.metadata?.namespace ?? '';
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
  const name = `${ds.metadata?.name ?? ''}-${hash}`;
  const annotations = ds.metadata?.annotations;
  const candidate: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [DAEMON_SET_HASH_LABEL]: hash },
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
      ownerReferences: [controllerRef(ds, DAEMON_SET_API_VERSION, DAEMON_SET_KIND)],
    },
    data: templatePatch(ds.spec?.template),
    revision,
  };
  try {
    return await deps.history.createAsIs(candidate);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const existing = await deps.history.get(namespace, name);
    if (matchesRevision(ds, existing)) return existing;
    const fresh = await deps.dsClient.get(namespace, ds.metadata?.name ?? '');
    const staleCount = fresh.status?.collisionCount ?? undefined;
    if (staleCount !== (ds.status?.collisionCount ?? undefined)) {
      throw new Error(
        `found a stale collision count (${ds.status?.collisionCount ?? 'nil'}, expected ${staleCount ?? 'nil'}) of DaemonSet "${ds.metadata?.name ?? ''}" while processing; will retry until it is updated`,
      );
    }
    const status = { ...(fresh.status ?? {}), collisionCount: (fresh.status?.collisionCount ?? 0) + 1 };
    await deps.dsClient.updateStatus(namespace, withDaemonSetTypeMeta({ ...fresh, status } as DaemonSet));
    throw err;
  }
}

/** Keeps the newest of several revisions of the current template; relabels pods, deletes the others. */
async function dedupCurrent(
  deps: DaemonHistoryDeps,
  ds: DaemonSet,
  current: readonly ControllerRevision[],
  pods: () => Promise<readonly Pod[]>,
): Promise<ControllerRevision> {
  let keep = current[0] as ControllerRevision;
  for (const r of current) if ((r.revision ?? 0) >= (keep.revision ?? 0)) keep = r;
  if (current.length === 1) return keep;
  const keepHash = hashOf(keep) ?? '';
  const namespace = ds.metadata?.namespace ?? '';
  for (const pod of await pods()) {
    if (pod.metadata?.labels?.[DAEMON_SET_HASH_LABEL] === keepHash) continue;
    await deps.podClient.patch(namespace, pod.metadata?.name ?? '', 'merge', {
      metadata: { labels: { [DAEMON_SET_HASH_LABEL]: keepHash } },
    });
  }
  for (const r of current) if (r !== keep) await deps.history.delete(r);
  return keep;
}

/**
 * The current revision and the old ones of `ds` (upstream constructHistory): revisions lacking the hash
 * label get their name as hash; the current one is created, deduplicated or renumbered after the old ones.
 * `pods` gives the DaemonSet's claimed pods (read only when relabelling is needed).
 */
export async function constructHistory(
  deps: DaemonHistoryDeps,
  ds: DaemonSet,
  selector: LabelSelector,
  canAdopt: () => Promise<void>,
  pods: () => Promise<readonly Pod[]>,
): Promise<{ current: ControllerRevision; old: ControllerRevision[] }> {
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (let revision of await controlledHistories(deps, ds, selector, canAdopt)) {
    if (hashOf(revision) === undefined) {
      const name = revision.metadata?.name ?? '';
      revision = await deps.history.update({
        ...structuredClone(revision),
        metadata: {
          ...structuredClone(revision.metadata),
          labels: { ...revision.metadata?.labels, [DAEMON_SET_HASH_LABEL]: name },
        },
      });
    }
    (matchesRevision(ds, revision) ? current : old).push(revision);
  }
  const next = maxRevision(old) + 1;
  if (current.length === 0) return { current: await snapshot(deps, ds, next), old };
  const kept = await dedupCurrent(deps, ds, current, pods);
  if ((kept.revision ?? 0) < next) await deps.history.setRevision(kept, next);
  return { current: kept, old };
}

/**
 * Deletes old revisions beyond the history limit, oldest first, sparing those a pod (even a finished one
 * being deleted) still carries the hash of (upstream cleanupHistory).
 */
export async function cleanupHistory(
  deps: DaemonHistoryDeps,
  ds: DaemonSet,
  old: readonly ControllerRevision[],
  pods: readonly Pod[],
): Promise<void> {
  const live = new Set<string>();
  for (const pod of pods) {
    const hash = pod.metadata?.labels?.[DAEMON_SET_HASH_LABEL];
    if (hash) live.add(hash);
  }
  for (const revision of oldRevisionsToDelete(old, live, revisionHistoryLimitOf(ds), hashOf)) {
    await deps.history.delete(revision);
  }
}
