/**
 * Reads a KubeSchedulerConfiguration file (YAML or JSON) into a SchedulerConfiguration with upstream's
 * defaults, or throws a ConfigError naming the field that is wrong.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  CONFIG_API_VERSION,
  CONFIG_KIND,
  DEFAULT_LEADER_ELECTION,
  DEFAULT_SCHEDULER_NAME,
  defaultConfiguration,
  EXTENSION_POINTS,
  type PluginConfig,
  type Plugins,
  type PluginSet,
  type Profile,
  type SchedulerConfiguration,
} from './types.js';

export class ConfigError extends Error {}

type Rec = Record<string, unknown>;

export function loadConfigFile(path: string): SchedulerConfiguration {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`unable to read scheduler configuration ${path}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`unable to parse scheduler configuration ${path}: ${(err as Error).message}`);
  }
  return parseConfig(doc);
}

export function parseConfig(doc: unknown): SchedulerConfiguration {
  if (!isRecord(doc)) throw new ConfigError('scheduler configuration must be an object');
  if (doc['apiVersion'] !== CONFIG_API_VERSION) {
    throw new ConfigError(
      `apiVersion: Unsupported value: ${JSON.stringify(doc['apiVersion'])}: supported values: "${CONFIG_API_VERSION}"`,
    );
  }
  if (doc['kind'] !== CONFIG_KIND) {
    throw new ConfigError(
      `kind: Unsupported value: ${JSON.stringify(doc['kind'])}: supported values: "${CONFIG_KIND}"`,
    );
  }
  const defaults = defaultConfiguration();
  const percentage = numberField(doc, 'percentageOfNodesToScore', 0);
  if (percentage < 0 || percentage > 100) {
    throw new ConfigError(`percentageOfNodesToScore: Invalid value: ${percentage}: not in valid range [0-100]`);
  }
  const initial = numberField(doc, 'podInitialBackoffSeconds', defaults.podInitialBackoffSeconds);
  const max = numberField(doc, 'podMaxBackoffSeconds', defaults.podMaxBackoffSeconds);
  if (initial <= 0)
    throw new ConfigError(`podInitialBackoffSeconds: Invalid value: ${initial}: must be greater than 0`);
  if (max < initial) {
    throw new ConfigError(
      `podMaxBackoffSeconds: Invalid value: ${max}: must be greater than or equal to PodInitialBackoffSeconds`,
    );
  }
  const given = doc['profiles'] ?? [];
  if (!Array.isArray(given)) throw new ConfigError('profiles: must be a list');
  const rawProfiles: unknown[] = given.length === 0 ? [{}] : given;
  const profiles = rawProfiles.map((p, i) => parseProfile(p, `profiles[${i}]`));
  const names = new Set<string>();
  for (const [i, p] of profiles.entries()) {
    if (names.has(p.schedulerName))
      throw new ConfigError(`profiles[${i}].schedulerName: Duplicate value: "${p.schedulerName}"`);
    names.add(p.schedulerName);
  }
  return {
    profiles,
    percentageOfNodesToScore: percentage,
    podInitialBackoffSeconds: initial,
    podMaxBackoffSeconds: max,
    leaderElection: parseLeaderElection(doc['leaderElection']),
  };
}

function parseProfile(raw: unknown, path: string): Profile {
  if (!isRecord(raw)) throw new ConfigError(`${path}: must be an object`);
  const schedulerName = raw['schedulerName'] ?? DEFAULT_SCHEDULER_NAME;
  if (typeof schedulerName !== 'string' || schedulerName === '') {
    throw new ConfigError(`${path}.schedulerName: Required value`);
  }
  const percentage = raw['percentageOfNodesToScore'];
  if (percentage !== undefined && (typeof percentage !== 'number' || percentage < 0 || percentage > 100)) {
    throw new ConfigError(
      `${path}.percentageOfNodesToScore: Invalid value: ${JSON.stringify(percentage)}: not in valid range [0-100]`,
    );
  }
  return {
    schedulerName,
    ...(typeof percentage === 'number' ? { percentageOfNodesToScore: percentage } : {}),
    plugins: parsePlugins(raw['plugins'], `${path}.plugins`),
    pluginConfig: parsePluginConfig(raw['pluginConfig'], `${path}.pluginConfig`),
  };
}

function parsePlugins(raw: unknown, path: string): Plugins {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new ConfigError(`${path}: must be an object`);
  const out: Record<string, PluginSet> = {};
  for (const [point, set] of Object.entries(raw)) {
    if (point !== 'multiPoint' && !(EXTENSION_POINTS as readonly string[]).includes(point)) {
      throw new ConfigError(`${path}: unknown extension point "${point}"`);
    }
    if (!isRecord(set)) throw new ConfigError(`${path}.${point}: must be an object`);
    out[point] = {
      enabled: pluginRefs(set['enabled'], `${path}.${point}.enabled`),
      disabled: pluginRefs(set['disabled'], `${path}.${point}.disabled`),
    };
  }
  return out;
}

function pluginRefs(raw: unknown, path: string): { name: string; weight?: number }[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${path}: must be a list`);
  return raw.map((r, i) => {
    if (!isRecord(r) || typeof r['name'] !== 'string' || r['name'] === '') {
      throw new ConfigError(`${path}[${i}].name: Required value`);
    }
    const weight = r['weight'];
    if (weight !== undefined && (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0)) {
      throw new ConfigError(
        `${path}[${i}].weight: Invalid value: ${JSON.stringify(weight)}: must be a non-negative integer`,
      );
    }
    return { name: r['name'], ...(typeof weight === 'number' ? { weight } : {}) };
  });
}

function parsePluginConfig(raw: unknown, path: string): PluginConfig[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${path}: must be a list`);
  const seen = new Set<string>();
  return raw.map((c, i) => {
    if (!isRecord(c) || typeof c['name'] !== 'string') throw new ConfigError(`${path}[${i}].name: Required value`);
    if (seen.has(c['name'])) throw new ConfigError(`${path}[${i}]: Duplicate value: "${c['name']}"`);
    seen.add(c['name']);
    const args = isRecord(c['args']) ? stripTypeMeta(c['args']) : c['args'];
    return { name: c['name'], args };
  });
}

function parseLeaderElection(raw: unknown): SchedulerConfiguration['leaderElection'] {
  if (!isRecord(raw)) return DEFAULT_LEADER_ELECTION;
  const seconds = (key: string, fallbackMs: number): number => {
    const v = raw[key];
    if (typeof v !== 'string') return fallbackMs;
    const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(v);
    if (m === null) throw new ConfigError(`leaderElection.${key}: Invalid value: "${v}": expected a duration like 15s`);
    const n = Number(m[1]);
    return m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
  };
  return {
    leaderElect: typeof raw['leaderElect'] === 'boolean' ? raw['leaderElect'] : DEFAULT_LEADER_ELECTION.leaderElect,
    leaseDurationMs: seconds('leaseDuration', DEFAULT_LEADER_ELECTION.leaseDurationMs),
    renewDeadlineMs: seconds('renewDeadline', DEFAULT_LEADER_ELECTION.renewDeadlineMs),
    retryPeriodMs: seconds('retryPeriod', DEFAULT_LEADER_ELECTION.retryPeriodMs),
    resourceNamespace:
      typeof raw['resourceNamespace'] === 'string'
        ? raw['resourceNamespace']
        : DEFAULT_LEADER_ELECTION.resourceNamespace,
    resourceName: typeof raw['resourceName'] === 'string' ? raw['resourceName'] : DEFAULT_LEADER_ELECTION.resourceName,
  };
}

function numberField(doc: Rec, key: string, fallback: number): number {
  const v = doc[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new ConfigError(`${key}: Invalid value: ${JSON.stringify(v)}: must be a number`);
  return v;
}

/** Plugin args in a file carry apiVersion/kind (e.g. NodeResourcesFitArgs); plugins get the fields only. */
function stripTypeMeta(args: Rec): Rec {
  const { apiVersion: _a, kind: _k, ...rest } = args;
  return rest;
}

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
