/**
 * pods/eviction: deleting a pod only if its PodDisruptionBudget allows a disruption now (the budget's
 * status, kept by the disruption controller, says how many). A refusal is 429, as upstream answers.
 */
import { labelSelectorFromObject } from '../../machinery/labels/index.js';
import { badRequest, failure, StatusReason, success } from '../../machinery/status.js';
import { listFromStore } from '../registry/generic/list.js';
import type { Registry } from '../registry/generic/registry.js';
import { selection } from '../registry/generic/selection.js';
import type { ApiObject } from '../registry/strategy.js';
import { BODY_MEDIA_TYPES, mediaTypeOf, parseDocument, readBody, requireMediaType } from '../request/body.js';
import { type ApiRequest, isDryRun, managerOf, namespaceOf } from './api-request.js';
import { writeJson } from './respond.js';

const REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

interface Budget {
  metadata?: { name?: string; generation?: number };
  spec?: { selector?: unknown };
  status?: {
    observedGeneration?: number;
    disruptionsAllowed?: number;
    desiredHealthy?: number;
    currentHealthy?: number;
    disruptedPods?: Record<string, string>;
  };
}

const refused = (budget: string, message: string) =>
  failure(429, StatusReason.TooManyRequests, REFUSED, {
    causes: [{ reason: 'DisruptionBudget', message }],
    retryAfterSeconds: 0,
  });

export async function evictPod(r: ApiRequest, budgets: Registry): Promise<void> {
  const mediaType = mediaTypeOf(r.req.headers['content-type']) || 'application/json';
  requireMediaType(
    mediaType,
    BODY_MEDIA_TYPES.filter((t) => t !== 'application/vnd.kubernetes.protobuf'),
  );
  const value = parseDocument(await readBody(r.req), mediaType);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw badRequest('an Eviction must be an object');
  const eviction = value as ApiObject & {
    deleteOptions?: { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string } };
  };
  const name = r.info.name ?? '';
  const evictedName = eviction.metadata?.name;
  if (evictedName !== undefined && evictedName !== name) {
    throw badRequest(`name in URL does not match name in Eviction object`);
  }
  const namespace = namespaceOf(r);
  const pod = await r.registry.get(namespace, name);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (!terminal) {
    const labels = ((pod.metadata ?? {}) as { labels?: Record<string, string> }).labels ?? {};
    const listed = await listFromStore(r.store, budgets.resource, namespace, selection(budgets.resource), {});
    const matching = listed.items.filter((b) => {
      const sel = labelSelectorFromObject((b as Budget).spec?.selector as never);
      return sel.ok && !sel.selector.isEmpty() && sel.selector.matches(labels);
    }) as Budget[];
    if (matching.length > 1) {
      throw failure(
        500,
        StatusReason.InternalError,
        'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
      );
    }
    const budget = matching[0];
    if (budget !== undefined) {
      const budgetName = budget.metadata?.name ?? '';
      await budgets.update(
        namespace,
        budgetName,
        (current) => {
          const b = current as Budget;
          const status = (b.status ??= {});
          if ((status.observedGeneration ?? 0) < (b.metadata?.generation ?? 0)) {
            throw refused(budgetName, `The disruption budget ${budgetName} is still being processed by the server.`);
          }
          if ((status.disruptionsAllowed ?? 0) <= 0) {
            throw refused(
              budgetName,
              `The disruption budget ${budgetName} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
            );
          }
          status.disruptionsAllowed = (status.disruptionsAllowed ?? 0) - 1;
          status.disruptedPods = {
            ...(status.disruptedPods ?? {}),
            [name]: r
              .now()
              .toISOString()
              .replace(/\.\d{3}Z$/, 'Z'),
          };
          return current;
        },
        { dryRun: isDryRun(r.query), user: r.user, fieldManager: managerOf(r), subresource: 'status' },
      );
    }
  }
  const options = eviction.deleteOptions ?? {};
  await r.registry.delete(namespace, name, {
    dryRun: isDryRun(r.query),
    user: r.user,
    ...(options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds }),
    ...(options.preconditions === undefined ? {} : { preconditions: options.preconditions }),
  });
  writeJson(r.res, 201, success());
}
