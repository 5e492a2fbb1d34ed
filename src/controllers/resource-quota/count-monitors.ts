/**
 * Object counts of any resource (upstream QuotaMonitor's generic evaluators): a quota that names
 * `count/<resource>.<group>` for a resource without a built-in evaluator gets one on demand — the resource is
 * looked up in API discovery, an informer for it joins the shared factory and is started, and its changes
 * requeue the namespace's quotas like any tracked kind's.
 */
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { KubeObject } from '../../client/kube-object.js';
import type { ControllerContext } from '../framework/controller.js';
import { type Discovery, discover, supportsAllVerbs } from '../namespace/api-discovery.js';
import { objectCountEvaluator } from './core-evaluators.js';
import { type Evaluator, type GroupResource, groupResourceKey } from './evaluator.js';

const COUNT_PREFIX = 'count/';
/** Resources quota never monitors (upstream's ignored resources): there are too many of them. */
const IGNORED: ReadonlySet<string> = new Set(['events.']);
/** Discovery is read again at most this often when a name does not resolve (a CRD may appear). */
const DISCOVERY_TTL_MS = 30_000;

/** `count/deployments.apps` → apps/deployments; `count/pods` → core pods; other names → undefined. */
export function parseCountName(name: string): GroupResource | undefined {
  if (!name.startsWith(COUNT_PREFIX)) return undefined;
  const rest = name.slice(COUNT_PREFIX.length);
  const dot = rest.indexOf('.');
  const resource = dot < 0 ? rest : rest.slice(0, dot);
  const group = dot < 0 ? '' : rest.slice(dot + 1);
  return resource === '' ? undefined : { group, resource };
}

export class CountMonitors {
  private readonly evaluators = new Map<string, Evaluator>();
  private discovery: Discovery | undefined;
  private discoveredAt = -Infinity;
  private signal: AbortSignal | undefined;

  /**
   * @param known group resources with built-in evaluators (left alone here).
   * @param watch registers the replenishment handlers on a new informer.
   */
  constructor(
    private readonly context: ControllerContext,
    private readonly known: ReadonlySet<string>,
    private readonly watch: (gr: GroupResource, informer: SharedInformer<KubeObject>) => void,
  ) {}

  /** Informers created from now on run until `signal` aborts. */
  start(signal: AbortSignal): void {
    this.signal = signal;
  }

  /** The evaluators created so far. */
  list(): Evaluator[] {
    return [...this.evaluators.values()];
  }

  /**
   * Makes sure every `count/…` name among `names` whose resource the server serves has an evaluator. Names
   * of unknown resources are skipped (their usage stays unmeasured, as upstream's).
   */
  async ensure(names: readonly string[]): Promise<void> {
    const wanted = names
      .map(parseCountName)
      .filter((gr): gr is GroupResource => gr !== undefined)
      .filter((gr) => {
        const key = groupResourceKey(gr);
        return !IGNORED.has(key) && !this.known.has(key) && !this.evaluators.has(key);
      });
    if (wanted.length === 0 || this.signal === undefined) return;
    for (const gr of wanted) {
      let found = this.find(gr);
      if (found === undefined && this.context.clock.now() - this.discoveredAt > DISCOVERY_TTL_MS) {
        this.discoveredAt = this.context.clock.now();
        this.discovery = await discover(this.context.client, this.signal);
        found = this.find(gr);
      }
      if (found === undefined || this.evaluators.has(groupResourceKey(gr))) continue;
      const informer = this.context.informers.forResource<KubeObject>(found);
      this.watch(gr, informer);
      this.evaluators.set(groupResourceKey(gr), objectCountEvaluator(gr, informer));
      this.context.informers.start(this.signal);
    }
  }

  private find(
    gr: GroupResource,
  ): { group: string; version: string; resource: string; namespaced: boolean } | undefined {
    const r = this.discovery?.preferred.find(
      (p) =>
        p.group === gr.group && p.resource === gr.resource && p.namespaced && supportsAllVerbs(p, ['list', 'watch']),
    );
    return r === undefined ? undefined : { group: r.group, version: r.version, resource: r.resource, namespaced: true };
  }
}
