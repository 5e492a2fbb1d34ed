/** The strategies of networking.k8s.io/v1, by resource. */
import type { Strategy } from '../strategy.js';
import { ingressClassesStrategy } from './ingressclasses/strategy.js';
import { ingressesStrategy } from './ingresses/strategy.js';
import { networkPoliciesStrategy } from './networkpolicies/strategy.js';

export const STRATEGIES: Record<string, Strategy> = {
  ingresses: ingressesStrategy,
  ingressclasses: ingressClassesStrategy,
  networkpolicies: networkPoliciesStrategy,
};
