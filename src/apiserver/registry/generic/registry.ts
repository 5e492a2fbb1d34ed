/**
 * The generic registry: create, get, update, delete of any kind over the store, with the system's
 * metadata rules, optimistic concurrency, graceful deletion and finalizers. A kind's own policy comes from
 * its strategy; this file knows nothing about any particular kind.
 */
import { applyDefaults } from '../../../api/schema/defaults.js';
import { apiVersionOf } from '../../../api/schema/kind.js';
import { schemaNode } from '../../../api/schema/schema-node.js';
import { FieldsV1Memo, setManagedFields, trackUpdate } from '../../../machinery/apply/index.js';
import { cloneJson, type JsonObject } from '../../../machinery/patch/json-value.js';
import { type FieldError, throwIfInvalid } from '../../../machinery/field-errors.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  notFound,
  OPTIMISTIC_LOCK_MESSAGE,
  StatusError,
} from '../../../machinery/status.js';
import type { KeyValue, Store } from '../../../storage/store.js';
import type { ApiObject, StrategyContext, UserInfo } from '../strategy.js';
import { decodeObject, encodeObject, encodeObjectText, toStatusError } from './codec.js';
import { metaOf, prepareCreateMeta, prepareUpdateMeta, timestamp } from './metadata.js';
import type { Resource } from './resource.js';
import { validateMeta, validateMetaUpdate } from './validate-meta.js';
import { sameJson } from './same-json.js';
import { WatchCache } from './watch-cache.js';
import { WrittenObjects } from './written-objects.js';
import type { AdmissionAttributes, AdmissionChain } from '../../admission/admission.js';

export interface WriteOptions {
  readonly dryRun?: boolean;
  readonly user?: UserInfo;
  /** Who makes the change, for metadata.managedFields (default `unknown`). */
  readonly fieldManager?: string;
  /** The caller already set metadata.managedFields (server-side apply). */
  readonly managedFieldsSet?: boolean;
}

export interface UpdateOptions extends WriteOptions {
  /** `status` updates only status; anything else only the rest. */
  /** `status` updates only status; `binding` sets what only a binding may (no strategy checks); others the rest. */
  readonly subresource?: 'status' | 'scale' | 'binding' | 'finalize';
  /**
   * The update function leaves the object it is given as it was and returns a new one, copying what it
   * changes and its metadata (copy on write): it is then handed the decoded current object itself, which
   * the write also compares with, instead of a second decoded copy. Only for writes whose rules change
   * nothing of the new object but its metadata (a binding's).
   */
  readonly copyOnWrite?: boolean;
}

/**
 * Computes the object to write from the current one (a fresh copy the function may change). A function that
 * declares no parameter (`() => replacement`, as a PUT's) is given none: the current object is then decoded
 * once (for the comparison with the old one), not twice.
 */
export type UpdateFn =
  ((current: ApiObject) => ApiObject | Promise<ApiObject>) | (() => ApiObject | Promise<ApiObject>);

export interface DeleteOptions extends WriteOptions {
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  readonly orphanDependents?: boolean;
}

export interface DeleteResult {
  /** The object as deleted, or as left in place while deletion waits (grace period, finalizers). */
  readonly object: ApiObject;
  /** True when the object is gone from storage. */
  readonly deleted: boolean;
}

/** Answers whether a namespace accepts new objects. */
export type NamespaceState = (namespace: string) => Promise<'active' | 'terminating' | 'missing'>;

export interface RegistryDeps {
  readonly store: Store;
  readonly now: () => Date;
  readonly namespaceState: NamespaceState;
  /** The admission stage, run after validation and before every write. */
  readonly admission?: AdmissionChain;
}

export class Registry {
  private cache: WatchCache | undefined;
  /** The kind's field sets, decoded once for all the objects that carry them. */
  private readonly fieldSets = new FieldsV1Memo();
  /**
   * What this registry wrote, for its watch cache. Only without a conversion: the cache holds objects as
   * decoded from the stored version, which a converted object need not equal.
   */
  private readonly written: WrittenObjects | undefined;

  constructor(
    readonly resource: Resource,
    private readonly deps: RegistryDeps,
  ) {
    this.written = resource.conversion === undefined ? new WrittenObjects() : undefined;
  }

  /** The resource's watch cache, started on first use. */
  watchCache(): WatchCache {
    this.cache ??= new WatchCache(this.deps.store, this.resource, this.written);
    return this.cache;
  }

  /** Stops the watch cache (its watches end). */
  close(): void {
    this.cache?.close();
  }

