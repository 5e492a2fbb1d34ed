/**
 * ResourceClient: the verbs of one resource (get, list, create, update, updateStatus, patch, delete, watch,
 * and subresources), typed by the object they carry. Every failure throws ApiError / TransportError (see
 * Transport). For cluster-scoped resources the namespace argument is ignored: pass ''.
 */
import type { Status } from '../../machinery/status.js';
import type { KubeObject, ObjectList } from '../kube-object.js';
import { WatchStream } from '../watch/watch-stream.js';
import type { RequestContext } from './api-error.js';
import {
  type DeleteOptions,
  type ListOptions,
  type PatchOptions,
  PatchType,
  type WatchOptions,
  type WriteOptions,
} from './request-options.js';
import { type ResourceDescriptor, resourcePath } from './resource-path.js';
import type { HttpMethod, QueryValue, Transport } from './transport.js';

export type { ResourceDescriptor } from './resource-path.js';

export class ResourceClient<T extends KubeObject = KubeObject> {
  constructor(
    private readonly transport: Transport,
    readonly descriptor: ResourceDescriptor,
  ) {}

  /** Reads one object. @throws ApiError NotFound when there is none. */
  get(namespace: string, name: string, options: { signal?: AbortSignal } = {}): Promise<T> {
    return this.call('GET', namespace, name, undefined, {}, undefined, options.signal);
  }

  /** One page of the collection (all of it without `limit`); `namespace` '' lists every namespace. */
  list(namespace: string, options: ListOptions = {}): Promise<ObjectList<T>> {
    const { signal, ...query } = options;
    return this.call('GET', namespace, undefined, undefined, query, undefined, signal);
  }

  /**
   * Creates `object`. With `discardResult` the answer is not decoded (for a writer that does not read it).
   * @throws ApiError AlreadyExists when the name is taken, Invalid when it fails validation.
   */
  create(namespace: string, object: T, options: WriteOptions & { discardResult: true }): Promise<void>;
  create(namespace: string, object: T, options?: DecodedWrite): Promise<T>;
  create(namespace: string, object: T, options?: MaybeDiscarded): Promise<T | void>;
  create(namespace: string, object: T, options: MaybeDiscarded = {}): Promise<T | void> {
    return this.write('POST', namespace, undefined, undefined, object, options);
  }

  /**
   * Replaces the object named by `object.metadata.name`. With `metadata.resourceVersion` set, the write
   * succeeds only if nobody wrote since. @throws ApiError Conflict when somebody did.
   */
  update(namespace: string, object: T, options: WriteOptions = {}): Promise<T> {
    return this.write('PUT', namespace, nameOf(object), undefined, object, options);
  }

  /**
   * Replaces the status of the object (the `status` subresource); as `update` otherwise. With `discardResult`
   * the answer is not decoded: for a writer that does not read it (a kubelet writing its pods' status).
   */
  updateStatus(namespace: string, object: T, options: WriteOptions & { discardResult: true }): Promise<void>;
  updateStatus(namespace: string, object: T, options?: DecodedWrite): Promise<T>;
  updateStatus(namespace: string, object: T, options?: MaybeDiscarded): Promise<T | void>;
  updateStatus(namespace: string, object: T, options: MaybeDiscarded = {}): Promise<T | void> {
    return this.write('PUT', namespace, nameOf(object), 'status', object, options);
  }

  /**
   * Patches the object: `json` (RFC 6902 operations), `merge` (RFC 7386), `strategic`, or `apply` (server-side
   * apply: `fieldManager` required; `force` takes fields over). A string body is sent as is.
   */
  patch(namespace: string, name: string, type: PatchType, body: unknown, options: PatchOptions = {}): Promise<T> {
    const query: Record<string, QueryValue> = writeQuery(options);
    if (type === 'apply' && options.force !== undefined) query['force'] = options.force;
    return this.call('PATCH', namespace, name, options.subresource, query, body, options.signal, PatchType[type]);
  }

  /**
   * Deletes the object. Answers the object (when deletion waits on finalizers or a grace period) or a
   * success Status. @throws ApiError NotFound when there is none, Conflict when a precondition fails.
   */
  delete(namespace: string, name: string, options: DeleteOptions = {}): Promise<T | Status> {
    const { signal, dryRun, ...rest } = options;
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1', ...rest };
    if (dryRun) body['dryRun'] = ['All'];
    return this.call('DELETE', namespace, name, undefined, {}, body, signal);
  }

