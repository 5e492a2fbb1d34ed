/** The strategies of autoscaling (v1 and v2 share one resource and one strategy). */
import type { Strategy } from '../strategy.js';
import { horizontalPodAutoscalersStrategy } from './horizontalpodautoscalers/strategy.js';

export const STRATEGIES: Record<string, Strategy> = {
  horizontalpodautoscalers: horizontalPodAutoscalersStrategy,
};
