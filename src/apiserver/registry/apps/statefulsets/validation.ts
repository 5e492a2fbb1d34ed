/** StatefulSet validation (upstream's ValidateStatefulSetSpec, …Update, …Status). */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { validateLabels } from '../../../../machinery/validation/labels-annotations.js';
import { annotationsErrors, podAnnotationsErrors } from '../../core/pods/validation/pod-template-spec.js';
import { isObj, isSet, obj, semanticEqual, stringMap } from '../validation/json.js';
import { asSelector, isEmptyLabelSelector, validateLabelSelector } from '../validation/label-selector.js';
import {
  intOrPercentValue,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../validation/int-or-percent.js';
import { nonNegative, nonNegativeFields, replicaCountErrors } from '../validation/numbers.js';
import { alwaysRestartErrors, selectorMatchErrors } from '../validation/workload-template.js';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');

/** The fields of a StatefulSet spec an update may change; the message lists them as upstream's does. */
const MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];
export const FORBIDDEN_SPEC_UPDATE =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function updateStrategyErrors(strategyValue: unknown): FieldError[] {
  const path = SPEC.child('updateStrategy');
  const strategy = obj(strategyValue);
  switch (strategy.type ?? '') {
    case '':
      return [required(path)];
    case 'OnDelete':
      return isSet(strategy.rollingUpdate)
        ? [
            invalid(
              path.child('rollingUpdate'),
              strategy.rollingUpdate,
              "only allowed for updateStrategy 'RollingUpdate'",
            ),
          ]
        : [];
    case 'RollingUpdate': {
      if (!isSet(strategy.rollingUpdate)) return [];
      const rollingUpdate = obj(strategy.rollingUpdate);
      const at = path.child('rollingUpdate');
      const errs = nonNegative(rollingUpdate.partition, at.child('partition'));
      if (isSet(rollingUpdate.maxUnavailable)) {
        const maxUnavailable = rollingUpdate.maxUnavailable;
        errs.push(...validatePositiveIntOrPercent(maxUnavailable, at.child('maxUnavailable')));
        if (intOrPercentValue(maxUnavailable) === 0)
          errs.push(invalid(at.child('maxUnavailable'), maxUnavailable, 'cannot be 0'));
        errs.push(...validateNotMoreThan100Percent(maxUnavailable, at.child('maxUnavailable')));
      }
      return errs;
    }
    default:
      return [invalid(path, strategyValue, "must be 'RollingUpdate' or 'OnDelete'")];
  }
}

function retentionPolicyErrors(policyValue: unknown): FieldError[] {
  if (!isObj(policyValue)) return [];
  const path = SPEC.child('persistentVolumeClaimRetentionPolicy');
  return (['whenDeleted', 'whenScaled'] as const).flatMap((key) => {
    const value = policyValue[key] ?? '';
    return value === 'Retain' || value === 'Delete' ? [] : [notSupported(path.child(key), value, ['Retain', 'Delete'])];
  });
}

/** Upstream's ValidatePodTemplateSpecForStatefulSet: selected, labels and annotations valid (not the pod spec). */
function templateErrors(
  template: unknown,
  path: FieldPath,
  selector: NonNullable<ReturnType<typeof asSelector>>,
): FieldError[] {
  if (!isObj(template)) return [required(path)];
  const meta = obj(template.metadata);
  return [
    ...selectorMatchErrors(selector, template, path),
    ...validateLabels(stringMap(meta.labels), path.child('labels')),
    ...annotationsErrors(meta.annotations, path.child('annotations')),
    ...podAnnotationsErrors(meta.annotations, template.spec, path.child('annotations')),
  ];
}

/** Upstream's ValidateStatefulSetSpec. */
export function statefulSetSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const policy = spec.podManagementPolicy ?? '';
  if (policy === '') errs.push(required(SPEC.child('podManagementPolicy')));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalid(SPEC.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...updateStrategyErrors(spec.updateStrategy));
  errs.push(...retentionPolicyErrors(spec.persistentVolumeClaimRetentionPolicy));
  errs.push(
    ...nonNegative(spec.replicas, SPEC.child('replicas')),
    ...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')),
  );
  if (isObj(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, SPEC.child('ordinals.start')));
  if (!isSet(spec.selector)) {
    errs.push(required(SPEC.child('selector')));
  } else {
    errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
    if (isEmptyLabelSelector(spec.selector)) {
      errs.push(invalid(SPEC.child('selector'), spec.selector, 'empty selector is invalid for statefulset'));
    }
  }
  const selector = asSelector(spec.selector);
  if (selector === undefined) errs.push(invalid(SPEC.child('selector'), spec.selector));
  else errs.push(...templateErrors(spec.template, SPEC.child('template'), selector));
  errs.push(...alwaysRestartErrors(spec.template, SPEC.child('template'), 'StatefulSet'));
  return errs;
}

/** Only the listed spec fields may change (`spec: Forbidden: updates to statefulset spec …`). */
export function statefulSetSpecUpdateErrors(specValue: unknown, oldSpecValue: unknown): FieldError[] {
  const spec = { ...obj(specValue) };
  const oldSpec = obj(oldSpecValue);
  for (const key of MUTABLE) {
    if (key in oldSpec) spec[key] = oldSpec[key];
    else delete spec[key];
  }
  return semanticEqual(spec, oldSpec) ? [] : [forbidden(SPEC, FORBIDDEN_SPEC_UPDATE)];
}

/** Upstream's ValidateStatefulSetStatus. */
export function statefulSetStatusErrors(statusValue: unknown): FieldError[] {
  const status = obj(statusValue);
  const errs = nonNegativeFields(
    status,
    [
      'replicas',
      'readyReplicas',
      'currentReplicas',
      'updatedReplicas',
      'availableReplicas',
      'observedGeneration',
      'collisionCount',
    ],
    STATUS,
  );
  errs.push(
    ...replicaCountErrors(
      status,
      ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'],
      STATUS,
      'cannot be greater than status.readyReplicas',
    ),
  );
  return errs;
}
