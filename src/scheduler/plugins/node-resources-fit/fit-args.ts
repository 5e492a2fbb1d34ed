/**
 * NodeResourcesFit's arguments (upstream NodeResourcesFitArgs, kubescheduler.config.k8s.io/v1) with upstream's
 * defaulting and validation: no scoring strategy means LeastAllocated over cpu and memory with weight 1;
 * ignored resources must be qualified names and ignored groups must have no `/`; weights lie in (0, 100]; a
 * RequestedToCapacityRatio shape needs at least one point, utilizations strictly increasing within [0, 100]
 * and scores within [0, 10]. Error paths are upstream's (the shape is reported under `scoringStrategy.shape`).
 */
import { FieldPath, invalid, notSupported, required } from '../../../machinery/field-errors.js';
import { validateLabelName } from '../../../machinery/validation/index.js';
import { ArgsReader } from './args-reader.js';
import type { IgnoredResources } from './pod-resource-request.js';
import { DEFAULT_RESOURCES, readResourceSpecs, type ResourceSpec, type ResourceSpecArgs } from './resource-spec.js';

export const ScoringStrategyType = {
  LeastAllocated: 'LeastAllocated',
  MostAllocated: 'MostAllocated',
  RequestedToCapacityRatio: 'RequestedToCapacityRatio',
} as const;
export type ScoringStrategyType = (typeof ScoringStrategyType)[keyof typeof ScoringStrategyType];
const SUPPORTED_TYPES: readonly string[] = Object.values(ScoringStrategyType).sort();

/** Highest score of a RequestedToCapacityRatio shape point (upstream MaxCustomPriorityScore). */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;
const MAX_UTILIZATION = 100;
const MAX_RESOURCE_WEIGHT = 100;

export interface UtilizationShapePoint {
  /** Percent of allocatable requested, 0–100. */
  readonly utilization: number;
  /** Score at that utilization, 0–10. */
  readonly score: number;
}

export interface ScoringStrategyArgs {
  readonly type?: ScoringStrategyType;
  readonly resources?: readonly ResourceSpecArgs[];
  readonly requestedToCapacityRatio?: { readonly shape?: readonly UtilizationShapePoint[] };
}

/** `pluginConfig[].args` of NodeResourcesFit, as written in a KubeSchedulerConfiguration. */
export interface NodeResourcesFitArgs {
  /** Extended resources the Filter does not check. */
  readonly ignoredResources?: readonly string[];
  /** Extended-resource groups (the part before `/`) the Filter does not check. */
  readonly ignoredResourceGroups?: readonly string[];
  readonly scoringStrategy?: ScoringStrategyArgs;
}

/** NodeResourcesFit's arguments after defaulting and validation. */
export interface FitConfig {
  readonly ignored: IgnoredResources;
  readonly strategy: ScoringStrategyType;
  readonly resources: readonly ResourceSpec[];
  /** The RequestedToCapacityRatio shape (empty for the other strategies). */
  readonly shape: readonly UtilizationShapePoint[];
}

/**
 * Defaults and validates NodeResourcesFit's `args` (undefined: all defaults).
 * @throws Error listing every invalid field, in upstream's `field: Invalid value: …` wording.
 */
export function parseFitArgs(args: unknown): FitConfig {
  const reader = new ArgsReader();
  const root = FieldPath.root('');
  const fields = reader.object(args, root, ['ignoredResources', 'ignoredResourceGroups', 'scoringStrategy']) ?? {};

  const ignoredPath = root.child('ignoredResources');
  const names = reader.stringList(fields.ignoredResources, ignoredPath);
  names.forEach((name, i) => reader.add(...validateLabelName(name, ignoredPath.index(i))));

  const groupsPath = root.child('ignoredResourceGroups');
  const groups = reader.stringList(fields.ignoredResourceGroups, groupsPath);
  groups.forEach((group, i) => {
    const path = groupsPath.index(i);
    if (group.includes('/')) reader.add(invalid(path, group, "resource group name can't contain '/'"));
    reader.add(...validateLabelName(group, path));
  });

  const strategyPath = root.child('scoringStrategy');
  const strategyFields = reader.object(fields.scoringStrategy, strategyPath, [
    'type',
    'resources',
    'requestedToCapacityRatio',
  ]);
  let strategy: string = ScoringStrategyType.LeastAllocated;
  let resources: readonly ResourceSpec[] = DEFAULT_RESOURCES;
  let shape: UtilizationShapePoint[] = [];
  if (strategyFields !== undefined) {
    strategy = reader.string(strategyFields.type, strategyPath.child('type')) ?? '';
    if (!SUPPORTED_TYPES.includes(strategy)) {
      reader.add(notSupported(strategyPath.child('type'), strategy, SUPPORTED_TYPES));
    }
    const resourcesPath = strategyPath.child('resources');
    resources = readResourceSpecs(reader, strategyFields.resources, resourcesPath);
    resources.forEach((r, i) => {
      if (r.weight <= 0 || r.weight > MAX_RESOURCE_WEIGHT) {
        const detail = `resource weight of ${r.name} not in valid range (0, ${MAX_RESOURCE_WEIGHT}]`;
        reader.add(invalid(resourcesPath.index(i).child('weight'), r.weight, detail));
      }
    });
    const ratioPath = strategyPath.child('requestedToCapacityRatio');
    const ratio = reader.object(strategyFields.requestedToCapacityRatio, ratioPath, ['shape']);
    if (ratio !== undefined) {
      shape = readShape(reader, ratio.shape, ratioPath.child('shape'), strategyPath.child('shape'));
    } else if (strategy === ScoringStrategyType.RequestedToCapacityRatio) {
      reader.add(required(ratioPath, `required for the ${ScoringStrategyType.RequestedToCapacityRatio} strategy`));
    }
  }
  reader.throwIfAny();
  return {
    ignored: { names: new Set(names), groups: new Set(groups) },
    strategy: strategy as ScoringStrategyType,
    resources,
    shape: strategy === ScoringStrategyType.RequestedToCapacityRatio ? shape : [],
  };
}

/** Reads shape points (type errors under `path`) and validates them as upstream does (under `checkPath`). */
function readShape(reader: ArgsReader, value: unknown, path: FieldPath, checkPath: FieldPath): UtilizationShapePoint[] {
  const points: UtilizationShapePoint[] = [];
  reader.list(value, path).forEach((item, i) => {
    const fields = reader.object(item, path.index(i), ['utilization', 'score']);
    if (fields === undefined) return;
    const utilization = reader.integer(fields.utilization, path.index(i).child('utilization')) ?? 0;
    const score = reader.integer(fields.score, path.index(i).child('score')) ?? 0;
    points.push({ utilization, score });
  });
  if (points.length === 0) {
    reader.add(required(checkPath, 'at least one point must be specified'));
    return points;
  }
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1] as UtilizationShapePoint;
    const point = points[i] as UtilizationShapePoint;
    if (previous.utilization >= point.utilization) {
      const at = checkPath.index(i).child('utilization');
      reader.add(invalid(at, point.utilization, 'values must be sorted in increasing order'));
      break;
    }
  }
  points.forEach((point, i) => {
    if (point.utilization < 0 || point.utilization > MAX_UTILIZATION) {
      const detail = `not in valid range [0, ${MAX_UTILIZATION}]`;
      reader.add(invalid(checkPath.index(i).child('utilization'), point.utilization, detail));
    }
    if (point.score < 0 || point.score > MAX_CUSTOM_PRIORITY_SCORE) {
      const detail = `not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`;
      reader.add(invalid(checkPath.index(i).child('score'), point.score, detail));
    }
  });
  return points;
}
