/**
 * Matching pods per topology domain over a list of nodes, kept up to date incrementally. Counting every pod on
 * every node for every pod to schedule costs milliseconds at 5,000 nodes (the work is memory-bound), so a
 * counter remembers, per node position, the NodeInfo, its generation and its Node it last counted, and on
 * `refresh` recounts only the nodes that changed. That relies on the framework's contract that a NodeInfo's
 * `generation` moves whenever its pods change and that a changed Node is a new object.
 */
import type { Node } from '../../../api/core/v1/node.js';
import type { LabelSelector } from '../../../machinery/labels/index.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { journalOf } from '../../framework/node-list-journal.js';
import { countMatchingPods, labelValue } from './constraints.js';

/** What a counter counts. */
export interface CountQuery {
  /** Only pods of this namespace count. */
  readonly namespace: string;
  /** Nodes are grouped by the value of this label ('' when absent and not required). */
  readonly topologyKey: string;
  readonly selector: LabelSelector;
  /** Nodes missing any of these labels are not counted at all. */
  readonly requiredKeys: readonly string[];
}

/** The key under which a counter for `query` is cached. */
export function countQueryKey(query: CountQuery): string {
  const selector = query.selector.matchesNothing ? '\u0002' : query.selector.toString();
  return `${query.namespace}\u0000${query.topologyKey}\u0000${selector}\u0000${query.requiredKeys.join('\u0001')}`;
}

export class DomainCounter {
  /** Domain value → id; ids are stable for the counter's life and only ever added. */
  readonly domainIds = new Map<string, number>();
  readonly domainNames: string[] = [];
  /** Per domain id: matching pods on the eligible nodes of the domain. */
  podCounts = new Int32Array(8);
  /** Per domain id: eligible nodes in the domain (0: the domain does not exist now). */
  nodeCounts = new Int32Array(8);
  /** Domains with at least one eligible node. */
  liveDomains = 0;

  private seen: (NodeInfo | undefined)[] = [];
  /** Node name → the position it was last counted at (see `countOnNode`). */
  private readonly positionOf = new Map<string, number>();
  private seenGenerations: number[] = [];
  private seenNodes: (Node | undefined)[] = [];
  private domainOfNode = new Int32Array(0);
  /** The snapshot list last compared in full, and its journal's version when last brought up to date. */
  private journaled: readonly NodeInfo[] | undefined;
  private journaledVersion = 0;
  private countOfNode = new Int32Array(0);

  /**
   * @param include further limits the eligible nodes (node inclusion policies); a counter with one must not be
   *   reused for another pod.
   */
  constructor(
    readonly query: CountQuery,
    private readonly include?: (node: Node) => boolean,
  ) {}

  /**
   * Brings the counts up to date with `nodes`, recounting only positions whose node changed. For a snapshot's
   * list seen before, its journal names those positions; otherwise every position is compared.
   */
  refresh(nodes: readonly NodeInfo[]): void {
    const journal = journalOf(nodes);
    if (journal !== undefined && nodes === this.journaled) {
      const replaced = journal.replacedSince(this.journaledVersion);
      if (replaced !== undefined) {
        for (let i = 0; i < replaced.length; i++) this.recount(replaced[i] as number, nodes);
        this.journaledVersion = journal.version;
        return;
      }
    }
    this.compareAll(nodes);
    this.journaled = journal === undefined ? undefined : nodes;
    this.journaledVersion = journal?.version ?? 0;
  }

  private compareAll(nodes: readonly NodeInfo[]): void {
    const n = nodes.length;
    const previous = this.seen.length;
    if (n > this.domainOfNode.length) this.growNodes(n);
    for (let k = 0; k < n; k++) {
      const info = nodes[k] as NodeInfo;
      if (
        k < previous &&
        info === this.seen[k] &&
        info.generation === this.seenGenerations[k] &&
        info.node === this.seenNodes[k]
      ) {
        continue;
      }
      this.recount(k, nodes);
    }
    for (let k = n; k < previous; k++) this.retract(k);
    this.seen.length = n;
    this.seenGenerations.length = n;
    this.seenNodes.length = n;
  }

