/** The strategies of storage.k8s.io/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { storageClassesStrategy } from './storageclasses/strategy.js';

export const STRATEGIES: Record<string, Strategy> = { storageclasses: storageClassesStrategy };
