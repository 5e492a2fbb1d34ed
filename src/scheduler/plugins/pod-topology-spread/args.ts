/**
 * PodTopologySpreadArgs (kubescheduler.config.k8s.io/v1): the constraints applied to pods that have none.
 * `defaultingType` System (the default) uses upstream's system defaults — spread by hostname (maxSkew 3) and zone
 * (maxSkew 5), ScheduleAnyway — and then `defaultConstraints` must be empty; List uses `defaultConstraints`.
 * Validation follows upstream's ValidatePodTopologySpreadArgs, with its wording.
 */
import type { TopologySpreadConstraint } from '../../../api/core/v1/scheduling.js';
import {
  duplicate,
  errorString,
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../machinery/field-errors.js';
import { validateLabelName } from '../../../machinery/validation/labels-annotations.js';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE, UnsatisfiableAction } from './constraints.js';

export const DefaultingType = { System: 'System', List: 'List' } as const;
export type DefaultingType = (typeof DefaultingType)[keyof typeof DefaultingType];

export interface PodTopologySpreadArgs {
  /** Constraints for pods without their own; each without labelSelector (it is deduced per pod). */
  readonly defaultConstraints?: readonly TopologySpreadConstraint[];
  /** System (default) or List. */
  readonly defaultingType?: DefaultingType;
}

/** Upstream's systemDefaultConstraints. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  Object.freeze({ topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: UnsatisfiableAction.ScheduleAnyway, maxSkew: 3 }),
  Object.freeze({
    topologyKey: LABEL_TOPOLOGY_ZONE,
    whenUnsatisfiable: UnsatisfiableAction.ScheduleAnyway,
    maxSkew: 5,
  }),
]);

/** The args the plugin runs with. */
export interface ResolvedArgs {
  readonly defaultConstraints: readonly TopologySpreadConstraint[];
  /** The system defaults apply (then scoring does not require nodes to hold every topology key). */
  readonly systemDefaulted: boolean;
}

const KNOWN_FIELDS = new Set(['defaultConstraints', 'defaultingType', 'apiVersion', 'kind']);

/**
 * Validates `args` (a pluginConfig args object; undefined means the defaults) and resolves the default
 * constraints.
 * @throws Error naming every problem, e.g. `invalid PodTopologySpread args: defaultConstraints[0].maxSkew:
 *   Invalid value: 0: not in valid range (0, inf)`.
 */
export function resolveArgs(args: unknown): ResolvedArgs {
  if (args === undefined || args === null)
    return { defaultConstraints: SYSTEM_DEFAULT_CONSTRAINTS, systemDefaulted: true };
  if (typeof args !== 'object' || Array.isArray(args)) {
    throw new Error(`invalid PodTopologySpread args: want an object (PodTopologySpreadArgs), got ${describe(args)}`);
  }
  for (const key of Object.keys(args)) {
    if (!KNOWN_FIELDS.has(key)) throw new Error(`invalid PodTopologySpread args: unknown field "${key}"`);
  }
  const raw = args as { defaultConstraints?: unknown; defaultingType?: unknown };
  if (
    raw.defaultConstraints !== undefined &&
    raw.defaultConstraints !== null &&
    !Array.isArray(raw.defaultConstraints)
  ) {
    throw new Error(
      `invalid PodTopologySpread args: defaultConstraints: want a list, got ${describe(raw.defaultConstraints)}`,
    );
  }
  const typed: PodTopologySpreadArgs = {
    defaultConstraints: (raw.defaultConstraints ?? []) as TopologySpreadConstraint[],
    defaultingType: (raw.defaultingType === undefined || raw.defaultingType === ''
      ? DefaultingType.System
      : raw.defaultingType) as DefaultingType,
  };
  const errors = validateArgs(typed);
  if (errors.length > 0) {
    const messages = errors.map(errorString);
    const text = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
    throw new Error(`invalid PodTopologySpread args: ${text}`);
  }
  return typed.defaultingType === DefaultingType.System
    ? { defaultConstraints: SYSTEM_DEFAULT_CONSTRAINTS, systemDefaulted: true }
    : { defaultConstraints: typed.defaultConstraints ?? [], systemDefaulted: false };
}

/** Every problem of (defaulted) args, as upstream's ValidatePodTopologySpreadArgs reports them. */
export function validateArgs(args: PodTopologySpreadArgs): FieldError[] {
  const errors: FieldError[] = [];
  const constraints = args.defaultConstraints ?? [];
  const typePath = FieldPath.root('defaultingType');
  if (args.defaultingType !== DefaultingType.System && args.defaultingType !== DefaultingType.List) {
    errors.push(notSupported(typePath, args.defaultingType, [DefaultingType.System, DefaultingType.List]));
  } else if (args.defaultingType === DefaultingType.System && constraints.length > 0) {
    errors.push(invalid(typePath, args.defaultingType, 'when .defaultConstraints are not empty'));
  }
  const listPath = FieldPath.root('defaultConstraints');
  constraints.forEach((c, i) => errors.push(...validateDefaultConstraint(c, listPath.index(i), constraints, i)));
  return errors;
}

function validateDefaultConstraint(
  c: TopologySpreadConstraint,
  path: FieldPath,
  all: readonly TopologySpreadConstraint[],
  index: number,
): FieldError[] {
  if (typeof c !== 'object' || c === null) return [invalid(path, describe(c), 'must be an object')];
  const errors: FieldError[] = [];
  const maxSkew: unknown = c.maxSkew;
  if (typeof maxSkew !== 'number' || !Number.isInteger(maxSkew)) {
    errors.push(invalid(path.child('maxSkew'), maxSkew, 'must be an integer'));
  } else if (maxSkew <= 0) {
    errors.push(invalid(path.child('maxSkew'), maxSkew, 'not in valid range (0, inf)'));
  }
  const key = c.topologyKey ?? '';
  if (key === '') errors.push(required(path.child('topologyKey'), 'can not be empty'));
  else errors.push(...validateLabelName(key, path.child('topologyKey')));
  const action = c.whenUnsatisfiable ?? '';
  if (action === '') {
    errors.push(required(path.child('whenUnsatisfiable'), 'can not be empty'));
  } else if (action !== UnsatisfiableAction.DoNotSchedule && action !== UnsatisfiableAction.ScheduleAnyway) {
    errors.push(
      notSupported(path.child('whenUnsatisfiable'), action, [
        UnsatisfiableAction.DoNotSchedule,
        UnsatisfiableAction.ScheduleAnyway,
      ]),
    );
  }
  if (c.labelSelector !== undefined && c.labelSelector !== null) {
    errors.push(
      forbidden(path.child('labelSelector'), 'constraint must not define a selector, as they deduced for each pod'),
    );
  }
  const repeated = all
    .slice(0, index)
    .some(
      (other) =>
        typeof other === 'object' &&
        other !== null &&
        other.topologyKey === c.topologyKey &&
        other.whenUnsatisfiable === c.whenUnsatisfiable,
    );
  if (repeated) {
    errors.push(duplicate(FieldPath.root('defaultConstraints').index(index), `{${key}, ${action}}`));
  }
  return errors;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : typeof value;
}
