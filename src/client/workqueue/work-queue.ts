/**
 * WorkQueue: what a controller's workers take keys from. Its guarantees:
 * - an item is never processed by two workers at once: while one holds it (between `get` and `done`), adding
 *   it again only marks it dirty, and it is queued again when `done` is called;
 * - an item queued several times is processed once (adds are deduplicated until it is handed out);
 * - items are handed out in the order they were first queued.
 * You must call `done(item)` when you have finished processing an item. Items are compared with `===`: use
 * strings (e.g. `namespace/name` keys) or other values with identity.
 */

/** What `get` answers: the next item, or word that the queue has shut down. */
export type QueueGet<T> = { readonly shutdown: false; readonly item: T } | { readonly shutdown: true };

export class WorkQueue<T> {
  private queue: T[] = [];
  private head = 0;
  /** Items that need processing: queued, or added again while being processed. */
  private readonly dirty = new Set<T>();
  private readonly processing = new Set<T>();
  private readonly waiters: ((next: QueueGet<T>) => void)[] = [];
  private shutting = false;
  private drained: (() => void) | undefined;

  /** Marks `item` as needing processing. Ignored after shutDown. */
  add(item: T): void {
    if (this.shutting || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    this.push(item);
  }

  /**
   * Waits for an item and hands it out; the caller then owns it until `done(item)`. After shutDown, still
   * hands out what is queued, then answers `{ shutdown: true }`.
   */
  get(): Promise<QueueGet<T>> {
    const next = this.take();
    if (next !== undefined) return Promise.resolve(next);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks `item` as processed; if it was added meanwhile, it is queued again now. */
  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) this.push(item);
    else if (this.processing.size === 0) this.drained?.();
  }

  /** How many items wait to be handed out (not counting those being processed). */
  len(): number {
    return this.queue.length - this.head;
  }

  /** Stops accepting items; waiting and future `get`s answer shutdown once the queue is empty. */
  shutDown(): void {
    this.shutting = true;
    this.wakeAll();
  }

  /** As shutDown, then resolves once every item handed out has been marked done. */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.drained = () => {
        this.drained = undefined;
        resolve();
      };
    });
  }

  shuttingDown(): boolean {
    return this.shutting;
  }

  private push(item: T): void {
    this.queue.push(item);
    const waiter = this.waiters.shift();
    if (waiter === undefined) return;
    const next = this.take();
    if (next !== undefined) waiter(next);
    else this.waiters.unshift(waiter);
  }

  private take(): QueueGet<T> | undefined {
    if (this.len() === 0) return this.shutting ? { shutdown: true } : undefined;
    const item = this.queue[this.head++] as T;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.dirty.delete(item);
    this.processing.add(item);
    return { shutdown: false, item };
  }

  private wakeAll(): void {
    while (this.waiters.length > 0) {
      const next = this.take();
      if (next === undefined) return;
      this.waiters.shift()?.(next);
    }
  }
}
