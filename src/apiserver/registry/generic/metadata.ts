/** The registry's own bookkeeping of metadata on create and update (upstream's BeforeCreate/BeforeUpdate). */
import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ApiObject } from '../strategy.js';
import { rfc3339 } from '../../../machinery/rfc3339.js';

export type Meta = Record<string, unknown> & {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};

export const metaOf = (obj: ApiObject): Meta => {
  if (obj.metadata === undefined || obj.metadata === null || typeof obj.metadata !== 'object') obj.metadata = {};
  return obj.metadata as Meta;
};

/** RFC 3339 with seconds, as metav1.Time serialises. */
export const timestamp = (d: Date): string => rfc3339(d);

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** `generateName` plus five random characters, as upstream's name generator does. */
export function generateName(base: string): string {
  const prefix = base.length > 58 ? base.slice(0, 58) : base;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_CHARS[randomInt(NAME_CHARS.length)];
  return prefix + suffix;
}

/** Sets what the system owns on a new object. */
export function prepareCreateMeta(obj: ApiObject, namespace: string | undefined, now: Date, hasSpec: boolean): void {
  const meta = metaOf(obj);
  if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
  if (namespace !== undefined) meta.namespace = namespace;
  else delete meta.namespace;
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.selfLink;
  if (hasSpec) meta.generation = 1;
  else delete meta.generation;
}

/** Carries over what an update cannot change, and bumps generation when anything but metadata/status changed. */
export function prepareUpdateMeta(obj: ApiObject, old: ApiObject, hasSpec: boolean): void {
  const meta = metaOf(obj);
  const oldMeta = metaOf(old);
  for (const key of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    if (oldMeta[key] === undefined) delete meta[key];
    else (meta as Record<string, unknown>)[key] = oldMeta[key];
  }
  delete meta.selfLink;
  if (!meta.name && oldMeta.name) meta.name = oldMeta.name;
  if (hasSpec) {
    const generation = typeof oldMeta.generation === 'number' ? oldMeta.generation : 1;
    meta.generation = specChanged(obj, old) ? generation + 1 : generation;
  }
}

function specChanged(obj: ApiObject, old: ApiObject): boolean {
  const strip = (o: ApiObject): Record<string, unknown> => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o as Record<string, unknown>;
    return rest;
  };
  return !isDeepStrictEqual(strip(obj), strip(old));
}