  /** Counts position `k` again, with the node now there. */
  private recount(k: number, nodes: readonly NodeInfo[]): void {
    const info = nodes[k] as NodeInfo;
    this.retract(k);
    this.seen[k] = info;
    this.seenGenerations[k] = info.generation;
    this.seenNodes[k] = info.node;
    this.account(k, info);
  }

  /**
   * The matching pods counted on the node named `name` at the last refresh, or undefined when the node was not
   * counted (absent, or excluded by the query's required keys or inclusion).
   */
  countOnNode(name: string): number | undefined {
    const k = this.positionOf.get(name);
    return k === undefined || (this.domainOfNode[k] as number) < 0 ? undefined : this.countOfNode[k];
  }

  /** The id of `value`, or undefined when no counted node ever had it. */
  idOf(value: string): number | undefined {
    return this.domainIds.get(value);
  }

  private account(k: number, info: NodeInfo): void {
    const node = info.node;
    if (node === undefined) return;
    const labels = node.metadata?.labels;
    const q = this.query;
    for (let i = 0; i < q.requiredKeys.length; i++) {
      if (labelValue(labels, q.requiredKeys[i] as string) === undefined) return;
    }
    if (this.include !== undefined && !this.include(node)) return;
    const id = this.intern(labelValue(labels, q.topologyKey) ?? '');
    const count = countMatchingPods(info.pods, q.selector, q.namespace);
    this.positionOf.set(info.name, k);
    this.domainOfNode[k] = id;
    this.countOfNode[k] = count;
    this.podCounts[id] = (this.podCounts[id] as number) + count;
    if ((this.nodeCounts[id] as number) === 0) this.liveDomains++;
    this.nodeCounts[id] = (this.nodeCounts[id] as number) + 1;
  }

  private retract(k: number): void {
    const id = this.domainOfNode[k] as number;
    if (id < 0) return;
    this.domainOfNode[k] = -1;
    // A node that moved to another position (nodes before it went away) keeps that position.
    const name = (this.seen[k] as NodeInfo).name;
    if (this.positionOf.get(name) === k) this.positionOf.delete(name);
    this.podCounts[id] = (this.podCounts[id] as number) - (this.countOfNode[k] as number);
    this.nodeCounts[id] = (this.nodeCounts[id] as number) - 1;
    if ((this.nodeCounts[id] as number) === 0) this.liveDomains--;
  }

  private intern(value: string): number {
    let id = this.domainIds.get(value);
    if (id !== undefined) return id;
    id = this.domainNames.length;
    this.domainIds.set(value, id);
    this.domainNames.push(value);
    if (id >= this.podCounts.length) {
      this.podCounts = grow(this.podCounts, id + 1);
      this.nodeCounts = grow(this.nodeCounts, id + 1);
    }
    return id;
  }

  private growNodes(n: number): void {
    const size = Math.max(n, this.domainOfNode.length * 2);
    const domains = new Int32Array(size).fill(-1);
    domains.set(this.domainOfNode);
    this.domainOfNode = domains;
    this.countOfNode = grow(this.countOfNode, size);
  }
}

function grow(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Counters by query, least recently used evicted beyond `capacity`. Pods of one workload share their
 * constraints, so consecutive cycles mostly hit. Owned by one plugin instance.
 */
export class DomainCounterCache {
  private readonly counters = new Map<string, DomainCounter>();

  constructor(private readonly capacity = 64) {}

  /** The counter for `query`, refreshed against `nodes`. */
  counter(query: CountQuery, nodes: readonly NodeInfo[]): DomainCounter {
    const key = countQueryKey(query);
    let counter = this.counters.get(key);
    if (counter === undefined) {
      counter = new DomainCounter(query);
      if (this.counters.size >= this.capacity) {
        const oldest = this.counters.keys().next();
        if (oldest.done !== true) this.counters.delete(oldest.value);
      }
    } else {
      this.counters.delete(key);
    }
    this.counters.set(key, counter);
    counter.refresh(nodes);
    return counter;
  }
}
