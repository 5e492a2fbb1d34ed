/**
 * Sets of field paths, as upstream's structured-merge-diff keeps them: a tree whose nodes list their
 * member steps (paths ending here) and their children (steps with deeper members), both sorted by the
 * step order. Membership of a path says nothing about its parents: `.spec.replicas` in a set does not
 * put `.spec` in it. Sets are immutable; {@link FieldSetBuilder} makes new ones.
 */
import { compareElements, type FieldPath, type PathElement } from './path-element.js';

/** A child of a set node: the step, and the paths below it. */
export interface FieldSetChild {
  readonly element: PathElement;
  readonly set: FieldSet;
}

/** Index of `element` in a sorted array, or where it would go (as `-(position + 1)`). */
function search<T>(items: readonly T[], element: PathElement, elementOf: (item: T) => PathElement): number {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const c = compareElements(elementOf(items[mid] as T), element);
    if (c === 0) return mid;
    if (c < 0) low = mid + 1;
    else high = mid - 1;
  }
  return -(low + 1);
}

const self = (element: PathElement): PathElement => element;
const childElement = (child: FieldSetChild): PathElement => child.element;

/**
 * Walks two sorted arrays together, calling `onLeft`, `onRight` or `onBoth` for each step, in order.
 * The callbacks collect the output.
 */
function zip<A, B>(
  left: readonly A[],
  right: readonly B[],
  leftElement: (a: A) => PathElement,
  rightElement: (b: B) => PathElement,
  on: { left?: (a: A) => void; right?: (b: B) => void; both?: (a: A, b: B) => void },
): void {
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const a = left[i];
    const b = right[j];
    const c = a === undefined ? 1 : b === undefined ? -1 : compareElements(leftElement(a), rightElement(b));
    if (c < 0) {
      on.left?.(a as A);
      i++;
    } else if (c > 0) {
      on.right?.(b as B);
      j++;
    } else {
      on.both?.(a as A, b as B);
      i++;
      j++;
    }
  }
}

export class FieldSet {
  /** The set with no paths. */
  static readonly EMPTY = new FieldSet([], []);

  /** A set of the given paths (the empty path, the whole object, is never a member). */
  static fromPaths(paths: Iterable<FieldPath>): FieldSet {
    const builder = new FieldSetBuilder();
    for (const path of paths) builder.insert(path);
    return builder.build();
  }

  /** Use {@link FieldSetBuilder} or {@link FieldSet.fromPaths}; both arrays must be sorted and unique. */
  constructor(
    readonly members: readonly PathElement[],
    readonly children: readonly FieldSetChild[],
  ) {}

  /** Whether the path is a member (not merely a parent of members). */
  has(path: FieldPath): boolean {
    return path.length > 0 && this.hasFrom(path, 0);
  }

  private hasFrom(path: FieldPath, from: number): boolean {
    const element = path[from] as PathElement;
    if (from === path.length - 1) return this.hasMember(element);
    return this.child(element)?.hasFrom(path, from + 1) ?? false;
  }

  /** Whether the one-step path `element` is a member. */
  hasMember(element: PathElement): boolean {
    return search(this.members, element, self) >= 0;
  }

  /** The paths below a step (without it), or undefined when there are none. */
  child(element: PathElement): FieldSet | undefined {
    const at = search(this.children, element, childElement);
    return at >= 0 ? this.children[at]?.set : undefined;
  }

  /** The paths below a step, with the step cut off; empty when there are none. */
  withPrefix(element: PathElement): FieldSet {
    return this.child(element) ?? FieldSet.EMPTY;
  }

  /** Whether the set has neither members nor children (cheaper than isEmpty, which looks at the children). */
  private hasNoSteps(): boolean {
    return this.members.length === 0 && this.children.length === 0;
  }

  isEmpty(): boolean {
    return this.members.length === 0 && this.children.every((c) => c.set.isEmpty());
  }

  /** The number of member paths. */
  size(): number {
    return this.children.reduce((n, c) => n + c.set.size(), this.members.length);
  }

  /** The member paths, members of a node before its children's (upstream's iteration order). */
  paths(): FieldPath[] {
    const out: FieldPath[] = [];
    const walk = (set: FieldSet, prefix: FieldPath): void => {
      for (const member of set.members) out.push([...prefix, member]);
      for (const c of set.children) walk(c.set, [...prefix, c.element]);
    };
    walk(this, []);
    return out;
  }

  equals(other: FieldSet): boolean {
    if (this === other) return true;
    if (this.members.length !== other.members.length || this.children.length !== other.children.length) return false;
    for (let i = 0; i < this.members.length; i++) {
      if (compareElements(this.members[i] as PathElement, other.members[i] as PathElement) !== 0) return false;
    }
    for (let i = 0; i < this.children.length; i++) {
      const c = this.children[i] as FieldSetChild;
      const o = other.children[i] as FieldSetChild;
      if (compareElements(c.element, o.element) !== 0 || !c.set.equals(o.set)) return false;
    }
    return true;
  }

