/**
 * InterPodAffinity's PreFilter state and Filter check (upstream interpodaffinity/filtering.go). PreFilter counts,
 * per topology pair, the existing pods whose required anti-affinity matches the incoming pod and the existing
 * pods that match the incoming pod's required affinity and anti-affinity terms; Filter then tests a node by
 * looking up the node's values for the terms' topology keys only.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { Cloneable } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { type AffinityTerm, newPodInfo, type PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import type { AffinityInterner, PodIdentity, SharedTerm } from './affinity-interner.js';
import {
  existingTermMatches,
  incomingTermMatches,
  matchesAllIncomingTerms,
  type NamespaceLabelsLookup,
} from './term-matching.js';
import { TopologyCounts } from './topology-counts.js';

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH =
  "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

// Statuses are immutable, so the three rejections are built once rather than per rejected node.
const AFFINITY_REJECTED = Status.unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
const ANTI_AFFINITY_REJECTED = Status.unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
const EXISTING_ANTI_AFFINITY_REJECTED = Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
const NODE_NOT_FOUND = Status.error('node not found');

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** What PreFilter computed for one pod; preemption clones it and updates it through addPod/removePod. */
export class PreFilterState implements Cloneable {
  constructor(
    /** The incoming pod with its parsed terms. */
    readonly podInfo: PodInfo,
    /** Labels of the incoming pod's namespace (undefined when the namespace is unknown). */
    readonly namespaceLabels: Readonly<Record<string, string>> | undefined,
    /** Whether the incoming pod matches all its own required affinity terms (the first pod of a group). */
    readonly matchesOwnAffinity: boolean,
    /** Existing pods whose required anti-affinity terms match the incoming pod. */
    readonly existingAntiAffinityCounts: TopologyCounts,
    /** Existing pods that match all the incoming pod's required affinity terms (counted once per term). */
    readonly affinityCounts: TopologyCounts,
    /** Existing pods that match the incoming pod's required anti-affinity terms (counted per matching term). */
    readonly antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.podInfo,
      this.namespaceLabels,
      this.matchesOwnAffinity,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /**
   * Counts `other` (a pod placed on `node`) in (`sign` 1) or out of (`sign` -1) the three maps, as if it had been
   * there (or not) when PreFilter ran. Preemption calls this for victims and nominated pods.
   */
  updateWithPod(other: PodInfo, node: Node, sign: 1 | -1, namespaceLabels: NamespaceLabelsLookup): void {
    const incoming = this.podInfo;
    for (const term of other.requiredAntiAffinityTerms) {
      if (existingTermMatches(term, incoming.pod, this.namespaceLabels)) {
        this.existingAntiAffinityCounts.add(node, term.topologyKey, sign);
      }
    }
    const affinityTerms = incoming.requiredAffinityTerms;
    if (matchesAllIncomingTerms(affinityTerms, other.pod, namespaceLabels)) {
      for (const term of affinityTerms) this.affinityCounts.add(node, term.topologyKey, sign);
    }
    for (const term of incoming.requiredAntiAffinityTerms) {
      if (incomingTermMatches(term, other.pod, namespaceLabels)) {
        this.antiAffinityCounts.add(node, term.topologyKey, sign);
      }
    }
  }

  /** Whether the pod has no required terms and no existing pod's anti-affinity matches it (Filter can skip). */
  isTrivial(): boolean {
    return (
      this.existingAntiAffinityCounts.size === 0 &&
      this.podInfo.requiredAffinityTerms.length === 0 &&
      this.podInfo.requiredAntiAffinityTerms.length === 0
    );
  }
}

/**
 * Builds the PreFilter state of `pod`. Existing pods' anti-affinity is read only from
 * `nodesWithRequiredAntiAffinity`; the incoming pod's own terms are matched against every pod on `nodes`, and only
 * when it has required terms at all. Each distinct term and pod identity is matched once (see AffinityInterner).
 */
export function buildPreFilterState(
  pod: Pod,
  nodes: readonly NodeInfo[],
  nodesWithRequiredAntiAffinity: readonly NodeInfo[],
  namespaceLabels: NamespaceLabelsLookup,
  interner: AffinityInterner,
): PreFilterState {
  const podInfo = newPodInfo(pod);
  const ownNamespaceLabels = namespaceLabels(pod.metadata?.namespace ?? '');
  const stamp = interner.nextStamp();

  const existingAnti = new TopologyCounts();
  for (const nodeInfo of nodesWithRequiredAntiAffinity) {
    const node = nodeInfo.node;
    if (node === undefined) continue;
    const terms = interner.node(nodeInfo).requiredAntiAffinityTerms;
    for (let i = 0; i < terms.length; i++) {
      const shared = terms[i] as SharedTerm;
      if (shared.stamp !== stamp) {
        shared.stamp = stamp;
        shared.result = existingTermMatches(shared.term, pod, ownNamespaceLabels);
      }
      if (shared.result) existingAnti.add(node, shared.term.topologyKey, 1);
    }
  }

  const affinity = new TopologyCounts();
  const antiAffinity = new TopologyCounts();
  const affinityTerms = podInfo.requiredAffinityTerms;
  const antiTerms = podInfo.requiredAntiAffinityTerms;
  if (affinityTerms.length > 0 || antiTerms.length > 0) {
    for (const nodeInfo of nodes) {
      const node = nodeInfo.node;
      if (node === undefined) continue;
      const identities = interner.node(nodeInfo).identities;
      for (let p = 0; p < identities.length; p++) {
        const identity = identities[p] as PodIdentity;
        if (identity.stamp !== stamp) matchIncomingTerms(identity, stamp, affinityTerms, antiTerms, namespaceLabels);
        if (identity.matchesAffinity) {
          for (const term of affinityTerms) affinity.add(node, term.topologyKey, 1);
        }
        for (let i = 0; i < antiTerms.length; i++) {
          if (identity.matchesAnti[i]) antiAffinity.add(node, (antiTerms[i] as AffinityTerm).topologyKey, 1);
        }
      }
    }
  }

  const matchesOwnAffinity = matchesAllIncomingTerms(affinityTerms, pod, namespaceLabels);
  return new PreFilterState(podInfo, ownNamespaceLabels, matchesOwnAffinity, existingAnti, affinity, antiAffinity);
}

function matchIncomingTerms(
  identity: PodIdentity,
  stamp: number,
  affinityTerms: readonly AffinityTerm[],
  antiTerms: readonly AffinityTerm[],
  namespaceLabels: NamespaceLabelsLookup,
): void {
  identity.stamp = stamp;
  identity.matchesAffinity = matchesAllIncomingTerms(affinityTerms, identity.pod, namespaceLabels);
  identity.matchesAnti.length = antiTerms.length;
  for (let i = 0; i < antiTerms.length; i++) {
    identity.matchesAnti[i] = incomingTermMatches(antiTerms[i] as AffinityTerm, identity.pod, namespaceLabels);
  }
}

/**
 * Whether the pod may run on the node: its required affinity (UnschedulableAndUnresolvable when not), its
 * required anti-affinity and the existing pods' required anti-affinity (Unschedulable: preemption may help).
 */
export function filterNode(state: PreFilterState, nodeInfo: NodeInfo): Status {
  const node = nodeInfo.node;
  if (node === undefined) return NODE_NOT_FOUND;
  const labels = node.metadata?.labels ?? NO_LABELS;
  if (!satisfiesPodAffinity(state, labels)) return AFFINITY_REJECTED;
  if (!satisfiesPodAntiAffinity(state, labels)) return ANTI_AFFINITY_REJECTED;
  if (state.existingAntiAffinityCounts.anyPositiveOn(labels)) return EXISTING_ANTI_AFFINITY_REJECTED;
  return Status.SUCCESS;
}

function satisfiesPodAffinity(state: PreFilterState, labels: Readonly<Record<string, string>>): boolean {
  let podsExist = true;
  for (const term of state.podInfo.requiredAffinityTerms) {
    const value = labels[term.topologyKey];
    // Every topology key of the pod's affinity must be a label of the node.
    if (value === undefined) return false;
    if (state.affinityCounts.get(term.topologyKey, value) <= 0) podsExist = false;
  }
  // The first pod of a group with affinity to itself: when no pod anywhere matches the terms yet and the pod
  // matches them itself, any node with all the topology keys will do.
  return podsExist || (state.affinityCounts.size === 0 && state.matchesOwnAffinity);
}

function satisfiesPodAntiAffinity(state: PreFilterState, labels: Readonly<Record<string, string>>): boolean {
  if (state.antiAffinityCounts.size === 0) return true;
  for (const term of state.podInfo.requiredAntiAffinityTerms) {
    const value = labels[term.topologyKey];
    if (value !== undefined && state.antiAffinityCounts.get(term.topologyKey, value) > 0) return false;
  }
  return true;
}
