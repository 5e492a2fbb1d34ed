/**
 * Services: status is the cloud controller's; cluster IPs, node ports and the health check port, once
 * allocated, survive updates that omit them, and a type change drops what the new type cannot use.
 * Allocating IPs and ports is the service REST layer's job, not the strategy's.
 */
import { type FieldError, FieldPath, forbidden, invalid } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { keepAllButStatus, type Obj, obj } from '../validation/json.js';
import { nameIsDNS1035Label } from '../validation/names.js';
import { validateClusterIPsUpdate, validateIPFamiliesUpdate } from './cluster-ips.js';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from './prepare.js';
import { needsHealthCheck } from './service-types.js';
import { validateLoadBalancerStatus, validateService } from './service-validation.js';

function validateServiceUpdate(svc: Obj, old: Obj): FieldError[] {
  const spec = obj(svc.spec);
  const oldSpec = obj(old.spec);
  const errors = [...validateClusterIPsUpdate(spec, oldSpec), ...validateIPFamiliesUpdate(spec, oldSpec)];
  if (
    oldSpec.type === 'LoadBalancer' &&
    spec.type === 'LoadBalancer' &&
    oldSpec.loadBalancerClass !== spec.loadBalancerClass
  ) {
    errors.push(
      invalid(FieldPath.root('spec').child('loadBalancerClass'), spec.loadBalancerClass, 'may not change once set'),
    );
  }
  if (needsHealthCheck(oldSpec) && needsHealthCheck(spec) && spec.healthCheckNodePort !== oldSpec.healthCheckNodePort) {
    errors.push(forbidden(FieldPath.root('spec').child('healthCheckNodePort'), 'field is immutable'));
  }
  return [...errors, ...validateService(svc)];
}

export const servicesStrategy: Strategy = {
  prepareForCreate(svc: ApiObject): void {
    svc.status = { loadBalancer: {} };
    normalizeClusterIPs(obj((svc.spec ??= {})), undefined);
  },
  validate: (svc) => validateService(svc),
  prepareForUpdate(svc: ApiObject, old: ApiObject): void {
    svc.status = structuredClone(old.status ?? { loadBalancer: {} });
    const spec = obj((svc.spec ??= {}));
    const oldSpec = obj(old.spec);
    patchAllocatedValues(spec, oldSpec);
    normalizeClusterIPs(spec, oldSpec);
    dropTypeDependentFields(svc, old);
  },
  validateUpdate: (svc, old) => validateServiceUpdate(svc, old),
  prepareForStatusUpdate: (svc, old) => keepAllButStatus(svc, old),
  validateStatusUpdate: (svc) => validateLoadBalancerStatus(svc),
  validateName: nameIsDNS1035Label,
};
