/** A request's abort signal: whether the client went away before its answer was complete. */

/** The part of a response the signal watches (node's HTTP/1.1 and HTTP/2 compatibility responses have it). */
export interface ClosableResponse {
  readonly writableEnded: boolean;
  /** Whether the response closed already (HTTP/2 streams say so; its 'close' may have come before we listened). */
  readonly closed?: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Watches one response: its signal aborts when the response closes before it was ended, i.e. the client
 * left (or the connection broke) while the server was still answering, as during a watch. An answer that
 * ends normally never aborts it. The request's own 'close' event is no use here: node emits it as soon as
 * the request body has been read. The signal is made on first use only: most requests never ask for it,
 * and an AbortController is not free on every request.
 */
export class ClientGone {
  private gone = false;
  private controller: AbortController | undefined;

  constructor(res: ClosableResponse) {
    // A stream reset before its handler got here: its 'close' event is past.
    if (res.closed === true && !res.writableEnded) this.gone = true;
    res.once('close', () => {
      if (res.writableEnded) return;
      this.gone = true;
      this.controller?.abort();
    });
  }

  /** Aborted once the client is gone (already aborted when it left before the signal was asked for). */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.gone) this.controller.abort();
    }
    return this.controller.signal;
  }
}
