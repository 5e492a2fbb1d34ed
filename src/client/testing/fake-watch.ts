/** A Watch a test feeds by hand: `push` events, `fail` with an error, `end` it; `close` is what the consumer calls. */
import type { Watch, WatchEvent } from '../watch/watch-event.js';

type Item<T> = { event: WatchEvent<T> } | { error: unknown } | { end: true };

export class FakeWatch<T> implements Watch<T> {
  private readonly items: Item<T>[] = [];
  private wake: (() => void) | undefined;
  /** Whether the consumer closed the watch. */
  closed = false;

  push(type: WatchEvent<T>['type'], object: T): void {
    this.enqueue({ event: { type, object } });
  }

  /** Makes the iteration throw `error` after the events pushed so far. */
  fail(error: unknown): void {
    this.enqueue({ error });
  }

  /** Ends the iteration normally after the events pushed so far. */
  end(): void {
    this.enqueue({ end: true });
  }

  close(): void {
    this.closed = true;
    this.signal();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>> {
    for (;;) {
      while (this.items.length === 0 && !this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
      const item = this.items.shift();
      if (item === undefined || this.closed) return;
      if ('end' in item) return;
      if ('error' in item) throw item.error;
      yield item.event;
    }
  }

  private enqueue(item: Item<T>): void {
    this.items.push(item);
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
