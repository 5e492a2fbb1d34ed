/** The policy of `ingresses` (networking.k8s.io/v1): rules, backends and TLS hosts; status is the controller's. */
import type { Strategy } from '../../strategy.js';
import { keepStatus } from '../../apps/validation/lifecycle.js';
import { ingressSpecErrors, ingressStatusErrors } from './validation.js';

export const ingressesStrategy: Strategy = {
  prepareForCreate(o) {
    o.status = { loadBalancer: {} };
  },
  validate: (o) => ingressSpecErrors(o.spec),
  prepareForUpdate: keepStatus,
  validateUpdate: (o) => ingressSpecErrors(o.spec),
  validateStatusUpdate: (o) => ingressStatusErrors(o.status),
};
