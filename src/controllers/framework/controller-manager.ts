/**
 * The controller manager (upstream kube-controller-manager): builds the chosen controllers over one shared
 * informer factory, starts the informers once every controller has registered its handlers, waits for their
 * caches, then runs every controller until the signal aborts. With leader election, all of that happens only
 * while this process holds the `kube-system/kube-controller-manager` Lease.
 */
import { setMaxListeners } from 'node:events';
import { type Clock, realClock } from '../../client/clock/clock.js';
import { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import { stripManagedFields } from '../../client/informers/strip-managed-fields.js';
import { runElected } from '../../client/leader-election/run-elected.js';
import { ApiEventRecorder, type EventRecorder } from '../../client/record/event-recorder.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import type { Controller, ControllerContext, ControllerFactory } from './controller.js';
import { type ControllerOptions, DEFAULT_CONTROLLER_OPTIONS } from './controller-options.js';

export interface ControllerManagerOptions {
  readonly client: RestClient;
  /** The controllers by name; which of them run is `enabled`. */
  readonly registry: ReadonlyMap<string, ControllerFactory>;
  /** Upstream's `--controllers` syntax: `*` (all), `name`, `-name`. Default `['*']`. */
  readonly enabled?: readonly string[];
  readonly options?: Partial<ControllerOptions>;
  readonly clock?: Clock;
  /** Run only while holding the Lease (default false: run at once). */
  readonly leaderElect?: boolean;
  readonly identity?: string;
  /** Called once the controllers run (informers synced). */
  readonly onReady?: (names: readonly string[]) => void;
}

/** Which registry names `--controllers` selects (upstream: `*` all, `foo` on, `-foo` off; later wins). */
export function selectControllers(names: Iterable<string>, enabled: readonly string[] = ['*']): string[] {
  return [...names].filter((name) => {
    if (enabled.includes(`-${name}`)) return false;
    return enabled.includes(name) || enabled.includes('*');
  });
}

export async function runControllerManager(options: ControllerManagerOptions, signal: AbortSignal): Promise<void> {
  const work = (leading: AbortSignal): Promise<void> => runControllers(options, leading);
  if (!options.leaderElect) return work(signal);
  await runElected(
    options.client,
    { namespace: 'kube-system', name: 'kube-controller-manager', identity: options.identity ?? defaultIdentity() },
    work,
    signal,
  );
}

async function runControllers(options: ControllerManagerOptions, signal: AbortSignal): Promise<void> {
  setMaxListeners(0, signal); // every informer, watch and worker listens for the stop
  const clock = options.clock ?? realClock;
  // Cached without managedFields, as upstream's controller manager does: no controller reads them.
  const informers = new SharedInformerFactory(options.client, { clock, transform: stripManagedFields });
  const recorders = new Map<string, EventRecorder>();
  const context: ControllerContext = {
    client: options.client,
    informers,
    clock,
    options: { ...DEFAULT_CONTROLLER_OPTIONS, ...options.options },
    recorder: (component) => {
      const existing = recorders.get(component);
      if (existing !== undefined) return existing;
      const recorder = new ApiEventRecorder(options.client, { component, clock });
      recorders.set(component, recorder);
      return recorder;
    },
  };
  const controllers: Controller[] = [];
  for (const name of selectControllers(options.registry.keys(), options.enabled)) {
    const factory = options.registry.get(name) as ControllerFactory;
    controllers.push(factory(context));
  }
  informers.start(signal);
  await informers.waitForCacheSync(signal);
  if (signal.aborted) {
    await informers.shutdown();
    return;
  }
  options.onReady?.(controllers.map((c) => c.name));
  await Promise.all(
    controllers.map((c) =>
      c.run(signal).catch((err: unknown) => {
        console.error(`controller ${c.name} stopped: ${err instanceof Error ? err.message : String(err)}`);
      }),
    ),
  );
  await informers.shutdown();
}

function defaultIdentity(): string {
  return `${process.env['HOSTNAME'] ?? 'skiff'}_${process.pid}_${Math.random().toString(16).slice(2, 10)}`;
}
