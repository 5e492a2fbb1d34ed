/**
 * WatchStream: an open watch over a streaming response. Iterate it once; it ends cleanly when the server ends
 * the response, when `close` is called, or when the signal aborts (a dropped connection during those is not an
 * error). ERROR events and broken connections throw (see decodeWatchEvents).
 */
import { ApiError, TransportError } from '../rest/api-error.js';
import type { ResponseStream } from '../rest/transport.js';
import { decodeWatchEvents, WatchDecodeError } from './decode-events.js';
import type { Watch, WatchEvent } from './watch-event.js';

export class WatchStream<T> implements Watch<T> {
  private closedByUs = false;
  private iterated = false;
  private readonly onAbort = (): void => this.close();

  constructor(
    private readonly source: ResponseStream,
    private readonly signal?: AbortSignal,
  ) {
    if (signal?.aborted) this.close();
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Whether `close` was called (or the signal aborted). */
  get closed(): boolean {
    return this.closedByUs;
  }

  /** Ends the watch: drops the connection; a running iteration finishes without error. Idempotent. */
  close(): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    this.source.close();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>> {
    if (this.iterated) throw new Error('a watch can be iterated only once');
    this.iterated = true;
    try {
      if (this.closedByUs) return;
      for await (const event of decodeWatchEvents<T>(this.source.body)) {
        if (this.closedByUs) return;
        yield event;
      }
    } catch (err) {
      if (this.closedByUs) return;
      if (err instanceof ApiError || err instanceof WatchDecodeError || err instanceof TransportError) throw err;
      throw new TransportError(`watch stream broken: ${(err as Error).message}`, { cause: err });
    } finally {
      this.close();
    }
  }
}
