/** The policy of `podtemplates`: the template is validated as a pod template; changes bump generation. */
import { isDeepStrictEqual } from 'node:util';
import { FieldPath } from '../../../../machinery/field-errors.js';
import type { Strategy } from '../../strategy.js';
import { podTemplateSpecErrors } from '../pods/validation/pod-template-spec.js';

const TEMPLATE = FieldPath.root('template');

export const podTemplateStrategy: Strategy = {
  prepareForCreate(obj) {
    (obj.metadata ??= {}).generation = 1;
  },
  validate: (obj) => podTemplateSpecErrors(obj.template, TEMPLATE),
  prepareForUpdate(obj, old) {
    const generation = typeof old.metadata?.generation === 'number' ? old.metadata.generation : 1;
    const changed = !isDeepStrictEqual(
      JSON.parse(JSON.stringify(obj.template ?? null)),
      JSON.parse(JSON.stringify(old.template ?? null)),
    );
    (obj.metadata ??= {}).generation = changed ? generation + 1 : generation;
  },
  validateUpdate: (obj) => podTemplateSpecErrors(obj.template, TEMPLATE),
  allowUnconditionalUpdate: true,
};
