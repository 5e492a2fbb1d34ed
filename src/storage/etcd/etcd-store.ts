import type { Etcd3, IRangeResponse, ITxnRequest, ITxnResponse } from 'etcd3';
import { decodeContinue, encodeContinue } from '../continue-token.js';
import { StoreClosedError, UnavailableError, ValueTooLargeError, type StorageError } from '../errors.js';
import { keyAfter } from '../key-range.js';
import {
  MAX_VALUE_BYTES,
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
import { CompactionTracker } from './compaction.js';
import { callEtcd, Idempotence, type CallContext, type CallOptions } from './etcd-call.js';
import { createEtcdClient } from './etcd-client.js';
import { isCompactedFailure, isLeaseNotFoundFailure, toStorageError, type FailureContext } from './etcd-errors.js';
import { EtcdKeys } from './etcd-keys.js';
import { createTxn, deleteTxn, updateTxn } from './etcd-txn.js';
import { LeasePool } from './lease-pool.js';
import { SharedWatches } from './shared-watch.js';
import { waitForEtcd } from './wait-for-etcd.js';
import type { EtcdStoreOptions } from './etcd-store-options.js';

export type { EtcdStoreOptions } from './etcd-store-options.js';

/** A byte (the zero key) that no store key maps to, for reads that only want a response header. */
const PROBE_KEY = Buffer.from([0]);

/**
 * Opens a store on etcd v3, waiting until etcd answers a linearizable read (so a quorum exists), retrying
 * with backoff and logging each failed attempt.
 * @throws UnavailableError naming the endpoints when etcd does not answer before `connectDeadlineMs`.
 */
export async function openEtcdStore(options: EtcdStoreOptions): Promise<EtcdStore> {
  if (options.endpoints.length === 0) throw new UnavailableError('no etcd endpoints were given');
  const store = new EtcdStore(createEtcdClient(options.endpoints), options);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    await waitForEtcd((deadline) => store.ping(deadline), {
      endpoints: options.endpoints,
      deadlineMs: options.connectDeadlineMs ?? 60_000,
      attemptTimeoutMs: 5_000,
      initialDelayMs: options.connectRetryMs ?? 500,
      maxDelayMs: 8_000,
      log,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/**
 * The etcd v3 backend of {@link Store}. Every store call is one etcd request (a guarded write is one
 * transaction), retried on transient failures within `requestTimeoutMs`. Watches of one prefix share one etcd
 * watch, fanned out locally (see `shared-watch.ts`), on the client's one multiplexed watch stream. Use
 * {@link openEtcdStore} to create one.
 */
export class EtcdStore implements Store {
  private readonly keys: EtcdKeys;
  private readonly ctx: CallContext;
  private readonly leases: LeasePool;
  private readonly compaction: CompactionTracker;
  private readonly watches: SharedWatches;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: Etcd3,
    options: EtcdStoreOptions,
  ) {
    this.keys = new EtcdKeys(options.prefix ?? '');
    this.ctx = {
      endpoints: options.endpoints,
      timeoutMs: options.requestTimeoutMs ?? 15_000,
      isClosed: () => this.closing !== undefined,
    };
    this.leases = new LeasePool({
      grant: async (ttlSeconds) => {
        const res = await callEtcd(this.ctx, 'lease grant', Idempotence.Safe, (o) =>
          this.client.leaseClient.leaseGrant({ TTL: ttlSeconds }, o),
        );
        return { id: res.ID, ttlSeconds: Number(res.TTL) };
      },
    });
    this.compaction = new CompactionTracker({
      readableAt: (revision) => this.readableAt(revision),
      currentRevision: () => this.currentRevision(),
    });
    this.watches = new SharedWatches({
      client,
      keys: this.keys,
      maxBufferedEvents: options.maxBufferedWatchEvents ?? 1000,
      historyEvents: options.watchHistoryEvents,
      compactedRevision: () => this.compactedRevision(),
    });
  }

  /** {@inheritDoc Store.get} A linearizable read: it sees every write acknowledged before it started. */
  async get(key: string, options: GetOptions = {}): Promise<KeyValue | undefined> {
    const revision = options.revision ?? 0;
    const res = await this.read('get', revision, (o) =>
      this.client.kv.range({ key: this.keys.encode(key), revision }, o),
    );
    return this.first(res);
  }

  /** {@inheritDoc Store.list} A page is one range request; later pages read at the first page's revision. */
  async list(prefix: string, options: ListOptions = {}): Promise<ListResult> {
    let from = prefix;
    let revision = options.revision ?? 0;
    if (options.continue !== undefined) {
      ({ start: from, revision } = decodeContinue(options.continue, prefix));
    }
    const { start, end } = this.keys.rangeFrom(from, prefix);
    const limit = options.limit ?? 0;
    const res = await this.read('list', revision, (o) =>
      this.client.kv.range({ key: start, range_end: end, revision, limit }, o),
    );
    const items = res.kvs.map((kv) => this.keys.keyValue(kv));
    // With an explicit revision etcd's header carries its latest revision, not the one read.
    const at = revision > 0 ? revision : Number(res.header.revision);
    const last = items[items.length - 1];
    if (!res.more || last === undefined) return { items, revision: at };
    const next = encodeContinue({ start: keyAfter(last.key), revision: at });
    return { items, revision: at, continue: next, remaining: Number(res.count) - items.length };
  }

  /** {@inheritDoc Store.count} */
  async count(prefix: string): Promise<number> {
    const { start, end } = this.keys.range(prefix);
    const res = await this.read('count', 0, (o) =>
      this.client.kv.range({ key: start, range_end: end, count_only: true }, o),
    );
    return Number(res.count);
  }

  /**
   * {@inheritDoc Store.create} One transaction (put if create revision is 0, else read). With `ttlSeconds`
   * the key gets a shared lease (see `lease-pool.ts`), so it may outlive its TTL by up to 5% (at most 60 s).
   * @throws UnavailableError when etcd cannot be reached in time, or when the outcome is unknown (a timeout).
   */
  async create(key: string, value: Uint8Array, options: WriteOptions = {}): Promise<WriteResult> {
    const k = this.keys.encode(key);
    const res = await this.guardedWrite('create', key, value, options.ttlSeconds, (lease) =>
      createTxn(k, value, lease),
    );
    if (!res.succeeded) return { ok: false, current: this.first(res.responses[0]?.response_range) };
    const revision = Number(res.header.revision);
    return { ok: true, revision, kv: { key, value, createRevision: revision, modRevision: revision } };
  }

  /** {@inheritDoc Store.update} One transaction: put if the mod revision matches, else read. */
  async update(
    key: string,
    value: Uint8Array,
    expectedModRevision: number,
    options: WriteOptions = {},
  ): Promise<WriteResult> {
    // etcd sees a missing key as mod revision 0: without this, an update "from 0" would create the key.
    if (expectedModRevision <= 0) {
      checkSize(key, value);
      return { ok: false, current: await this.get(key) };
    }
    const k = this.keys.encode(key);
    const res = await this.guardedWrite('update', key, value, options.ttlSeconds, (lease) =>
      updateTxn(k, value, expectedModRevision, lease),
    );
    if (!res.succeeded) return { ok: false, current: this.first(res.responses[0]?.response_range) };
    const revision = Number(res.header.revision);
    const written = this.first(res.responses[1]?.response_range);
    return {
      ok: true,
      revision,
      kv: { key, value, createRevision: written?.createRevision ?? revision, modRevision: revision },
    };
  }

  /** {@inheritDoc Store.delete} One transaction: delete (returning the old version) if guarded ok, else read. */
  async delete(key: string, expectedModRevision?: number): Promise<WriteResult> {
    const k = this.keys.encode(key);
    const res = await this.guardedWrite('delete', key, undefined, undefined, () => deleteTxn(k, expectedModRevision));
    if (!res.succeeded) return { ok: false, current: this.first(res.responses[0]?.response_range) };
    const deleted = res.responses[0]?.response_delete_range?.prev_kvs[0];
    if (deleted === undefined) return { ok: false, current: undefined };
    return { ok: true, revision: Number(res.header.revision), kv: this.keys.keyValue(deleted) };
  }

  /**
   * See {@link Store.watch}. A `deleted` event's `kv` is the deleted version (last value, create revision)
   * with `modRevision` set to the delete's revision; `prevKv` is the deleted version unchanged. Keys whose
   * TTL lease expires produce `deleted` events like any other delete. Concurrent watches of one prefix share
   * one etcd watch; each still checks at its start that etcd has not compacted past its revision.
   */
  watch(prefix: string, options: WatchOptions): AsyncIterable<WatchEvent> {
    return this.watches.watch(prefix, options);
  }

  /** {@inheritDoc Store.currentRevision} etcd starts at revision 1, so a fresh etcd reports 1, not 0. */
  async currentRevision(): Promise<number> {
    const res = await this.read('revision', 0, (o) => this.client.kv.range({ key: PROBE_KEY, count_only: true }, o));
    return Number(res.header.revision);
  }

  /** See {@link Store.compact}. Physical: it returns once etcd has removed the history from its database. */
  async compact(revision: number): Promise<void> {
    if (this.closing !== undefined) throw new StoreClosedError();
    if (revision <= this.compaction.lowerBound()) return;
    try {
      await callEtcd(this.ctx, 'compact', Idempotence.Safe, (o) =>
        this.client.kv.compact({ revision, physical: true }, o),
      );
    } catch (err) {
      // etcd refuses a compaction at or below its last one: the history is already gone, as asked.
      if (!isCompactedFailure(err)) throw await this.translate(err, 'compact', { revision });
    }
    this.compaction.note(revision);
  }

  /**
   * See {@link Store.compactedRevision}. etcd does not report it: this is the highest compaction this
   * store made or found, checked with one read and, if another client compacted further, found by binary
   * search with count-only reads (see `compaction.ts`).
   */
  async compactedRevision(): Promise<number> {
    if (this.closing !== undefined) throw new StoreClosedError();
    try {
      return await this.compaction.compactedRevision();
    } catch (err) {
      throw await this.translate(err, 'compaction probe', {});
    }
  }

  /** {@inheritDoc Store.close} Cancels every watch, then closes the client's connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.watches.close();
      this.client.close();
    })();
    return this.closing;
  }

  /** Resolves once etcd answers a linearizable read before `deadline`. Rejects with etcd's error. */
  async ping(deadline: number): Promise<void> {
    await this.client.kv.range({ key: PROBE_KEY, count_only: true }, { deadline });
  }

  private async readableAt(revision: number): Promise<boolean> {
    try {
      await callEtcd(this.ctx, 'read', Idempotence.Safe, (o) =>
        this.client.kv.range({ key: PROBE_KEY, revision, count_only: true }, o),
      );
      return true;
    } catch (err) {
      if (isCompactedFailure(err)) return false;
      throw err;
    }
  }

  private async read(
    what: string,
    revision: number,
    attempt: (o: CallOptions) => Promise<IRangeResponse>,
  ): Promise<IRangeResponse> {
    try {
      return await callEtcd(this.ctx, what, Idempotence.Safe, attempt);
    } catch (err) {
      throw await this.translate(err, what, { revision });
    }
  }

  /** One transaction, with a lease when `ttlSeconds` is positive (granted again if etcd lost it). */
  private async guardedWrite(
    what: string,
    key: string,
    value: Uint8Array | undefined,
    ttlSeconds: number | undefined,
    txn: (lease: string | undefined) => ITxnRequest,
  ): Promise<ITxnResponse> {
    if (value !== undefined) checkSize(key, value);
    const send = (lease: string | undefined): Promise<ITxnResponse> =>
      callEtcd(this.ctx, what, Idempotence.WriteOnce, (o) => this.client.kv.txn(txn(lease), o));
    try {
      if (ttlSeconds === undefined || !(ttlSeconds > 0)) return await send(undefined);
      const lease = await this.leases.leaseFor(ttlSeconds);
      try {
        return await send(lease);
      } catch (err) {
        if (!isLeaseNotFoundFailure(err)) throw err;
        this.leases.forget(lease);
        return await send(await this.leases.leaseFor(ttlSeconds));
      }
    } catch (err) {
      throw await this.translate(err, what, { key, size: value?.byteLength ?? 0 });
    }
  }

  /** The store error for an etcd failure, given what the request was about. */
  private translate(err: unknown, what: string, about: FailureContext): Promise<StorageError> {
    return toStorageError(err, what, about, {
      compactedRevision: () => this.compaction.compactedRevision().catch(() => this.compaction.lowerBound()),
      currentRevision: () => this.currentRevision().catch(() => 0),
    });
  }

  private first(res: IRangeResponse | undefined): KeyValue | undefined {
    const kv = res?.kvs[0];
    return kv === undefined ? undefined : this.keys.keyValue(kv);
  }
}

function checkSize(key: string, value: Uint8Array): void {
  if (value.byteLength > MAX_VALUE_BYTES) throw new ValueTooLargeError(key, value.byteLength, MAX_VALUE_BYTES);
}
