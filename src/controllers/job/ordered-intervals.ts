/**
 * Sets of completion indexes as sorted, non-overlapping, non-adjacent intervals, and their text form in
 * `status.completedIndexes` / `status.failedIndexes` (`1,3-5,7`: a pair of neighbours prints as `1,2`).
 */

export interface Interval {
  readonly first: number;
  readonly last: number;
}

export class OrderedIntervals {
  static readonly EMPTY = new OrderedIntervals([]);

  private constructor(readonly intervals: readonly Interval[]) {}

  /**
   * Reads the text form, keeping indexes below `completions` (an interval reaching past it is cut) and
   * skipping parts that do not parse, as upstream does.
   */
  static parse(text: string | undefined | null, completions: number): OrderedIntervals {
    if (!text) return OrderedIntervals.EMPTY;
    const out: Interval[] = [];
    for (const part of text.split(',')) {
      const limits = part.split('-');
      const first = goAtoi(limits[0] ?? '');
      if (first === undefined) continue;
      if (first >= completions) break;
      let last = first;
      if (limits.length > 1) {
        const parsed = goAtoi(limits[1] ?? '');
        if (parsed === undefined) continue;
        last = Math.min(parsed, completions - 1);
      }
      const previous = out[out.length - 1];
      if (previous !== undefined && previous.last === first - 1) out[out.length - 1] = { first: previous.first, last };
      else out.push({ first, last });
    }
    return new OrderedIntervals(out);
  }

  /** The set of `indexes` (any order, duplicates allowed). */
  static of(indexes: Iterable<number>): OrderedIntervals {
    return OrderedIntervals.EMPTY.withIndexes(indexes);
  }

  /** This set plus `indexes`. */
  withIndexes(indexes: Iterable<number>): OrderedIntervals {
    const sorted = [...new Set(indexes)].sort((a, b) => a - b);
    return this.merge(new OrderedIntervals(sorted.map((i) => ({ first: i, last: i }))));
  }

  /** The union of both sets. */
  merge(other: OrderedIntervals): OrderedIntervals {
    const all = [...this.intervals, ...other.intervals].sort((a, b) => a.first - b.first);
    const out: Interval[] = [];
    for (const iv of all) {
      const last = out[out.length - 1];
      if (last === undefined || iv.first > last.last + 1) out.push(iv);
      else if (last.last < iv.last) out[out.length - 1] = { first: last.first, last: iv.last };
    }
    return new OrderedIntervals(out);
  }

  /** How many indexes the set holds. */
  total(): number {
    return this.intervals.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
  }

  has(index: number): boolean {
    let lo = 0;
    let hi = this.intervals.length;
    while (hi > lo) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if ((this.intervals[mid]?.last ?? -1) >= index) hi = mid;
      else lo = mid + 1;
    }
    const found = this.intervals[hi];
    return found !== undefined && found.first <= index;
  }

  toString(): string {
    return this.intervals
      .map((iv) => {
        if (iv.last === iv.first) return String(iv.first);
        return iv.last === iv.first + 1 ? `${iv.first},${iv.last}` : `${iv.first}-${iv.last}`;
      })
      .join(',');
  }
}

/** Go's strconv.Atoi: optional sign and decimal digits only; undefined otherwise. */
export function goAtoi(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
