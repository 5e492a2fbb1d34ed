/**
 * A Service's pod selector, parsed once per cached Service object. Cached objects are immutable and replaced
 * on every change, so a WeakMap keyed by the object is an exact cache that empties itself.
 */
import type { Service } from '../../api/core/v1/service.js';
import { type LabelSelector, labelSelectorFromSet } from '../../machinery/labels/index.js';

const parsed = new WeakMap<Service, LabelSelector | null>();

/**
 * The selector of `service`, or undefined when it has none (an absent or empty `spec.selector`: such a
 * Service gets its endpoints from someone else, and selects no pods). ExternalName Services select nothing.
 */
export function serviceSelector(service: Service): LabelSelector | undefined {
  let selector = parsed.get(service);
  if (selector === undefined) {
    const set = service.spec?.selector;
    const usable = set && Object.keys(set).length > 0 && service.spec?.type !== 'ExternalName';
    selector = usable ? labelSelectorFromSet(set) : null;
    parsed.set(service, selector);
  }
  return selector ?? undefined;
}
