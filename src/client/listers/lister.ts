/**
 * Listers: reads of an informer's cache by label selector, namespace and name. They return the cached objects
 * themselves, shared with every other reader: callers must not mutate them (copy first, e.g. with
 * structuredClone). An informer created with `freezeObjects` makes such a mutation throw.
 */
import type { LabelSelector } from '../../machinery/labels/index.js';
import { Indexer, NAMESPACE_INDEX } from '../informers/indexer.js';
import type { KubeObject } from '../kube-object.js';

const selected = <T extends KubeObject>(objects: T[], selector: LabelSelector | undefined): T[] =>
  selector === undefined || selector.isEmpty() ? objects : objects.filter((o) => selector.matches(o.metadata?.labels));

/** Reads of one namespace. */
export interface NamespaceLister<T> {
  /** The objects of the namespace that match `selector` (all when absent). Do not mutate them. */
  list(selector?: LabelSelector): T[];
  /** The object called `name` in the namespace, or undefined. Do not mutate it. */
  get(name: string): T | undefined;
}

export class Lister<T extends KubeObject> {
  constructor(private readonly indexer: Indexer<T>) {}

  /** Every cached object that matches `selector` (all when absent). Do not mutate them. */
  list(selector?: LabelSelector): T[] {
    return selected(this.indexer.list(), selector);
  }

  /** The cached object `namespace/name` (namespace '' for cluster-scoped kinds), or undefined. Do not mutate it. */
  get(namespace: string, name: string): T | undefined {
    return this.indexer.getByKey(namespace ? `${namespace}/${name}` : name);
  }

  /** Reads limited to `namespace`, through the namespace index. */
  byNamespace(namespace: string): NamespaceLister<T> {
    return {
      list: (selector) => selected(this.indexer.byIndex(NAMESPACE_INDEX, namespace), selector),
      get: (name) => this.get(namespace, name),
    };
  }
}