  /**
   * The paths in either set. Sets are immutable, so when `other` adds no path the result is this set
   * itself, not a copy: writes that add nothing new keep their sets (and so the encodings remembered for
   * them, see FieldsV1Memo) as they were. Likewise `other` itself when this set adds none, as far as the
   * steps both have show it (equal copies below a shared step count as this set's).
   */
  union(other: FieldSet): FieldSet {
    if (other.hasNoSteps() || this === other) return this;
    if (this.hasNoSteps()) return other;
    let onlyLeft = false;
    let onlyRight = false;
    const members: PathElement[] = [];
    zip(this.members, other.members, self, self, {
      left: (a) => {
        onlyLeft = true;
        members.push(a);
      },
      right: (b) => {
        onlyRight = true;
        members.push(b);
      },
      both: (a) => members.push(a),
    });
    const children: FieldSetChild[] = [];
    zip(this.children, other.children, childElement, childElement, {
      left: (a) => {
        onlyLeft = true;
        children.push(a);
      },
      right: (b) => {
        onlyRight = true;
        children.push(b);
      },
      both: (a, b) => {
        const set = a.set.union(b.set);
        if (set !== a.set) onlyRight = true;
        if (set !== b.set) onlyLeft = true;
        children.push(set === a.set ? a : set === b.set ? b : { element: a.element, set });
      },
    });
    if (!onlyRight) return this;
    if (!onlyLeft) return other;
    return new FieldSet(members, children);
  }

  /** The paths in both sets (this set itself when `other` holds all of them; EMPTY when none). */
  intersection(other: FieldSet): FieldSet {
    if (this === other) return this;
    if (this.hasNoSteps() || other.hasNoSteps()) return FieldSet.EMPTY;
    let dropped = false;
    const members: PathElement[] = [];
    zip(this.members, other.members, self, self, {
      left: () => (dropped = true),
      both: (a) => members.push(a),
    });
    const children: FieldSetChild[] = [];
    zip(this.children, other.children, childElement, childElement, {
      left: () => (dropped = true),
      both: (a, b) => {
        const set = a.set.intersection(b.set);
        if (set !== a.set) dropped = true;
        if (!set.isEmpty()) children.push(set === a.set ? a : { element: a.element, set });
      },
    });
    if (!dropped) return this;
    return members.length === 0 && children.length === 0 ? FieldSet.EMPTY : new FieldSet(members, children);
  }

  /** The paths of this set not in `other` (children of `other`'s members stay). */
  difference(other: FieldSet): FieldSet {
    return this.subtract(other, false);
  }

  /**
   * The paths of this set neither in `other` nor below one of `other`'s members: `a.b.c` minus `a.b`
   * leaves nothing of `a.b`. This is how reset (ignored) fields are taken out of ownership.
   */
  recursiveDifference(other: FieldSet): FieldSet {
    return this.subtract(other, true);
  }

  /** The difference (see above); this set itself when nothing of it is taken away. */
  private subtract(other: FieldSet, recursive: boolean): FieldSet {
    if (other.hasNoSteps() || this.hasNoSteps()) return this;
    let taken = false;
    const members: PathElement[] = [];
    zip(this.members, other.members, self, self, {
      left: (a) => members.push(a),
      both: () => (taken = true),
    });
    const children: FieldSetChild[] = [];
    const dropped = (element: PathElement): boolean => recursive && search(other.members, element, self) >= 0;
    zip(this.children, other.children, childElement, childElement, {
      left: (a) => {
        if (dropped(a.element)) taken = true;
        else children.push(a);
      },
      both: (a, b) => {
        if (dropped(a.element)) {
          taken = true;
          return;
        }
        const set = a.set.subtract(b.set, recursive);
        if (set === a.set) children.push(a);
        else {
          taken = true;
          if (!set.isEmpty()) children.push({ element: a.element, set });
        }
      },
    });
    return taken ? new FieldSet(members, children) : this;
  }

  /** The members that are not also parents of other members. */
  leaves(): FieldSet {
    const members = this.members.filter((m) => search(this.children, m, childElement) < 0);
    return new FieldSet(
      members,
      this.children.map((c) => ({ element: c.element, set: c.set.leaves() })),
    );
  }
}

/** Builds a set by inserting paths; {@link FieldSetBuilder.build} hands out the result. */
export class FieldSetBuilder {
  private readonly members: PathElement[] = [];
  private readonly children: { element: PathElement; builder: FieldSetBuilder }[] = [];

  /** Adds a path (its parents are not added). The empty path is ignored: no one owns the whole object. */
  insert(path: FieldPath): void {
    if (path.length > 0) this.insertFrom(path, 0);
  }

  private insertFrom(path: FieldPath, from: number): void {
    const element = path[from] as PathElement;
    if (from === path.length - 1) this.add(element);
    else this.child(element).insertFrom(path, from + 1);
  }

  /** Adds the one-step path `element`. */
  add(element: PathElement): void {
    const at = search(this.members, element, self);
    if (at < 0) this.members.splice(-(at + 1), 0, element);
  }

  /** The builder of the paths below `element` (created when missing; left empty, it is dropped). */
  child(element: PathElement): FieldSetBuilder {
    const at = search(this.children, element, builderElement);
    if (at >= 0) return (this.children[at] as { builder: FieldSetBuilder }).builder;
    const builder = new FieldSetBuilder();
    this.children.splice(-(at + 1), 0, { element, builder });
    return builder;
  }

  build(): FieldSet {
    const children: FieldSetChild[] = [];
    for (const { element, builder } of this.children) {
      const set = builder.build();
      if (!set.isEmpty()) children.push({ element, set });
    }
    // Comparisons build many sets with nothing in them: those need no set of their own.
    if (this.members.length === 0 && children.length === 0) return FieldSet.EMPTY;
    return new FieldSet([...this.members], children);
  }
}

const builderElement = (child: { element: PathElement }): PathElement => child.element;