  /**
   * Opens a watch on the collection; resolves once the server has accepted it. Iterate the result for events.
   * @throws ApiError when the server refuses (e.g. 410 for a too-old resourceVersion, on some servers).
   */
  async watch(namespace: string, options: WatchOptions = {}): Promise<WatchStream<T>> {
    const { signal, ...rest } = options;
    const source = await this.transport.stream({
      method: 'GET',
      path: resourcePath(this.descriptor, namespace),
      query: { watch: true, ...rest },
      ...(signal === undefined ? {} : { signal }),
      context: this.context('GET'),
    });
    return new WatchStream<T>(source, signal);
  }

  /** Reads a subresource (e.g. `scale`). */
  getSubresource<R = unknown>(namespace: string, name: string, subresource: string, signal?: AbortSignal): Promise<R> {
    return this.call('GET', namespace, name, subresource, {}, undefined, signal);
  }

  /**
   * Posts to a subresource (e.g. `binding` or `eviction` of pods). With `discardResult`, a successful answer
   * is not decoded (client-go's `Do(ctx).Error()`, as its pod Bind does).
   */
  createSubresource(
    namespace: string,
    name: string,
    subresource: string,
    body: unknown,
    options: WriteOptions & { discardResult: true },
  ): Promise<void>;
  createSubresource<R = unknown>(
    namespace: string,
    name: string,
    subresource: string,
    body: unknown,
    options?: DecodedWrite,
  ): Promise<R>;
  createSubresource<R = unknown>(
    namespace: string,
    name: string,
    subresource: string,
    body: unknown,
    options?: MaybeDiscarded,
  ): Promise<R | undefined>;
  createSubresource<R = unknown>(
    namespace: string,
    name: string,
    subresource: string,
    body: unknown,
    options: MaybeDiscarded = {},
  ): Promise<R | undefined> {
    return this.write('POST', namespace, name, subresource, body, options);
  }

  /** Replaces a subresource (e.g. `scale`). */
  updateSubresource<R = unknown>(
    namespace: string,
    name: string,
    subresource: string,
    body: unknown,
    options: WriteOptions = {},
  ): Promise<R> {
    return this.write('PUT', namespace, name, subresource, body, options);
  }

  /** A write whose options may discard the answer (see RequestOptions.discardResult). */
  private write<R>(
    method: HttpMethod,
    namespace: string,
    name: string | undefined,
    subresource: string | undefined,
    body: unknown,
    options: MaybeDiscarded,
  ): Promise<R> {
    const query = writeQuery(options);
    return this.call(
      method,
      namespace,
      name,
      subresource,
      query,
      body,
      options.signal,
      undefined,
      options.discardResult,
    );
  }

  private async call<R>(
    method: HttpMethod,
    namespace: string,
    name: string | undefined,
    subresource: string | undefined,
    query: Readonly<Record<string, QueryValue>>,
    body: unknown,
    signal: AbortSignal | undefined,
    contentType?: string,
    discardResult?: boolean,
  ): Promise<R> {
    const result = await this.transport.request({
      method,
      path: resourcePath(this.descriptor, namespace, name, subresource),
      query,
      ...(body === undefined ? {} : { body }),
      ...(contentType === undefined ? {} : { contentType }),
      ...(signal === undefined ? {} : { signal }),
      ...(discardResult === true ? { discardResult } : {}),
      context: this.context(method, name),
    });
    return result as R;
  }

  private context(verb: string, name?: string): RequestContext {
    const { group, resource } = this.descriptor;
    return name === undefined ? { verb, group, resource } : { verb, group, resource, name };
  }
}

/** Write options whose answer is decoded (and returned). */
type DecodedWrite = WriteOptions & { readonly discardResult?: false };
/** Write options that may or may not discard the answer (known only at run time). */
type MaybeDiscarded = WriteOptions & { readonly discardResult?: boolean };

function writeQuery(options: WriteOptions): Record<string, QueryValue> {
  return { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager };
}

function nameOf(object: KubeObject): string {
  const name = object.metadata?.name;
  if (!name) throw new TypeError('the object has no metadata.name');
  return name;
}
