/**
 * The evaluators of the core kinds quota knows (upstream quota/v1/evaluator/core): pods (compute resources and
 * scopes), services (`services`, load balancers, node ports), persistent volume claims (claims and storage, per
 * storage class too), and plain object counts (configmaps, secrets, replication controllers, resource quotas,
 * and any `count/<resource>.<group>`), each over an informer's cache.
 */
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Service } from '../../api/core/v1/service.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { KubeObject } from '../../client/kube-object.js';
import { Lister } from '../../client/listers/lister.js';
import { Quantity } from '../../machinery/quantity.js';
import { type Evaluator, type GroupResource, NotSyncedError, objectCountName } from './evaluator.js';
import { podMatchesScope, podMatchingResources, podUsage, quotaV1Pod } from './pod-quota.js';
import { count, parseResourceList, type Usage } from './resource-list.js';

/** Storage-class-scoped PVC quota: `<class>.storageclass.storage.k8s.io/<resource>`. */
export const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

function cachedLister<T extends KubeObject>(informer: SharedInformer<T>, what: string): (ns: string) => T[] {
  const lister = new Lister<T>(informer.indexer);
  return (namespace) => {
    if (!informer.hasSynced()) throw new NotSyncedError(what);
    return lister.byNamespace(namespace).list();
  };
}

const noScopes = (): boolean => false;

/** Pods: compute resources, `pods`, `count/pods`, and every pod scope. */
export function podEvaluator(informer: SharedInformer<Pod>): Evaluator<Pod> {
  return {
    groupResource: { group: '', resource: 'pods' },
    matchingResources: podMatchingResources,
    usage: podUsage,
    matchesScope: podMatchesScope,
    list: cachedLister(informer, 'pods'),
    updateMatters: (old, cur, now) =>
      quotaV1Pod(old, now) !== quotaV1Pod(cur, now) ||
      old.spec?.activeDeadlineSeconds !== cur.spec?.activeDeadlineSeconds ||
      resourcesKey(old) !== resourcesKey(cur),
  };
}

/** What in a pod's spec decides its compute usage (resizes change it in place). */
function resourcesKey(pod: Pod): string {
  const spec = pod.spec;
  return JSON.stringify([
    spec?.containers?.map((c) => c.resources),
    spec?.initContainers?.map((c) => c.resources),
    spec?.resources,
    spec?.overhead,
  ]);
}

const SERVICE_RESOURCES = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];

/** NodePort, LoadBalancer or '' (upstream GetQuotaServiceType). */
export function quotaServiceType(service: Service): string {
  const type = service.spec?.type;
  return type === 'NodePort' || type === 'LoadBalancer' ? type : '';
}

/** What one service uses (upstream serviceEvaluator.Usage). */
export function serviceUsage(service: Service): Usage {
  const ports = service.spec?.ports ?? [];
  const usage: Usage = new Map([
    ['count/services', count(1)],
    ['services', count(1)],
    ['services.loadbalancers', count(0)],
    ['services.nodeports', count(0)],
  ]);
  switch (quotaServiceType(service)) {
    case 'NodePort':
      usage.set('services.nodeports', count(ports.length));
      break;
    case 'LoadBalancer':
      // Node ports are not allocated yet when this runs at admission: count the intent.
      usage.set(
        'services.nodeports',
        count(
          service.spec?.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length,
        ),
      );
      usage.set('services.loadbalancers', count(1));
      break;
  }
  return usage;
}

export function serviceEvaluator(informer: SharedInformer<Service>): Evaluator<Service> {
  return {
    groupResource: { group: '', resource: 'services' },
    matchingResources: (names) => names.filter((n) => SERVICE_RESOURCES.includes(n)),
    usage: serviceUsage,
    matchesScope: noScopes,
    list: cachedLister(informer, 'services'),
    updateMatters: (old, cur) =>
      quotaServiceType(old) !== quotaServiceType(cur) ||
      (old.spec?.ports?.length ?? 0) !== (cur.spec?.ports?.length ?? 0),
  };
}

const PVC_RESOURCES = ['persistentvolumeclaims', 'requests.storage'];
const PVC_COUNT = 'count/persistentvolumeclaims';

/** The claim's storage class: the beta annotation, else spec.storageClassName (upstream GetPersistentVolumeClaimClass). */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? '';
}

/** Whole bytes, rounded up (quota status only holds integers of storage). */
function roundUp(q: Quantity): Quantity {
  const whole = Quantity.of(q.value(), q.format);
  return whole.equals(q) ? q : whole;
}

/** The storage a claim is charged: its request, or what was allocated if that is more. */
function claimStorage(pvc: PersistentVolumeClaim): Quantity | undefined {
  const requested = parseResourceList(pvc.spec?.resources?.requests as Record<string, string> | undefined).get(
    'storage',
  );
  if (requested === undefined) return undefined;
  const allocated = parseResourceList(pvc.status?.allocatedResources as Record<string, string> | undefined).get(
    'storage',
  );
  return roundUp(allocated !== undefined && allocated.cmp(requested) > 0 ? allocated : requested);
}

/** What one claim uses (upstream pvcEvaluator.Usage). */
export function claimUsage(pvc: PersistentVolumeClaim): Usage {
  const usage: Usage = new Map([
    ['persistentvolumeclaims', count(1)],
    [PVC_COUNT, count(1)],
  ]);
  const storageClass = claimClass(pvc);
  if (storageClass !== '') usage.set(`${storageClass}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, count(1));
  const storage = claimStorage(pvc);
  if (storage !== undefined) {
    usage.set('requests.storage', storage);
    if (storageClass !== '') usage.set(`${storageClass}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
  }
  return usage;
}

export function claimEvaluator(informer: SharedInformer<PersistentVolumeClaim>): Evaluator<PersistentVolumeClaim> {
  return {
    groupResource: { group: '', resource: 'persistentvolumeclaims' },
    matchingResources: (names) =>
      names.filter(
        (n) =>
          n === PVC_COUNT ||
          PVC_RESOURCES.includes(n) ||
          PVC_RESOURCES.some((r) => n.endsWith(`${STORAGE_CLASS_SUFFIX}${r}`)),
      ),
    usage: claimUsage,
    matchesScope: noScopes,
    list: cachedLister(informer, 'persistentvolumeclaims'),
    updateMatters: (old, cur) =>
      claimClass(old) !== claimClass(cur) || claimStorage(old)?.toString() !== claimStorage(cur)?.toString(),
  };
}

/**
 * Counts objects of `gr` as `count/<resource>[.<group>]`, and under `legacyName` too (`configmaps`, `secrets`,
 * … upstream's older quota names).
 */
export function objectCountEvaluator<T extends KubeObject>(
  gr: GroupResource,
  informer: SharedInformer<T>,
  legacyName?: string,
): Evaluator<T> {
  const names = [objectCountName(gr), ...(legacyName === undefined ? [] : [legacyName])];
  const usage: Usage = new Map(names.map((n) => [n, count(1)]));
  return {
    groupResource: gr,
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    usage: () => usage,
    matchesScope: noScopes,
    list: cachedLister(informer, gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`),
    updateMatters: () => false,
  };
}
