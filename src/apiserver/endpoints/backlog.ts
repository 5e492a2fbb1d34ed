/** Waiting for a slow reader: a streamed response (a watch) holds back once too much of it is unsent. */
import type { ResponseLike } from './http-types.js';

/**
 * Bytes a streamed response may hold unsent (its client reads slowly) before its writer waits for them to go
 * out. While a watch waits, its events queue in the watch cache, which ends a watch that falls too far behind
 * (as upstream ends an unresponsive watcher): the client watches again from where it was.
 */
export const HIGH_WATER_BYTES = 1024 * 1024;

/**
 * Undefined while the response holds at most HIGH_WATER_BYTES unsent; else a promise that resolves once it has
 * sent them ('drain') or closed (its client is gone), leaving no listener behind.
 */
export function backlogged(
  res: Pick<ResponseLike, 'writableLength' | 'closed' | 'once' | 'off'>,
): Promise<void> | undefined {
  if ((res.writableLength ?? 0) <= HIGH_WATER_BYTES || res.closed === true) return undefined;
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
