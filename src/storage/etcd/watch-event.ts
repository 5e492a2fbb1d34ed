import type { IEvent } from 'etcd3';
import { WatchEventType, type WatchEvent } from '../store.js';
import type { EtcdKeys } from './etcd-keys.js';

/**
 * The store's event for one etcd event. A put is `created` when it made the key (create revision equals mod
 * revision), else `updated`. A delete's `kv` is the deleted version (last value, create revision) with
 * `modRevision` set to the delete's revision, as every event's `kv.modRevision` equals its `revision`;
 * `prevKv` is the deleted version unchanged. Should etcd omit the previous version (compacted away), `kv`
 * has an empty value and create revision 0.
 */
export function toWatchEvent(ev: IEvent, keys: EtcdKeys): WatchEvent {
  const revision = Number(ev.kv.mod_revision);
  const prevKv = ev.prev_kv ? keys.keyValue(ev.prev_kv) : undefined;
  if (ev.type === 'Delete') {
    const kv = prevKv
      ? { ...prevKv, modRevision: revision }
      : { key: keys.decode(ev.kv.key), value: new Uint8Array(0), createRevision: 0, modRevision: revision };
    return { type: WatchEventType.Deleted, revision, kv, prevKv };
  }
  const kv = keys.keyValue(ev.kv);
  if (kv.createRevision === kv.modRevision) return { type: WatchEventType.Created, revision, kv, prevKv: undefined };
  return { type: WatchEventType.Updated, revision, kv, prevKv };
}
