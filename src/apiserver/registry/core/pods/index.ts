/**
 * The Pod family's registry policies: `pods`, `podtemplates`, `replicationcontrollers` and `bindings`,
 * plus the checks other kinds reuse for the pod templates they embed.
 */
import type { Strategy } from '../../strategy.js';
import { podTemplateStrategy } from '../podtemplates/strategy.js';
import { replicationControllerStrategy } from '../replicationcontrollers/strategy.js';
import { bindingStrategy } from './binding.js';
import { podStrategy } from './strategy.js';

export const POD_STRATEGIES: Record<string, Strategy> = {
  pods: podStrategy,
  podtemplates: podTemplateStrategy,
  replicationcontrollers: replicationControllerStrategy,
  bindings: bindingStrategy,
};

export { bindPod, bindingErrors } from './binding.js';
export { computeQOS } from './qos.js';
export { podSpecErrors, type PodSpecOptions } from './validation/pod-spec.js';
export { podTemplateSpecErrors } from './validation/pod-template-spec.js';
