/**
 * Test fixtures for InterPodAffinity's tests (only the tests import this file): affinity terms, pods with
 * affinity, and runners for the plugin's filter and score paths over a fixed set of nodes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Namespace } from '../../../api/core/v1/namespace.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodSpec } from '../../../api/core/v1/pod-spec.js';
import type { LabelSelectorObject } from '../../../machinery/labels/index.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Code, type Status } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  InterPodAffinity,
} from './inter-pod-affinity.js';

type Affinity = NonNullable<PodSpec['affinity']>;
export type PodAffinityTerm = NonNullable<
  NonNullable<Affinity['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']
>[number];
export type WeightedTerm = NonNullable<
  NonNullable<Affinity['podAffinity']>['preferredDuringSchedulingIgnoredDuringExecution']
>[number];

/** A requirement `key In (values…)`. */
export const inValues = (key: string, ...values: string[]) => ({ key, operator: 'In', values });
/** A requirement `key NotIn (values…)`. */
export const notIn = (key: string, ...values: string[]) => ({ key, operator: 'NotIn', values });
/** A requirement `key` (Exists) or `!key` (DoesNotExist). */
export const exists = (key: string) => ({ key, operator: 'Exists' });
export const doesNotExist = (key: string) => ({ key, operator: 'DoesNotExist' });

/** A term selecting pods by `matchLabels` (a record) or `matchExpressions` (an array). */
export function term(
  topologyKey: string,
  selector: Record<string, string> | { key: string; operator: string; values?: string[] }[],
  options: { namespaces?: string[]; namespaceSelector?: LabelSelectorObject } = {},
): PodAffinityTerm {
  const labelSelector = Array.isArray(selector) ? { matchExpressions: selector } : { matchLabels: selector };
  return { topologyKey, labelSelector, ...options } as PodAffinityTerm;
}

export const weighted = (weight: number, podAffinityTerm: PodAffinityTerm): WeightedTerm => ({
  weight,
  podAffinityTerm,
});

export interface AffinityOptions {
  readonly affinity?: PodAffinityTerm[];
  readonly antiAffinity?: PodAffinityTerm[];
  readonly preferredAffinity?: WeightedTerm[];
  readonly preferredAntiAffinity?: WeightedTerm[];
}

/** A pod spec fragment carrying the given inter-pod terms. */
export function affinitySpec(options: AffinityOptions): Partial<PodSpec> {
  return {
    affinity: {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: options.affinity,
        preferredDuringSchedulingIgnoredDuringExecution: options.preferredAffinity,
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: options.antiAffinity,
        preferredDuringSchedulingIgnoredDuringExecution: options.preferredAntiAffinity,
      },
    },
  };
}

export interface RunOptions {
  readonly args?: unknown;
  readonly namespaces?: readonly Namespace[];
}

/** A plugin over `nodeInfos`, plus its handle. */
export function makePlugin(nodeInfos: readonly NodeInfo[], options: RunOptions = {}) {
  const handle = makeHandle(nodeInfos, { namespaces: options.namespaces ?? [] });
  return { plugin: new InterPodAffinity(options.args, handle), handle };
}

/** Runs PreFilter then Filter on every node: the PreFilter status and each node's Filter status (by name). */
export function runFilter(
  pod: Pod,
  nodeInfos: readonly NodeInfo[],
  options: RunOptions = {},
): { preFilter: Status; byNode: Map<string, Status> } {
  const { plugin, handle } = makePlugin(nodeInfos, options);
  const state = new CycleState();
  const preFilter = plugin.preFilter(state, pod, handle.snapshot().list()).status;
  const byNode = new Map<string, Status>();
  if (preFilter.isSuccess()) {
    for (const nodeInfo of nodeInfos) byNode.set(nodeInfo.name, plugin.filter(state, pod, nodeInfo));
  }
  return { preFilter, byNode };
}

/** Runs PreScore, Score and NormalizeScore over every node: the PreScore status and the final scores. */
export function runScore(
  pod: Pod,
  nodeInfos: readonly NodeInfo[],
  options: RunOptions = {},
): { preScore: Status; scores: number[] } {
  const { plugin } = makePlugin(nodeInfos, options);
  const state = new CycleState();
  const preScore = plugin.preScore(state, pod, nodeInfos);
  if (!preScore.isSuccess()) return { preScore, scores: [] };
  const scores = nodeInfos.map((nodeInfo) => {
    const score = plugin.score(state, pod, nodeInfo);
    if (typeof score !== 'number') throw new Error(`score failed: ${score.message()}`);
    return { name: nodeInfo.name, score };
  });
  const status = plugin.normalizeScore(state, pod, scores);
  if (!status.isSuccess()) throw new Error(`normalizeScore failed: ${status.message()}`);
  return { preScore, scores: scores.map((s) => s.score) };
}

/** What Filter says for a node: fits, or which of the three rejections. */
export type Outcome = 'fits' | 'affinity' | 'anti' | 'existing';

const EXPECTED: Record<Exclude<Outcome, 'fits'>, { code: Code; reason: string }> = {
  affinity: { code: Code.UnschedulableAndUnresolvable, reason: ERR_REASON_AFFINITY_RULES_NOT_MATCH },
  anti: { code: Code.Unschedulable, reason: ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH },
  existing: { code: Code.Unschedulable, reason: ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH },
};

export function outcomeOf(status: Status): Outcome | string {
  if (status.isSuccess()) return 'fits';
  for (const [outcome, want] of Object.entries(EXPECTED)) {
    if (status.code === want.code && status.reasons.length === 1 && status.reasons[0] === want.reason) return outcome;
  }
  return `${status.code}: ${status.message()}`;
}

/** A node labelled with a region and a zone, with `pods` on it. */
export const zoneNode = (name: string, region: string, zone: string, pods: Pod[] = []) =>
  makeNodeInfo(makeNode(name, { labels: { region, zone } }), pods);
/** A pod named `name` assigned to `nodeName`. */
export const on = (
  nodeName: string,
  name: string,
  labels: Record<string, string>,
  extra: Partial<Pod['spec']> = {},
  namespace?: string,
) => makePod(name, { nodeName, labels, spec: extra, namespace });

export interface FilterCase {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes: () => NodeInfo[];
  readonly namespaces?: Namespace[];
  /** Filter outcome per node; absent when PreFilter is expected to Skip. */
  readonly want?: Record<string, Outcome>;
}

/** Registers one test per case: PreFilter's Skip, or each node's Filter outcome. */
export function filterTests(cases: readonly FilterCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const { preFilter, byNode } = runFilter(c.pod, c.nodes(), { namespaces: c.namespaces ?? [] });
      if (c.want === undefined) {
        assert.equal(preFilter.code, Code.Skip);
        return;
      }
      assert.equal(preFilter.code, Code.Success);
      const got = Object.fromEntries([...byNode].map(([name, status]) => [name, outcomeOf(status)]));
      assert.deepEqual(got, c.want);
    });
  }
}
