/**
 * The new ReplicaSet of a deployment (upstream getNewReplicaSet): found by template, its annotations and
 * revision brought up to date, or created — named `<deployment>-<pod-template-hash>` — when the rollout
 * needs it. Also keeps the deployment's revision annotation and its Progressing condition in step.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import { EventType } from '../../client/record/event-recorder.js';
import { isAlreadyExists } from '../../client/rest/error-predicates.js';
import { controllerOf, controllerRef } from '../framework/owner-references.js';
import { isNamespaceTerminating } from '../replicaset/manage-replicas.js';
import { ConditionReason, ConditionType, getCondition, newCondition, setCondition } from './deployment-conditions.js';
import { hasProgressDeadline } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync-state.js';
import { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';
import { findNewReplicaSet, findOldReplicaSets, maxRevision, REVISION_ANNOTATION } from './replica-set-groups.js';
import { setDeploymentRevision, setNewReplicaSetAnnotations } from './revision-annotations.js';
import { newReplicaSetReplicas } from './rollout-arithmetic.js';

export const SCALING_REPLICA_SET_REASON = 'ScalingReplicaSet';

type Selector = NonNullable<Deployment['spec']>['selector'];

/** A copy of `selector` that also requires `key=value`. */
export function cloneSelectorAndAddLabel(selector: Selector, key: string, value: string): Selector {
  return {
    ...selector,
    matchLabels: { ...(selector?.matchLabels ?? {}), [key]: value },
    ...(selector?.matchExpressions ? { matchExpressions: structuredClone(selector.matchExpressions) } : {}),
  };
}

const quoted = (s: string): string => JSON.stringify(s);

async function syncExisting(s: DeploymentSync, existing: ReplicaSet, newRevision: string): Promise<ReplicaSet> {
  const d = s.d;
  const copy = structuredClone(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
  const minReadySeconds = d.spec?.minReadySeconds ?? 0;
  if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
    if (copy.spec) copy.spec.minReadySeconds = minReadySeconds;
    return s.updateReplicaSet(copy);
  }
  // The ReplicaSet's revision is the one to trust: it was set before.
  let needsUpdate = setDeploymentRevision(d, copy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
  // A deployment that had no Progressing condition starts counting progress from the moment it is noticed.
  if (hasProgressDeadline(d) && getCondition(d.status, ConditionType.Progressing) === undefined) {
    const message = `Found new replica set ${quoted(copy.metadata?.name ?? '')}`;
    d.status ??= {};
    setCondition(
      d.status,
      newCondition(ConditionType.Progressing, 'True', ConditionReason.FoundNewReplicaSet, message, s.now()),
    );
    needsUpdate = true;
  }
  if (needsUpdate) await s.updateStatus();
  return copy;
}

/** The ReplicaSet that a deployment with `d`'s template and collision count would create. */
export function newReplicaSetFor(d: Deployment): ReplicaSet {
  const template = structuredClone(d.spec?.template ?? {}) as PodTemplateSpec;
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = {
    ...template.metadata,
    labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash },
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata?.name ?? ''}-${hash}`,
      namespace: d.metadata?.namespace ?? '',
      ownerReferences: [controllerRef(d, 'apps/v1', 'Deployment')],
      labels: { ...(template.metadata.labels ?? {}) },
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec?.minReadySeconds ?? 0,
      selector: cloneSelectorAndAddLabel(d.spec?.selector, POD_TEMPLATE_HASH_LABEL, hash),
      template: template as NonNullable<ReplicaSet['spec']>['template'],
    },
  };
}

/**
 * Creates the new ReplicaSet. A name already taken by the deployment's own ReplicaSet of this template is
 * that ReplicaSet; taken by another, it is a hash collision: collisionCount goes up and the AlreadyExists
 * error is rethrown, so that the next sync tries another name.
 */
async function createNew(s: DeploymentSync, oldRSs: readonly ReplicaSet[], newRevision: string): Promise<ReplicaSet> {
  const d = s.d;
  d.status ??= {};
  const rs = newReplicaSetFor(d);
  const replicas = newReplicaSetReplicas(d, [...oldRSs, rs], rs);
  if (rs.spec) rs.spec.replicas = replicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  const name = rs.metadata?.name ?? '';
  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = await s.ctx.replicaSets.create(s.namespace, rs);
  } catch (err) {
    if (isAlreadyExists(err)) {
      alreadyExists = true;
      const existing = s.ctx.rsInformer.indexer.getByKey(`${s.namespace}/${name}`);
      const ours =
        existing !== undefined &&
        controllerOf(existing)?.uid === d.metadata?.uid &&
        equalIgnoreHash(d.spec?.template as PodTemplateSpec, existing.spec?.template as PodTemplateSpec);
      if (!ours) {
        if (existing !== undefined) {
          d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
          await s.updateStatus().catch(() => undefined);
        }
        throw err;
      }
      created = existing;
    } else if (isNamespaceTerminating(err)) {
      throw err;
    } else {
      const message = `Failed to create new replica set ${quoted(name)}: ${err instanceof Error ? err.message : String(err)}`;
      if (hasProgressDeadline(d)) {
        setCondition(
          d.status,
          newCondition(ConditionType.Progressing, 'False', ConditionReason.FailedRSCreate, message, s.now()),
        );
        await s.updateStatus().catch(() => undefined);
      }
      s.event(EventType.Warning, ConditionReason.FailedRSCreate, message);
      throw err;
    }
  }
  s.remember(created);
  if (!alreadyExists && replicas > 0) {
    s.event(
      EventType.Normal,
      SCALING_REPLICA_SET_REASON,
      `Scaled up replica set ${created.metadata?.name ?? ''} from 0 to ${replicas}`,
    );
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const message = `Created new replica set ${quoted(created.metadata?.name ?? '')}`;
    setCondition(
      d.status,
      newCondition(ConditionType.Progressing, 'True', ConditionReason.NewReplicaSetCreated, message, s.now()),
    );
    needsUpdate = true;
  }
  if (needsUpdate) await s.updateStatus();
  return created;
}

/**
 * The new ReplicaSet (with its revision brought to max(old) + 1 and the deployment's annotations) and the
 * old ones (upstream getAllReplicaSetsAndSyncRevision). With `create`, a missing new ReplicaSet is created.
 */
export async function getAllReplicaSetsAndSyncRevision(
  s: DeploymentSync,
  create: boolean,
): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
  const oldRSs = findOldReplicaSets(s.d, s.rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  const existing = findNewReplicaSet(s.d, s.rsList);
  let newRS: ReplicaSet | undefined;
  if (existing !== undefined) newRS = await syncExisting(s, existing, newRevision);
  else if (create) newRS = await createNew(s, oldRSs, newRevision);
  return { newRS, oldRSs };
}
