/** The strategies of scheduling.k8s.io/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { priorityClassesStrategy } from './priorityclasses/strategy.js';

export const STRATEGIES: Record<string, Strategy> = { priorityclasses: priorityClassesStrategy };
