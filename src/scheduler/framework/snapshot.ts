/**
 * A consistent view of every node for one scheduling cycle (upstream cache.Snapshot). Built from the cache's
 * NodeInfo clones; the lists of nodes with affinity pods are computed once per rebuild.
 */
import type { NodeInfoLister } from './interfaces.js';
import type { NodeInfo } from './node-info.js';
import { type NodeListJournal, startJournal } from './node-list-journal.js';
import { NodeTotals } from './node-totals.js';

export class Snapshot implements NodeInfoLister {
  private nodes: NodeInfo[] = [];
  /** What changed in `nodes` (see node-list-journal.ts). */
  private journal: NodeListJournal = startJournal(this.nodes);
  private byName = new Map<string, NodeInfo>();
  /** Where each node sits in `nodes`, so replacing one is not a scan. */
  private positions = new Map<string, number>();
  /** Every node's resource totals, row by row in `nodes` order, rewritten as nodes are set. */
  private readonly table = new NodeTotals();
  /** Image name → how many nodes hold it, kept in step as nodes are set and removed. */
  private imageCounts = new Map<string, number>();
  /** Nodes with any taint, and cordoned nodes, kept in step likewise. */
  private tainted = 0;
  private unschedulable = 0;
  private withAffinity: NodeInfo[] = [];
  private withRequiredAnti: NodeInfo[] = [];

  constructor(nodeInfos: readonly NodeInfo[] = []) {
    this.replace(nodeInfos);
  }

  /** Replaces the whole content (node order is kept: it decides which nodes a cycle looks at first). */
  replace(nodeInfos: readonly NodeInfo[]): void {
    this.nodes = [...nodeInfos];
    this.journal = startJournal(this.nodes);
    this.byName = new Map(this.nodes.map((n) => [n.name, n]));
    this.imageCounts = new Map();
    this.tainted = 0;
    this.unschedulable = 0;
    for (let i = 0; i < this.nodes.length; i++) {
      const n = this.nodes[i] as NodeInfo;
      this.table.write(i, n);
      this.countImages(n, 1);
      this.countNode(n, 1);
    }
    this.reindex();
    this.refreshAffinityLists();
  }

  /** Puts `info` in place of the node with the same name (or appends it); call refreshAffinityLists after. */
  set(info: NodeInfo): void {
    const position = this.positions.get(info.name);
    this.byName.set(info.name, info);
    if (position === undefined) {
      this.positions.set(info.name, this.nodes.length);
      this.table.write(this.nodes.length, info);
      this.nodes.push(info);
      this.journal.reshaped();
      this.countImages(info, 1);
      this.countNode(info, 1);
    } else {
      const before = this.nodes[position] as NodeInfo;
      this.nodes[position] = info;
      this.table.write(position, info);
      this.journal.replaced(position);
      // Clones share their image states until the node's images change: most replacements skip this.
      if (before.imageStates !== info.imageStates) {
        this.countImages(before, -1);
        this.countImages(info, 1);
      }
      // Likewise their Node, until the node itself changes.
      if (before.node !== info.node) {
        this.countNode(before, -1);
        this.countNode(info, 1);
      }
    }
  }

  /** Drops the node named `name`; call refreshAffinityLists after. */
  remove(name: string): void {
    const position = this.positions.get(name);
    if (position === undefined) return;
    this.byName.delete(name);
    this.countImages(this.nodes[position] as NodeInfo, -1);
    this.countNode(this.nodes[position] as NodeInfo, -1);
    this.table.remove(position, this.nodes.length);
    this.nodes.splice(position, 1);
    this.journal.reshaped();
    this.reindex();
  }

  private countImages(info: NodeInfo, sign: 1 | -1): void {
    for (const image of info.imageStates.keys()) {
      const count = (this.imageCounts.get(image) ?? 0) + sign;
      if (count > 0) this.imageCounts.set(image, count);
      else this.imageCounts.delete(image);
    }
  }

  private countNode(info: NodeInfo, sign: 1 | -1): void {
    const spec = info.node?.spec;
    if ((spec?.taints?.length ?? 0) > 0) this.tainted += sign;
    if (spec?.unschedulable === true) this.unschedulable += sign;
  }

  private reindex(): void {
    this.positions = new Map(this.nodes.map((n, i) => [n.name, i]));
  }

  refreshAffinityLists(): void {
    this.withAffinity = this.nodes.filter((n) => n.podsWithAffinity.length > 0);
    this.withRequiredAnti = this.nodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
  }

  list(): readonly NodeInfo[] {
    return this.nodes;
  }
  totals(): NodeTotals {
    return this.table;
  }
  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }
  havePodsWithAffinity(): readonly NodeInfo[] {
    return this.withAffinity;
  }
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[] {
    return this.withRequiredAnti;
  }
  nodesWithImage(name: string): number {
    return this.imageCounts.get(name) ?? 0;
  }
  taintedNodes(): number {
    return this.tainted;
  }
  unschedulableNodes(): number {
    return this.unschedulable;
  }
}
