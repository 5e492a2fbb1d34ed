/**
 * SharedInformerFactory: hands out one SharedInformer per resource, so that every controller in a process
 * shares one list-and-watch (and one cache) per resource. Ask for informers first, then `start`; informers
 * asked for after `start` run from the next `start`.
 */
import { type Clock, realClock } from '../clock/clock.js';
import type { KubeObject } from '../kube-object.js';
import { Lister } from '../listers/lister.js';
import type { ResourceClient } from '../rest/resource-client.js';
import type { ResourceDescriptor } from '../rest/resource-path.js';
import type { TransformFunc } from './delta-fifo.js';
import { listWatchFromClient } from './list-watch.js';
import { SharedInformer } from './shared-informer.js';

/** Whatever makes ResourceClients (a RestClient). */
export interface ResourceClientSource {
  resource<T extends KubeObject>(descriptor: ResourceDescriptor): ResourceClient<T>;
}

export interface SharedInformerFactoryOptions {
  /** Resync period of every informer (0 or absent: never). */
  readonly resyncPeriodMs?: number;
  /** Watch one namespace only ('' or absent: all). */
  readonly namespace?: string;
  /** Restrict every informer to matching objects. */
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly pageSize?: number;
  /** Rewrites each object of every informer before it is cached (see TransformFunc), e.g. stripManagedFields. */
  readonly transform?: TransformFunc<KubeObject>;
  /** Deep-freeze cached objects, so that mutating one throws (meant for tests). */
  readonly freezeObjects?: boolean;
  readonly onError?: (err: unknown) => void;
}

/** `v1/pods`, `apps/v1/deployments`: the key of an informer, and its name in reports. */
const descriptorKey = (d: ResourceDescriptor): string =>
  d.group === '' ? `${d.version}/${d.resource}` : `${d.group}/${d.version}/${d.resource}`;

export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedInformer<KubeObject>>();
  private readonly runs = new Map<string, Promise<void>>();

  constructor(
    private readonly client: ResourceClientSource,
    private readonly options: SharedInformerFactoryOptions = {},
  ) {}

  /** The informer of `descriptor`'s resource, created on first request. */
  forResource<T extends KubeObject>(descriptor: ResourceDescriptor): SharedInformer<T> {
    const key = descriptorKey(descriptor);
    let informer = this.informers.get(key);
    if (informer === undefined) {
      const { namespace, labelSelector, fieldSelector, ...rest } = this.options;
      const lw = listWatchFromClient(this.client.resource<KubeObject>(descriptor), namespace ?? '', {
        ...(labelSelector === undefined ? {} : { labelSelector }),
        ...(fieldSelector === undefined ? {} : { fieldSelector }),
      });
      informer = new SharedInformer<KubeObject>(lw, { ...rest, clock: rest.clock ?? realClock, name: key });
      this.informers.set(key, informer);
    }
    return informer as unknown as SharedInformer<T>;
  }

  /** A Lister over the informer of `descriptor`'s resource (which this creates if needed). */
  lister<T extends KubeObject>(descriptor: ResourceDescriptor): Lister<T> {
    return new Lister<T>(this.forResource<T>(descriptor).indexer);
  }

  /** Runs every informer not yet running, until `signal` aborts. */
  start(signal: AbortSignal): void {
    for (const [key, informer] of this.informers) {
      if (!this.runs.has(key)) this.runs.set(key, informer.run(signal));
    }
  }

  /** Waits until every started informer has synced; the map tells which did (false: aborted or stopped). */
  async waitForCacheSync(signal?: AbortSignal): Promise<Map<string, boolean>> {
    const result = new Map<string, boolean>();
    for (const key of this.runs.keys()) {
      const informer = this.informers.get(key);
      if (informer !== undefined) result.set(key, await informer.waitForSync(signal));
    }
    return result;
  }

  /** Resolves once every started informer has stopped (abort their signal first). */
  async shutdown(): Promise<void> {
    await Promise.all(this.runs.values());
  }
}
