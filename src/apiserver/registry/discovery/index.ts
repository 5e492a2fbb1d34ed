/** The strategies of discovery.k8s.io/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { endpointSlicesStrategy } from './endpointslices/strategy.js';

export const STRATEGIES: Record<string, Strategy> = { endpointslices: endpointSlicesStrategy };