  async get(namespace: string | undefined, name: string): Promise<ApiObject> {
    const kv = await this.read(namespace, name);
    if (kv === undefined) throw notFound(this.resource.groupResource, name);
    return decodeObject(kv, this.resource.conversion);
  }

  async create(namespace: string | undefined, obj: ApiObject, options: WriteOptions = {}): Promise<ApiObject> {
    const { resource } = this;
    const ctx = this.context(options);
    this.checkNamespaceOfBody(obj, namespace);
    prepareCreateMeta(obj, resource.kind.namespaced ? namespace : undefined, ctx.now, resource.hasSpec);
    resource.strategy.prepareForCreate?.(obj, ctx);
    this.defaults(obj);
    const meta = metaOf(obj);
    throwIfInvalid(resource.groupKind, meta.name ?? '', [
      ...validateMeta(meta, resource),
      ...(resource.strategy.validate?.(obj, ctx) ?? []),
    ]);
    resource.strategy.canonicalize?.(obj);
    this.trackFields(undefined, obj, options);
    if (resource.kind.namespaced && namespace !== undefined)
      await this.checkNamespaceAccepts(namespace, meta.name ?? '');
    await this.admit('CREATE', namespace, meta.name ?? '', obj, undefined, options);
    const key = resource.keys.key(namespace, meta.name ?? '');
    if (options.dryRun) {
      if ((await this.read(namespace, meta.name ?? '')) !== undefined)
        throw alreadyExists(resource.groupResource, meta.name ?? '');
      return obj;
    }
    const ttl = resource.ttlSeconds === undefined ? {} : { ttlSeconds: resource.ttlSeconds };
    const result = await this.storeCall(() => this.deps.store.create(key, this.encode(obj), ttl));
    if (!result.ok) throw alreadyExists(resource.groupResource, meta.name ?? '');
    meta.resourceVersion = String(result.revision);
    return obj;
  }

  /**
   * Replaces an object with what `fn` computes from the current one, retrying on concurrent writes. When the
   * computed object carries a resourceVersion, it must be the current one (409 otherwise).
   */
  async update(
    namespace: string | undefined,
    name: string,
    fn: UpdateFn,
    options: UpdateOptions = {},
  ): Promise<{ object: ApiObject; created: boolean }> {
    const { resource } = this;
    for (;;) {
      const kv = await this.read(namespace, name);
      if (kv === undefined) throw notFound(resource.groupResource, name);
      const old = decodeObject(kv, resource.conversion);
      const obj = await (fn.length === 0
        ? (fn as () => ApiObject | Promise<ApiObject>)()
        : fn(options.copyOnWrite === true ? old : decodeObject(kv, resource.conversion)));
      const meta = metaOf(obj);
      this.checkNamespaceOfBody(obj, namespace);
      if (meta.name && meta.name !== name) {
        throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
      }
      meta.name = name;
      if (resource.kind.namespaced) meta.namespace = namespace;
      const precondition = meta.resourceVersion;
      if (precondition !== undefined && precondition !== '' && precondition !== String(kv.modRevision)) {
        throw conflict(resource.groupResource, name, OPTIMISTIC_LOCK_MESSAGE);
      }
      if (meta.uid && meta.uid !== metaOf(old).uid) {
        throw conflict(
          resource.groupResource,
          name,
          `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${String(metaOf(old).uid)}`,
        );
      }
      // An update without a resourceVersion is unconditional (last write wins) where the kind allows it.
      if ((precondition === undefined || precondition === '') && resource.strategy.allowUnconditionalUpdate !== false) {
        meta.resourceVersion = String(kv.modRevision);
      }
      this.prepareUpdate(obj, old, options);
      if (sameJson(stripVersion(obj), stripVersion(old))) return { object: old, created: false };
      // A binding writes the pod straight to storage upstream, outside the field manager: it adds no
      // managedFields entry (a scheduled pod's fields stay owned by their creator).
      if (options.subresource !== 'binding') this.trackFields(old, obj, options);
      await this.admit('UPDATE', namespace, name, obj, old, options);
      if (options.dryRun) return { object: obj, created: false };
      const finalizing =
        metaOf(obj).deletionTimestamp !== undefined &&
        (metaOf(obj).finalizers ?? []).length === 0 &&
        !(resource.strategy.pendingFinalization?.(obj) ?? false);
      if (finalizing && !this.waitsForGrace(obj)) {
        const gone = await this.storeCall(() => this.deps.store.delete(kv.key, kv.modRevision));
        if (gone.ok) return { object: obj, created: false };
      } else {
        const ttl = resource.ttlSeconds === undefined ? {} : { ttlSeconds: resource.ttlSeconds };
        const result = await this.storeCall(() =>
          this.deps.store.update(kv.key, this.encode(obj), kv.modRevision, ttl),
        );
        if (result.ok) {
          metaOf(obj).resourceVersion = String(result.revision);
          return { object: obj, created: false };
        }
      }
      if (precondition !== undefined && precondition !== '') {
        throw conflict(resource.groupResource, name, OPTIMISTIC_LOCK_MESSAGE);
      }
    }
  }

