/** The strategies of events.k8s.io/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { eventsStrategy } from './events/strategy.js';

export const STRATEGIES: Record<string, Strategy> = { events: eventsStrategy };
