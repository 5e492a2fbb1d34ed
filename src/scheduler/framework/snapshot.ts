/**
 * A consistent view of every node for one scheduling cycle (upstream cache.Snapshot). Built from the cache's
 * NodeInfo clones; the lists of nodes with affinity pods are computed once per rebuild.
 */
import type { NodeInfoLister } from './interfaces.js';
import type { NodeInfo } from './node-info.js';
import { type NodeListJournal, startJournal } from './node-list-journal.js';

export class Snapshot implements NodeInfoLister {
  private nodes: NodeInfo[] = [];
  /** What changed in `nodes` (see node-list-journal.ts). */
  private journal: NodeListJournal = startJournal(this.nodes);
  private byName = new Map<string, NodeInfo>();
  /** Where each node sits in `nodes`, so replacing one is not a scan. */
  private positions = new Map<string, number>();
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
    this.reindex();
    this.refreshAffinityLists();
  }

  /** Puts `info` in place of the node with the same name (or appends it); call refreshAffinityLists after. */
  set(info: NodeInfo): void {
    const position = this.positions.get(info.name);
    this.byName.set(info.name, info);
    if (position === undefined) {
      this.positions.set(info.name, this.nodes.length);
      this.nodes.push(info);
      this.journal.reshaped();
    } else {
      this.nodes[position] = info;
      this.journal.replaced(position);
    }
  }

  /** Drops the node named `name`; call refreshAffinityLists after. */
  remove(name: string): void {
    const position = this.positions.get(name);
    if (position === undefined) return;
    this.byName.delete(name);
    this.nodes.splice(position, 1);
    this.journal.reshaped();
    this.reindex();
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
  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }
  havePodsWithAffinity(): readonly NodeInfo[] {
    return this.withAffinity;
  }
  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[] {
    return this.withRequiredAnti;
  }
}
