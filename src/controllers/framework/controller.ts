/**
 * What every controller is and gets. A controller is built from a ControllerContext (shared client, shared
 * informers, clock, event recorders, timings) and then `run` until its signal aborts. Controllers register
 * their informers' handlers while being built, so the manager can start every informer once, afterwards.
 */
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import type { EventRecorder } from '../../client/record/event-recorder.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import type { ControllerOptions } from './controller-options.js';

export interface Controller {
  /** Upstream's name, e.g. `deployment`, `garbage-collector`. */
  readonly name: string;
  /** Runs until `signal` aborts, then stops its workers and resolves. Informers are already synced. */
  run(signal: AbortSignal): Promise<void>;
}

export interface ControllerContext {
  readonly client: RestClient;
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  /** An event recorder reporting as `component` (e.g. `deployment-controller`). */
  recorder(component: string): EventRecorder;
  readonly options: ControllerOptions;
}

/** Builds a controller; registering informer handlers happens here. */
export type ControllerFactory = (context: ControllerContext) => Controller;
