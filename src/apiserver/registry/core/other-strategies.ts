/** The strategies of the core/v1 resources outside the Pod family, by resource (plural). */
import type { Strategy } from '../strategy.js';
import { configmapsStrategy } from './configmaps/strategy.js';
import { endpointsStrategy } from './endpoints/strategy.js';
import { eventsStrategy } from './events/strategy.js';
import { limitrangesStrategy } from './limitranges/strategy.js';
import { namespacesStrategy } from './namespaces/strategy.js';
import { nodesStrategy } from './nodes/strategy.js';
import { persistentvolumeclaimsStrategy } from './persistentvolumeclaims/strategy.js';
import { persistentvolumesStrategy } from './persistentvolumes/strategy.js';
import { resourcequotasStrategy } from './resourcequotas/strategy.js';
import { secretsStrategy } from './secrets/strategy.js';
import { serviceaccountsStrategy } from './serviceaccounts/strategy.js';
import { servicesStrategy } from './services/strategy.js';

export const CORE_STRATEGIES: Record<string, Strategy> = {
  namespaces: namespacesStrategy,
  configmaps: configmapsStrategy,
  services: servicesStrategy,
  endpoints: endpointsStrategy,
  secrets: secretsStrategy,
  serviceaccounts: serviceaccountsStrategy,
  nodes: nodesStrategy,
  events: eventsStrategy,
  limitranges: limitrangesStrategy,
  resourcequotas: resourcequotasStrategy,
  persistentvolumes: persistentvolumesStrategy,
  persistentvolumeclaims: persistentvolumeclaimsStrategy,
};
