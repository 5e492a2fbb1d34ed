/**
 * The quarantine of node names pod GC saw pods bound to but not in its node cache (upstream's delaying queue of
 * 40 s): a node may simply not have reached the informer yet. Only names still missing when their quarantine
 * ends are checked against the API server.
 */

export class NodeQuarantine {
  /** node name → when its quarantine ends (ms). */
  private readonly until = new Map<string, number>();

  constructor(private readonly quarantineMs: number) {}

  /** Starts the quarantine of `name` at `nowMs`, unless it is in quarantine already (the earlier end stands). */
  add(name: string, nowMs: number): void {
    if (!this.until.has(name)) this.until.set(name, nowMs + this.quarantineMs);
  }

  /** Takes out and returns the names whose quarantine has ended by `nowMs`. */
  takeDue(nowMs: number): string[] {
    const due: string[] = [];
    for (const [name, end] of this.until) {
      if (end > nowMs) continue;
      due.push(name);
      this.until.delete(name);
    }
    return due;
  }

  get size(): number {
    return this.until.size;
  }
}
