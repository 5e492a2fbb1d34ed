/** Waiting for several informers at once, as a controller does before it starts its workers. */

export interface Syncable {
  waitForSync(signal?: AbortSignal): Promise<boolean>;
}

/** Resolves `true` once every informer has synced, `false` as soon as one cannot (aborted or stopped). */
export async function waitForCacheSync(signal: AbortSignal | undefined, ...informers: Syncable[]): Promise<boolean> {
  const results = await Promise.all(informers.map((i) => i.waitForSync(signal)));
  return results.every(Boolean);
}
