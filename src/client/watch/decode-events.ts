/**
 * Turns the lines of a watch response into events. An ERROR event ends the stream by throwing its Status as an
 * ApiError (a 410 there means: relist); a line that is not a watch event throws WatchDecodeError.
 */
import { isRecord } from '../kube-object.js';
import { apiErrorFromStatusObject } from '../rest/api-error.js';
import { splitLines } from './line-splitter.js';
import { type WatchEvent, WatchEventType } from './watch-event.js';

/** The stream held something that is not a watch event. */
export class WatchDecodeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WatchDecodeError';
  }
}

const YIELDED: ReadonlySet<string> = new Set([
  WatchEventType.Added,
  WatchEventType.Modified,
  WatchEventType.Deleted,
  WatchEventType.Bookmark,
]);

/**
 * Yields the events of a watch response body, in order, as they arrive.
 * @throws ApiError for an ERROR event; WatchDecodeError for a malformed line; whatever the source throws.
 */
export async function* decodeWatchEvents<T>(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<WatchEvent<T>> {
  for await (const line of splitLines(chunks)) {
    if (line.trim() === '') continue;
    yield decodeWatchLine<T>(line);
  }
}

/** One line of a watch response as an event; see decodeWatchEvents. */
export function decodeWatchLine<T>(line: string): WatchEvent<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    throw new WatchDecodeError(`unable to decode watch event: ${(err as Error).message}`, { cause: err });
  }
  if (!isRecord(parsed) || typeof parsed['type'] !== 'string' || !('object' in parsed)) {
    throw new WatchDecodeError(`unable to decode watch event: not a {"type","object"} pair: ${line.slice(0, 200)}`);
  }
  const type = parsed['type'];
  if (type === WatchEventType.Error) throw apiErrorFromStatusObject(parsed['object']);
  if (!YIELDED.has(type)) throw new WatchDecodeError(`got invalid watch event type: ${type}`);
  if (!isRecord(parsed['object'])) throw new WatchDecodeError(`watch event ${type} carries no object`);
  return { type: type as WatchEvent<T>['type'], object: parsed['object'] as T };
}
