/** The strategies of apps/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { controllerRevisionsStrategy } from './controllerrevisions/strategy.js';
import { daemonSetsStrategy } from './daemonsets/strategy.js';
import { deploymentsStrategy } from './deployments/strategy.js';
import { replicaSetsStrategy } from './replicasets/strategy.js';
import { statefulSetsStrategy } from './statefulsets/strategy.js';

export const STRATEGIES: Record<string, Strategy> = {
  deployments: deploymentsStrategy,
  replicasets: replicaSetsStrategy,
  statefulsets: statefulSetsStrategy,
  daemonsets: daemonSetsStrategy,
  controllerrevisions: controllerRevisionsStrategy,
};
