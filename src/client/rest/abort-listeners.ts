/**
 * Abort callbacks of the requests that share a signal. A component passes one long-lived signal (its stop
 * signal) to every request it makes; Node's EventTarget makes each addEventListener/removeEventListener pair
 * cost microseconds, which thousands of requests a second feel. Here a signal gets one listener, and each
 * request only joins and leaves a set.
 */
export class AbortListeners {
  private readonly bySignal = new WeakMap<AbortSignal, Set<() => void>>();

  /**
   * Calls `callback` once when `signal` aborts; `signal` must not be aborted yet. Returns the function that
   * takes the callback off again (call it when the request ends).
   */
  add(signal: AbortSignal, callback: () => void): () => void {
    let callbacks = this.bySignal.get(signal);
    if (callbacks === undefined) {
      const set = new Set<() => void>();
      callbacks = set;
      this.bySignal.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          this.bySignal.delete(signal);
          for (const call of [...set]) call();
          set.clear();
        },
        { once: true },
      );
    }
    const set = callbacks;
    set.add(callback);
    return () => {
      set.delete(callback);
    };
  }
}

/** Why a request on `signal` was given up: the signal's reason, or an AbortError when it has none. */
export function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
