/** The strategies of policy/v1, by resource (evictions are a pod subresource, not listed here). */
import type { Strategy } from '../strategy.js';
import { podDisruptionBudgetsStrategy } from './poddisruptionbudgets/strategy.js';

export const STRATEGIES: Record<string, Strategy> = { poddisruptionbudgets: podDisruptionBudgetsStrategy };
