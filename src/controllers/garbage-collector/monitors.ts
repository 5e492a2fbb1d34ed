/**
 * The collector's view of every resource (upstream GraphBuilder monitors): one shared informer per resource
 * that supports delete, list and watch (events excepted), each feeding the graph builder with the object's
 * apiVersion and kind. Informers come from the shared factory, so resources other controllers watch cost
 * nothing extra.
 */
import type { KubeObject } from '../../client/kube-object.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import { type ApiResource, type Discovery, supportsAllVerbs } from '../namespace/api-discovery.js';
import type { GraphBuilder } from './graph-builder.js';
import { metadataOf } from './object-identity.js';
import { apiVersionOf, descriptorOf } from './rest-mapper.js';

/** Upstream's default ignored resources: events are never owners worth a graph. */
export const IGNORED_RESOURCES: ReadonlySet<string> = new Set(['events', 'events.events.k8s.io']);

const groupResource = (r: ApiResource): string => (r.group === '' ? r.resource : `${r.resource}.${r.group}`);

/** The resources the collector watches: preferred versions supporting delete, list and watch. */
export function deletableResources(discovery: Discovery): ApiResource[] {
  return discovery.preferred.filter(
    (r) => supportsAllVerbs(r, ['delete', 'list', 'watch']) && !IGNORED_RESOURCES.has(groupResource(r)),
  );
}

export class Monitors {
  private readonly monitored = new Map<string, SharedInformer<KubeObject>>();

  constructor(
    private readonly informers: SharedInformerFactory,
    private readonly graph: GraphBuilder,
  ) {}

  /** The resources monitored, as `resource.group`. */
  names(): string[] {
    return [...this.monitored.keys()];
  }

  /**
   * Adds an informer (and its graph handler) for each resource not monitored yet; returns the new ones.
   * The caller starts them (`SharedInformerFactory.start`).
   */
  add(resources: readonly ApiResource[]): SharedInformer<KubeObject>[] {
    const added: SharedInformer<KubeObject>[] = [];
    for (const r of resources) {
      const key = groupResource(r);
      if (this.monitored.has(key)) continue;
      const informer = this.informers.forResource<KubeObject>(descriptorOf(r));
      const apiVersion = apiVersionOf(r);
      const { kind } = r;
      const { graph } = this;
      informer.addEventHandler({
        onAdd: (obj) => graph.process({ type: 'add', apiVersion, kind, meta: metadataOf(obj) }),
        onUpdate: (old, obj) =>
          graph.process({ type: 'update', apiVersion, kind, meta: metadataOf(obj), oldMeta: metadataOf(old) }),
        onDelete: (obj) => {
          const last = obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
          graph.process({ type: 'delete', apiVersion, kind, meta: metadataOf(last) });
        },
      });
      this.monitored.set(key, informer);
      added.push(informer);
    }
    return added;
  }

  /** Whether every monitor has synced. */
  synced(): boolean {
    return [...this.monitored.values()].every((i) => i.hasSynced());
  }
}
