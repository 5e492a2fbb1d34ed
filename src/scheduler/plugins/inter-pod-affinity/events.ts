/**
 * The cluster events that can make a pod InterPodAffinity rejected schedulable, with upstream's queueing hints
 * (interpodaffinity/plugin.go EventsToRegister): assigned pods added, relabelled or deleted, and nodes added or
 * relabelled (or re-tainted: upstream's workaround for node additions its pre-check hides), and namespaces
 * relabelled.
 */
import type { Namespace } from '../../../api/core/v1/namespace.js';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import { ActionType, type ClusterEvent, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { newPodInfo, termMatches } from '../../framework/pod-info.js';
import { matchesAllIncomingTerms, type NamespaceLabelsLookup } from './term-matching.js';

/** The events to register; `namespaceLabels` resolves namespaceSelectors in the hints. */
export function interPodAffinityEvents(namespaceLabels: NamespaceLabelsLookup): readonly ClusterEvent[] {
  return [
    {
      resource: EventResource.AssignedPod,
      actions: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete,
      hint: (pod, oldObj, newObj) =>
        afterPodChange(pod, oldObj as Pod | undefined, newObj as Pod | undefined, namespaceLabels),
    },
    {
      resource: EventResource.Node,
      actions: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
      hint: (pod, _oldObj, newObj) => afterNodeChange(pod, newObj as Node | undefined),
    },
    {
      // Not registered upstream: relabelling a namespace changes which pods a namespaceSelector (of the pod or of
      // an existing pod) counts. A new namespace has no pods yet, so only updates that change labels matter.
      resource: EventResource.Namespace,
      actions: ActionType.Update,
      hint: (_pod, oldObj, newObj) =>
        afterNamespaceChange(oldObj as Namespace | undefined, newObj as Namespace | undefined),
    },
  ];
}

/**
 * Upstream's isSchedulableAfterPodChange, plus the deleted pod's own required anti-affinity (upstream #135325)
 * and the deleted last peer of a self-affine pod (upstream #141354): only assigned pods matter; an added or
 * relabelled pod helps when it now matches all the pod's affinity terms or no longer matches its anti-affinity
 * terms; a deleted pod helps when it matched the pod's anti-affinity or its anti-affinity matched the pod.
 */
export function afterPodChange(
  pod: Pod,
  oldPod: Pod | undefined,
  newPod: Pod | undefined,
  namespaceLabels: NamespaceLabelsLookup,
): QueueingHint {
  if ((newPod !== undefined && !newPod.spec?.nodeName) || (oldPod !== undefined && !oldPod.spec?.nodeName)) {
    return QueueingHint.Skip;
  }
  const info = newPodInfo(pod);
  const terms = info.requiredAffinityTerms;
  const antiTerms = info.requiredAntiAffinityTerms;
  const matchAll = (t: typeof terms, p: Pod) => matchesAllIncomingTerms(t, p, namespaceLabels);

  if (oldPod !== undefined && newPod !== undefined) {
    if (!matchAll(terms, oldPod) && matchAll(terms, newPod)) return QueueingHint.Queue;
    if (matchAll(antiTerms, oldPod) && !matchAll(antiTerms, newPod)) return QueueingHint.Queue;
    return QueueingHint.Skip;
  }
  if (newPod !== undefined) return matchAll(terms, newPod) ? QueueingHint.Queue : QueueingHint.Skip;
  if (oldPod === undefined) return QueueingHint.Queue;

  if (matchAll(antiTerms, oldPod)) return QueueingHint.Queue;
  const nsLabels = namespaceLabels(pod.metadata?.namespace ?? '');
  const deletedAnti = newPodInfo(oldPod).requiredAntiAffinityTerms;
  if (deletedAnti.some((t) => termMatches(t, pod, nsLabels))) return QueueingHint.Queue;
  if (matchAll(terms, oldPod) && matchAll(terms, pod)) return QueueingHint.Queue;
  return QueueingHint.Skip;
}

/** Upstream's isSchedulableAfterNodeChange: the node has a topology key of one of the pod's required terms. */
export function afterNodeChange(pod: Pod, node: Node | undefined): QueueingHint {
  const labels = node?.metadata?.labels;
  if (labels === undefined) return QueueingHint.Skip;
  const info = newPodInfo(pod);
  for (const term of info.requiredAffinityTerms) if (term.topologyKey in labels) return QueueingHint.Queue;
  for (const term of info.requiredAntiAffinityTerms) if (term.topologyKey in labels) return QueueingHint.Queue;
  return QueueingHint.Skip;
}

/** A namespace update is worth a retry only when it changed the namespace's labels. */
export function afterNamespaceChange(oldNs: Namespace | undefined, newNs: Namespace | undefined): QueueingHint {
  const before = oldNs?.metadata?.labels ?? {};
  const after = newNs?.metadata?.labels ?? {};
  const keys = Object.keys(before);
  if (keys.length !== Object.keys(after).length) return QueueingHint.Queue;
  return keys.every((k) => after[k] === before[k]) ? QueueingHint.Skip : QueueingHint.Queue;
}
