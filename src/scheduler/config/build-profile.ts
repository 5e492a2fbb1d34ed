/**
 * Turns a configured profile into the plugin lists of a Framework (upstream's plugin-set merging): the default
 * multiPoint set minus what multiPoint disables plus what it enables; then, per extension point, the plugins
 * enabled there explicitly first, followed by every multiPoint plugin that implements the point and is not
 * disabled there (`*` disables them all). Each plugin is built once, with its `pluginConfig` args.
 */
import type { ProfilePlugins, WeightedScorePlugin } from '../framework/framework.js';
import type { Handle, Plugin, PluginFactory } from '../framework/interfaces.js';
import { ConfigError } from './load-config.js';
import { DEFAULT_MULTI_POINT, EXTENSION_POINTS, type ExtensionPoint, type PluginRef, type Profile } from './types.js';

/** The method a plugin must have to serve an extension point. */
const METHOD: Readonly<Record<ExtensionPoint, string>> = {
  preEnqueue: 'preEnqueue',
  queueSort: 'less',
  preFilter: 'preFilter',
  filter: 'filter',
  postFilter: 'postFilter',
  preScore: 'preScore',
  score: 'score',
  reserve: 'reserve',
  permit: 'permit',
  preBind: 'preBind',
  bind: 'bind',
  postBind: 'postBind',
};

const implementsPoint = (plugin: Plugin, point: ExtensionPoint): boolean =>
  typeof (plugin as unknown as Record<string, unknown>)[METHOD[point]] === 'function';

export function buildProfilePlugins(
  profile: Profile,
  registry: ReadonlyMap<string, PluginFactory>,
  handle: Handle,
): ProfilePlugins {
  const plugins = profile.plugins ?? {};
  const multiPoint = mergeMultiPoint(plugins.multiPoint?.enabled ?? [], plugins.multiPoint?.disabled ?? []);
  const args = new Map((profile.pluginConfig ?? []).map((c) => [c.name, c.args]));
  const instances = new Map<string, Plugin>();
  const instance = (name: string): Plugin => {
    const existing = instances.get(name);
    if (existing !== undefined) return existing;
    const factory = registry.get(name);
    if (factory === undefined) throw new ConfigError(`plugin "${name}" does not exist`);
    let built: Plugin;
    try {
      built = factory(args.get(name), handle);
    } catch (err) {
      throw new ConfigError(`initializing plugin "${name}": ${(err as Error).message}`);
    }
    instances.set(name, built);
    return built;
  };
  const weights = new Map(multiPoint.map((r) => [r.name, r.weight]));
  const lists = new Map<ExtensionPoint, Plugin[]>();
  for (const point of EXTENSION_POINTS) {
    const set = plugins[point] ?? {};
    const disabled = new Set((set.disabled ?? []).map((r) => r.name));
    const explicit = set.enabled ?? [];
    const seen = new Set<string>();
    for (const ref of explicit) {
      const plugin = instance(ref.name);
      if (!implementsPoint(plugin, point))
        throw new ConfigError(`plugin "${ref.name}" does not extend ${point} plugin`);
      if (seen.has(ref.name)) throw new ConfigError(`plugin "${ref.name}" already registered as "${point}"`);
      seen.add(ref.name);
      if (point === 'score') weights.set(ref.name, ref.weight ?? 1);
    }
    const fromMulti = disabled.has('*')
      ? []
      : multiPoint.filter((r) => !disabled.has(r.name) && implementsPoint(instance(r.name), point));
    const multiNames = new Set(fromMulti.map((r) => r.name));
    // Upstream's order: plugins both here and in multiPoint (as ordered here), then the other multiPoint
    // plugins, then plugins enabled only at this point.
    const names = [
      ...explicit.filter((r) => multiNames.has(r.name)).map((r) => r.name),
      ...fromMulti.filter((r) => !seen.has(r.name)).map((r) => r.name),
      ...explicit.filter((r) => !multiNames.has(r.name)).map((r) => r.name),
    ];
    lists.set(
      point,
      names.map((name) => instance(name)),
    );
  }
  const queueSort = lists.get('queueSort') ?? [];
  if (queueSort.length !== 1) {
    throw new ConfigError(
      `profile "${profile.schedulerName}": exactly one queueSort plugin must be enabled, found ${queueSort.length}`,
    );
  }
  if ((lists.get('bind') ?? []).length === 0) {
    throw new ConfigError(`profile "${profile.schedulerName}": at least one bind plugin is needed`);
  }
  const of = <T>(point: ExtensionPoint): T[] => (lists.get(point) ?? []) as unknown as T[];
  const score: WeightedScorePlugin[] = of<ProfilePlugins['score'][number]['plugin']>('score').map((plugin) => ({
    plugin,
    weight: weights.get(plugin.name) || 1,
  }));
  return {
    queueSort: queueSort[0] as ProfilePlugins['queueSort'],
    preEnqueue: of('preEnqueue'),
    preFilter: of('preFilter'),
    filter: of('filter'),
    postFilter: of('postFilter'),
    preScore: of('preScore'),
    score,
    reserve: of('reserve'),
    permit: of('permit'),
    preBind: of('preBind'),
    bind: of('bind'),
    postBind: of('postBind'),
    all: instances,
  };
}

function mergeMultiPoint(enabled: readonly PluginRef[], disabled: readonly PluginRef[]): PluginRef[] {
  const off = new Set(disabled.map((r) => r.name));
  const out: PluginRef[] = off.has('*') ? [] : DEFAULT_MULTI_POINT.filter((r) => !off.has(r.name));
  const added = new Set<string>();
  for (const ref of enabled) {
    if (added.has(ref.name)) throw new ConfigError(`plugin "${ref.name}" already registered as "multiPoint"`);
    added.add(ref.name);
    // Re-enabling a default replaces its entry (a missing weight is 1, as for any entry).
    const i = out.findIndex((r) => r.name === ref.name);
    if (i >= 0) out[i] = { name: ref.name, weight: ref.weight ?? 1 };
    else out.push(ref);
  }
  return out;
}
