/**
 * Several failures reported as one, worded as Go's utilerrors.NewAggregate: one failure reads as itself,
 * several as `[a, b]`. Controllers that act on many objects in one sync report all their failures at once.
 */

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** An Error whose message is Go's aggregate of `errors` (which it keeps), or undefined when there is none. */
export function aggregate(errors: readonly unknown[]): Error | undefined {
  const present = errors.filter((e) => e !== undefined && e !== null);
  if (present.length === 0) return undefined;
  if (present.length === 1 && present[0] instanceof Error) return present[0];
  const messages = present.map(messageOf);
  const text = messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
  return new AggregateError(present, text);
}

export { messageOf };