  async delete(namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<DeleteResult> {
    const { resource } = this;
    const ctx = this.context(options);
    for (;;) {
      const kv = await this.read(namespace, name);
      if (kv === undefined) throw notFound(resource.groupResource, name);
      const obj = decodeObject(kv, resource.conversion);
      const meta = metaOf(obj);
      const pre = options.preconditions;
      if (pre?.uid !== undefined && pre.uid !== meta.uid) {
        throw conflict(
          resource.groupResource,
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(meta.uid)}`,
        );
      }
      if (pre?.resourceVersion !== undefined && pre.resourceVersion !== meta.resourceVersion) {
        throw conflict(
          resource.groupResource,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${String(meta.resourceVersion)}`,
        );
      }
      const grace = this.gracePeriod(obj, options);
      const finalizers = new Set(meta.finalizers ?? []);
      const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : undefined);
      if (policy === 'Orphan') finalizers.add('orphan');
      if (policy === 'Foreground') finalizers.add('foregroundDeletion');
      await this.admit('DELETE', namespace, name, undefined, obj, options);
      const waits = resource.strategy.prepareForDelete?.(obj, ctx) ?? false;
      if (finalizers.size === 0 && grace === 0 && !waits) {
        if (options.dryRun) return { object: obj, deleted: true };
        const result = await this.storeCall(() => this.deps.store.delete(kv.key, kv.modRevision));
        if (result.ok) return { object: obj, deleted: true };
        continue;
      }
      // Deletion waits: for the grace period to pass (graceful deletion) or for finalizers to be removed.
      const deadline = new Date(ctx.now.getTime() + grace * 1000);
      const current = meta.deletionTimestamp === undefined ? undefined : new Date(meta.deletionTimestamp);
      if (current === undefined || deadline < current) {
        meta.deletionTimestamp = timestamp(deadline);
        meta.deletionGracePeriodSeconds = grace;
      }
      if (finalizers.size > 0) meta.finalizers = [...finalizers];
      if (options.dryRun) return { object: obj, deleted: false };
      const result = await this.storeCall(() => this.deps.store.update(kv.key, this.encode(obj), kv.modRevision));
      if (result.ok) {
        meta.resourceVersion = String(result.revision);
        return { object: obj, deleted: false };
      }
    }
  }

  /**
   * The bytes to store for `obj`, remembered for the watch cache: from here on the object is the cache's too,
   * so nothing may change it but its resourceVersion (set once the write succeeds).
   */
  private encode(obj: ApiObject): Uint8Array {
    if (this.written === undefined) return encodeObject(obj, this.resource.conversion);
    const text = encodeObjectText(obj, this.resource.conversion);
    const value = Buffer.from(text);
    this.written.remember(value, obj, text);
    return value;
  }

  /**
   * The JSON of an object this registry just wrote (as create and update return it), as served: made from
   * the text it was stored as, not serialized again. Undefined for any other object (serialize it then).
   */
  servedJson(obj: ApiObject): string | undefined {
    const { kind } = this.resource;
    return this.written?.servedJson(obj, apiVersionOf(kind), kind.kind);
  }

  /** The store key and value of an object, or undefined. */
  async read(namespace: string | undefined, name: string): Promise<KeyValue | undefined> {
    return this.storeCall(() => this.deps.store.get(this.resource.keys.key(namespace, name)));
  }

  private prepareUpdate(obj: ApiObject, old: ApiObject, options: UpdateOptions): void {
    const { resource } = this;
    const ctx = this.context(options);
    prepareUpdateMeta(obj, old, resource.hasSpec);
    const errors: FieldError[] = [];
    if (options.subresource === 'finalize') {
      if (resource.strategy.prepareForFinalize) resource.strategy.prepareForFinalize(obj, old);
      errors.push(...validateMetaUpdate(metaOf(obj), metaOf(old), resource));
    } else if (options.subresource === 'binding') {
      // The binding's own checks ran on the Binding; the pod keeps every other rule of its metadata.
      errors.push(...validateMetaUpdate(metaOf(obj), metaOf(old), resource));
    } else if (options.subresource === 'status') {
      if (resource.strategy.prepareForStatusUpdate) resource.strategy.prepareForStatusUpdate(obj, old, ctx);
      else keepAllButStatus(obj, old);
      this.defaults(obj);
      errors.push(...(resource.strategy.validateStatusUpdate?.(obj, old, ctx) ?? []));
    } else {
      if (resource.strategy.prepareForUpdate) resource.strategy.prepareForUpdate(obj, old, ctx);
      else if ('status' in old) obj.status = old.status;
      this.defaults(obj);
      errors.push(
        ...validateMetaUpdate(metaOf(obj), metaOf(old), resource),
        ...(resource.strategy.validateUpdate?.(obj, old, ctx) ?? []),
      );
    }
    throwIfInvalid(resource.groupKind, metaOf(obj).name ?? '', errors);
    resource.strategy.canonicalize?.(obj);
  }

  /** Records in metadata.managedFields which fields this write's manager now owns. */
  private trackFields(old: ApiObject | undefined, obj: ApiObject, options: UpdateOptions): void {
    if (options.managedFieldsSet) return;
    const { kind } = this.resource;
    const reset = kind.subresources?.status ? [[options.subresource === 'status' ? 'spec' : 'status']] : [];
    const entries = trackUpdate(old as JsonObject | undefined, obj as JsonObject, {
      manager: options.fieldManager ?? '',
      schema: schemaNode(kind.schema),
      apiVersion: apiVersionOf(kind),
      now: this.deps.now(),
      operation: 'Update',
      resetFields: reset,
      memo: this.fieldSets,
      ...(options.subresource === undefined ? {} : { subresource: options.subresource }),
    });
    setManagedFields(obj as JsonObject, entries);
  }

  private defaults(obj: ApiObject): void {
    applyDefaults(obj, this.resource.kind.schema);
    this.resource.kind.defaults?.(obj);
  }

  private gracePeriod(obj: ApiObject, options: DeleteOptions): number {
    const fallback = this.resource.strategy.defaultGracePeriodSeconds?.(obj);
    // Kinds without graceful deletion, and objects the strategy says need none (an unscheduled or finished
    // pod), go at once whatever the client asks; a negative period means the shortest grace, 1 s.
    if (fallback === undefined || fallback === 0) return 0;
    const asked = options.gracePeriodSeconds ?? fallback;
    return asked < 0 ? 1 : asked;
  }

  /** An object being deleted gracefully stays until its grace period ends (the kubelet then deletes it). */
  private waitsForGrace(obj: ApiObject): boolean {
    const meta = metaOf(obj);
    return (meta.deletionGracePeriodSeconds ?? 0) > 0 && this.resource.strategy.defaultGracePeriodSeconds !== undefined;
  }

  private checkNamespaceOfBody(obj: ApiObject, namespace: string | undefined): void {
    const meta = metaOf(obj);
    if (this.resource.kind.namespaced && meta.namespace && namespace !== undefined && meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  }

  private async checkNamespaceAccepts(namespace: string, name: string): Promise<void> {
    const state = await this.deps.namespaceState(namespace);
    if (state === 'missing') throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (state === 'terminating') {
      throw forbidden(
        this.resource.groupResource,
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  private async admit(
    operation: AdmissionAttributes['operation'],
    namespace: string | undefined,
    name: string,
    object: ApiObject | undefined,
    oldObject: ApiObject | undefined,
    options: UpdateOptions,
  ): Promise<void> {
    await this.deps.admission?.run({
      operation,
      resource: this.resource,
      ...(options.subresource === undefined ? {} : { subresource: options.subresource }),
      namespace,
      name,
      object,
      oldObject,
      user: options.user,
      dryRun: options.dryRun === true,
    });
  }

  private context(options: WriteOptions): StrategyContext {
    return options.user === undefined ? { now: this.deps.now() } : { now: this.deps.now(), user: options.user };
  }

  private async storeCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      throw err instanceof StatusError ? err : toStatusError(err);
    }
  }
}

function keepAllButStatus(obj: ApiObject, old: ApiObject): void {
  const status = obj.status;
  for (const key of Object.keys(obj)) if (key !== 'metadata') delete obj[key];
  for (const [key, value] of Object.entries(old))
    if (key !== 'metadata' && key !== 'status') obj[key] = cloneJson(value);
  if (status !== undefined) obj.status = status;
  // Metadata changes through the status subresource are ignored, as upstream does, except resourceVersion.
  const meta = metaOf(obj);
  const rv = meta.resourceVersion;
  obj.metadata = cloneJson(old.metadata);
  if (rv !== undefined) metaOf(obj).resourceVersion = rv;
}

function stripVersion(obj: ApiObject): unknown {
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = metaOf(obj);
  return { ...obj, metadata: meta };
}
