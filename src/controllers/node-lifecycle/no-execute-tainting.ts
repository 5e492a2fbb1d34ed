/**
 * The NoExecute side of node lifecycle (upstream markNodeForTainting, markNodeAsReachable and
 * doNoExecuteTaintingPass): nodes that are not Ready wait in their zone's queue for the `not-ready` or
 * `unreachable` NoExecute taint, which goes on at the zone's rate; a node Ready again loses both at once.
 */
import type { Node } from '../../api/core/v1/node.js';
import type { Clock } from '../../client/clock/clock.js';
import type { Lister } from '../../client/listers/lister.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { NODE_READY, nodeCondition } from './node-health.js';
import { NOT_READY_TAINT, type TaintTemplate, taintExists, UNREACHABLE_TAINT } from './node-taints.js';
import { apiTime } from './resources.js';
import { swapNodeTaints } from './taint-writer.js';
import { zoneKey } from './zone-state.js';
import { ZoneTainter } from './zone-tainter.js';

export class NoExecuteTainting {
  private readonly tainters = new Map<string, ZoneTainter>();

  constructor(
    private readonly nodes: Lister<Node>,
    private readonly client: ResourceClient<Node>,
    private readonly clock: Clock,
    /** The rate a new zone starts with. */
    private readonly initialQps: number,
    private readonly onError: (what: string, err: unknown) => void,
  ) {}

  /** The zone's queue, created at the initial rate when new. */
  zone(zone: string): ZoneTainter {
    let tainter = this.tainters.get(zone);
    if (tainter === undefined) {
      tainter = new ZoneTainter(this.initialQps, this.clock);
      this.tainters.set(zone, tainter);
    }
    return tainter;
  }

  /** Queues `node` for `taint` (its zone's queue decides when). */
  markForTainting(node: Node, taint: TaintTemplate): void {
    const name = node.metadata?.name ?? '';
    const tainter = this.zone(zoneKey(node));
    if (!taintExists(node.spec?.taints, taint)) tainter.remove(name);
    tainter.add(name, node.metadata?.uid ?? '');
  }

  /** Replaces `remove` with `add` at once (the node's Ready status flipped between False and Unknown). */
  swap(node: Node, add: TaintTemplate, remove: TaintTemplate): Promise<void> {
    return swapNodeTaints(this.client, node, [add], [remove], apiTime(this.clock.now()));
  }

  /** Takes both NoExecute taints off and the node off its zone's queue. Failures are reported, not thrown. */
  async markReachable(node: Node): Promise<void> {
    try {
      await swapNodeTaints(this.client, node, [], [UNREACHABLE_TAINT, NOT_READY_TAINT], apiTime(this.clock.now()));
    } catch (err) {
      this.onError(`removing the taints of node ${node.metadata?.name ?? ''}`, err);
      return;
    }
    this.tainters.get(zoneKey(node))?.remove(node.metadata?.name ?? '');
  }

  /** Taints queued nodes as fast as each zone's rate allows; a node Ready meanwhile just leaves its queue. */
  async pass(): Promise<void> {
    for (const tainter of this.tainters.values()) {
      await tainter.drain(async (name) => {
        const node = this.nodes.get('', name);
        if (node === undefined) return true;
        const ready = nodeCondition(node.status, NODE_READY);
        if (ready === undefined) return false;
        // Unreachable and not-ready mirror the Ready condition: at most one of them at a time.
        let pair: [TaintTemplate, TaintTemplate];
        if (ready.status === 'False') pair = [NOT_READY_TAINT, UNREACHABLE_TAINT];
        else if (ready.status === 'Unknown') pair = [UNREACHABLE_TAINT, NOT_READY_TAINT];
        else return true;
        try {
          await this.swap(node, pair[0], pair[1]);
          return true;
        } catch (err) {
          this.onError(`tainting node ${name}`, err);
          return false;
        }
      });
    }
  }
}
