/**
 * What changed in a snapshot's node list since an earlier moment, so that a plugin keeping per-node sums over
 * thousands of nodes (PodTopologySpread's domain counters) revisits only the nodes replaced since its last look
 * instead of every node each cycle (upstream's cache keeps its nodes ordered by generation for the same reason).
 * A Snapshot keeps one journal per list it hands out; the NodeInfos in such a list are never changed in place,
 * only replaced.
 */
import type { NodeInfo } from './node-info.js';

/** Replacements remembered at most; a reader further behind than that looks at every node again. */
const MAX_ENTRIES = 4096;

export class NodeListJournal {
  private current = 0;
  /** The version from which `positions` tells the whole story (later shape changes move it forward). */
  private base = 0;
  /** Positions replaced in place, in order: entry i made version base + i + 1. */
  private positions: number[] = [];

  /** Bumped by every change to the list. */
  get version(): number {
    return this.current;
  }

  /** The node at `position` was replaced by another NodeInfo; nothing else moved. */
  replaced(position: number): void {
    this.current++;
    this.positions.push(position);
    if (this.positions.length > MAX_ENTRIES) {
      const dropped = this.positions.length - MAX_ENTRIES / 2;
      this.positions = this.positions.slice(dropped);
      this.base += dropped;
    }
  }

  /** Nodes were added or removed: positions may have moved, so earlier versions can no longer be followed. */
  reshaped(): void {
    this.current++;
    this.base = this.current;
    this.positions = [];
  }

  /**
   * The positions replaced after `version` (with repeats, oldest first), or undefined when that is not known
   * (the list changed shape since, or `version` is older than what is remembered): then look at every node.
   */
  replacedSince(version: number): readonly number[] | undefined {
    if (version < this.base || version > this.current) return undefined;
    return this.positions.slice(version - this.base);
  }
}

const journals = new WeakMap<readonly NodeInfo[], NodeListJournal>();

/** The journal of `list` when it is a snapshot's node list; undefined for any other list. */
export function journalOf(list: readonly NodeInfo[]): NodeListJournal | undefined {
  return journals.get(list);
}

/** Starts the journal of a snapshot's new node list. */
export function startJournal(list: readonly NodeInfo[]): NodeListJournal {
  const journal = new NodeListJournal();
  journals.set(list, journal);
  return journal;
}
