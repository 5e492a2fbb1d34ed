/**
 * The two topology domains with the fewest matching pods of one constraint (upstream criticalPaths). The first
 * always holds the global minimum; the second is at least that, though not necessarily the second minimum.
 * Two suffice because preemption only ever adds or removes pods on one node per copy of the state.
 */
const UNSET = 2147483647; // math.MaxInt32, as upstream starts

export class CriticalPaths {
  value0 = '';
  count0 = UNSET;
  value1 = '';
  count1 = UNSET;

  /** Records that domain `value` now holds `count` matching pods. */
  update(value: string, count: number): void {
    if (value === this.value0 || value === this.value1) {
      if (value === this.value0) this.count0 = count;
      else this.count1 = count;
      if (this.count0 > this.count1) this.swap();
      return;
    }
    if (count < this.count0) {
      this.value1 = this.value0;
      this.count1 = this.count0;
      this.value0 = value;
      this.count0 = count;
    } else if (count < this.count1) {
      this.value1 = value;
      this.count1 = count;
    }
  }

  /** The smallest count recorded (2147483647 when no domain was). */
  get min(): number {
    return this.count0;
  }

  clone(): CriticalPaths {
    const copy = new CriticalPaths();
    copy.value0 = this.value0;
    copy.count0 = this.count0;
    copy.value1 = this.value1;
    copy.count1 = this.count1;
    return copy;
  }

  private swap(): void {
    const value = this.value0;
    const count = this.count0;
    this.value0 = this.value1;
    this.count0 = this.count1;
    this.value1 = value;
    this.count1 = count;
  }
}
