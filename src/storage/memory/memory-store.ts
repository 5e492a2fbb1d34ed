import { decodeContinue, encodeContinue } from '../continue-token.js';
import { checkValueSize, readRevision } from '../guards.js';
import { CompactedError, FutureRevisionError, StoreClosedError } from '../errors.js';
import { keyAfter, prefixEnd } from '../key-range.js';
import { type EventHistory, WatchHub } from '../watch-hub.js';
import {
  type GetOptions,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type Store,
  type WatchEvent,
  type WatchOptions,
  type WriteOptions,
  type WriteResult,
} from '../store.js';
import { lastAtOrBefore, SortedKeys, type Version } from './key-history.js';

export interface MemoryStoreOptions {
  /** How often expired TTL keys are deleted, in ms (default 250). */
  readonly leaseSweepMs?: number;
  /** The clock, in ms since the epoch (default Date.now). */
  readonly now?: () => number;
}

interface LogEntry {
  readonly key: string;
  readonly version: Version;
}

/** A complete in-memory store: the same semantics as the others, for tests and benchmarks. Nothing persists. */
export class MemoryStore implements Store, EventHistory {
  private readonly histories = new Map<string, Version[]>();
  private readonly keys = new SortedKeys();
  /** Every version above the compacted revision, in revision order. */
  private log: LogEntry[] = [];
  private readonly expiring = new Map<string, number>();
  private revision = 0;
  private compacted = 0;
  private closed = false;
  private readonly hub: WatchHub;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.hub = new WatchHub(this, 0, () => this.compacted);
    this.sweeper = setInterval(() => this.sweepExpired(), options.leaseSweepMs ?? 250);
    this.sweeper.unref();
  }

  async get(key: string, options: GetOptions = {}): Promise<KeyValue | undefined> {
    this.checkOpen();
    const at = this.readRevision(options.revision);
    return this.versionAt(key, at);
  }

  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    this.checkOpen();
    let start = prefix;
    let at: number;
    if (options.continue !== undefined && options.continue !== '') {
      const c = decodeContinue(options.continue, prefix);
      start = c.start;
      at = this.readRevision(c.revision);
    } else {
      at = this.readRevision(options.revision);
    }
    const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
    const items: KeyValue[] = [];
    let remaining = 0;
    for (const key of this.keys.range(start, prefixEnd(prefix))) {
      const kv = this.versionAt(key, at);
      if (kv === undefined) continue;
      if (items.length < limit) items.push(kv);
      else remaining++;
    }
    const last = items[items.length - 1];
    if (remaining === 0 || last === undefined) return { items, revision: at };
    return { items, revision: at, continue: encodeContinue({ start: keyAfter(last.key), revision: at }), remaining };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen();
    let n = 0;
    for (const key of this.keys.range(prefix, prefixEnd(prefix))) if (this.versionAt(key, this.revision)) n++;
    return n;
  }

  async create(key: string, value: Uint8Array, options: WriteOptions = {}): Promise<WriteResult> {
    this.checkWrite(key, value);
    const current = this.versionAt(key, this.revision);
    if (current !== undefined) return { ok: false, current };
    return this.write(key, value, undefined, options);
  }

  async update(
    key: string,
    value: Uint8Array,
    expectedModRevision: number,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    this.checkWrite(key, value);
    const current = this.versionAt(key, this.revision);
    if (current === undefined || current.modRevision !== expectedModRevision) return { ok: false, current };
    return this.write(key, value, current, options);
  }

  async delete(key: string, expectedModRevision?: number): Promise<WriteResult> {
    this.checkOpen();
    return this.deleteNow(key, expectedModRevision);
  }

  watch(prefix: string, options: WatchOptions): AsyncIterable<WatchEvent> {
    this.checkOpen();
    return this.hub.watch(prefix, options.afterRevision, options.signal);
  }

  async currentRevision(): Promise<number> {
    this.checkOpen();
    return this.revision;
  }

  async compactedRevision(): Promise<number> {
    this.checkOpen();
    return this.compacted;
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.revision) throw new FutureRevisionError(revision, this.revision);
    if (revision <= this.compacted) return;
    const cut = lastAtOrBefore(this.log, revision, (e) => e.version.revision) + 1;
    const dropped = this.log.slice(0, cut);
    this.log = this.log.slice(cut);
    this.compacted = revision;
    for (const key of new Set(dropped.map((e) => e.key))) {
      const history = this.histories.get(key);
      if (history === undefined) continue;
      const keep = lastAtOrBefore(history, revision, (v) => v.revision);
      const trimmed = history.slice(Math.max(keep, 0));
      if (trimmed[0]?.deleted === true && trimmed[0].revision <= revision) trimmed.shift();
      if (trimmed.length === 0) {
        this.histories.delete(key);
        this.keys.remove(key);
      } else {
        this.histories.set(key, trimmed);
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    this.hub.close();
  }

  readEvents(prefix: string, afterRevision: number, untilRevision: number, limit: number): WatchEvent[] {
    if (afterRevision < this.compacted) throw new CompactedError(afterRevision, this.compacted);
    const events: WatchEvent[] = [];
    for (let i = lastAtOrBefore(this.log, afterRevision, (e) => e.version.revision) + 1; i < this.log.length; i++) {
      const entry = this.log[i] as LogEntry;
      if (entry.version.revision > untilRevision || events.length >= limit) break;
      if (entry.key.startsWith(prefix)) events.push(this.toEvent(entry));
    }
    return events;
  }

  private toEvent({ key, version }: LogEntry): WatchEvent {
    const history = this.histories.get(key) ?? [];
    const prevIndex = lastAtOrBefore(history, version.prevRevision, (v) => v.revision);
    const prev = version.prevRevision > 0 ? history[prevIndex] : undefined;
    const prevKv = prev === undefined ? undefined : toKeyValue(key, prev);
    const type = version.deleted ? 'deleted' : version.prevRevision === 0 ? 'created' : 'updated';
    return { type, revision: version.revision, kv: toKeyValue(key, version), prevKv };
  }

  private write(key: string, value: Uint8Array, current: KeyValue | undefined, options: WriteOptions): WriteResult {
    const revision = ++this.revision;
    const expiresAt = options.ttlSeconds !== undefined ? this.now() + options.ttlSeconds * 1000 : 0;
    const version: Version = {
      revision,
      createRevision: current?.createRevision ?? revision,
      value,
      deleted: false,
      prevRevision: current?.modRevision ?? 0,
      expiresAt,
    };
    this.append(key, version);
    if (expiresAt > 0) this.expiring.set(key, expiresAt);
    else this.expiring.delete(key);
    return { ok: true, revision, kv: toKeyValue(key, version) };
  }

  private deleteNow(key: string, expectedModRevision: number | undefined): WriteResult {
    const current = this.versionAt(key, this.revision);
    if (current === undefined) return { ok: false, current };
    if (expectedModRevision !== undefined && current.modRevision !== expectedModRevision) return { ok: false, current };
    const revision = ++this.revision;
    this.append(key, {
      revision,
      createRevision: current.createRevision,
      value: current.value,
      deleted: true,
      prevRevision: current.modRevision,
      expiresAt: 0,
    });
    this.expiring.delete(key);
    return { ok: true, revision, kv: current };
  }

  private append(key: string, version: Version): void {
    let history = this.histories.get(key);
    if (history === undefined) {
      history = [];
      this.histories.set(key, history);
      this.keys.insert(key);
    }
    history.push(version);
    const entry = { key, version };
    this.log.push(entry);
    this.hub.publish(version.revision, key, () => this.toEvent(entry));
  }

  private versionAt(key: string, revision: number): KeyValue | undefined {
    const history = this.histories.get(key);
    if (history === undefined) return undefined;
    const version = history[lastAtOrBefore(history, revision, (v) => v.revision)];
    return version === undefined || version.deleted ? undefined : toKeyValue(key, version);
  }

  private readRevision(requested: number | undefined): number {
    return readRevision(requested, this.revision, this.compacted);
  }

  private sweepExpired(): void {
    const now = this.now();
    for (const [key, expiresAt] of this.expiring) if (expiresAt <= now) this.deleteNow(key, undefined);
  }

  private checkWrite(key: string, value: Uint8Array): void {
    this.checkOpen();
    checkValueSize(key, value);
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}

function toKeyValue(key: string, version: Version): KeyValue {
  return { key, value: version.value, createRevision: version.createRevision, modRevision: version.revision };
}
