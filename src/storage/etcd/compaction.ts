/**
 * Finding etcd's compacted revision. etcd does not report it (no RPC returns it, except a watch being
 * cancelled), but it answers one question exactly: a range read at revision R fails with "required revision
 * has been compacted" iff R < compacted revision. So this keeps the highest compaction it has seen (its
 * own, or found before) and, when a read at that revision fails, binary-searches the revisions between it
 * and the current one with count-only reads: about log2(revisions) cheap requests, and only when another
 * client has compacted since. Compaction only moves forward, so a value found stays a lower bound.
 */

export interface CompactionProbe {
  /**
   * Whether a read at `revision` succeeds (true) or fails as compacted (false).
   * @throws anything else the read fails with.
   */
  readableAt(revision: number): Promise<boolean>;
  /** The latest revision. */
  currentRevision(): Promise<number>;
}

export class CompactionTracker {
  private known = 0;

  constructor(private readonly probe: CompactionProbe) {}

  /** Records a compaction that is known to have happened (e.g. one this client just made). */
  note(revision: number): void {
    if (revision > this.known) this.known = revision;
  }

  /** The highest compaction recorded so far, without asking etcd. */
  lowerBound(): number {
    return this.known;
  }

  /**
   * etcd's compacted revision: reads below it fail. 0 when nothing has been compacted (a compaction at
   * revision 1, which forgets nothing, is also reported as 0).
   * @throws whatever the probe's reads throw (e.g. UnavailableError).
   */
  async compactedRevision(): Promise<number> {
    let failing = Math.max(this.known, 1);
    if (await this.probe.readableAt(failing)) return this.known;
    // Reads at `failing` fail and reads at the current revision succeed (nothing compacts the future):
    // the compacted revision is the lowest readable revision in (failing, current].
    let readable = await this.probe.currentRevision();
    while (readable - failing > 1) {
      const middle = Math.floor((failing + readable) / 2);
      if (await this.probe.readableAt(middle)) readable = middle;
      else failing = middle;
    }
    this.note(readable);
    return this.known;
  }
}
