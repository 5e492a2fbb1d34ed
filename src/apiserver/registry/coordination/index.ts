/** The strategies of coordination.k8s.io/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { leasesStrategy } from './leases/strategy.js';

export const STRATEGIES: Record<string, Strategy> = { leases: leasesStrategy };
