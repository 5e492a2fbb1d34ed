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
    const list: Plugin[] = [];
    const names = new Set<string>();
    for (const ref of set.enabled ?? []) {
      const plugin = instance(ref.name);
      if (!implementsPoint(plugin, point))
        throw new ConfigError(`plugin "${ref.name}" does not extend ${point} plugin`);
      if (names.has(ref.name)) throw new ConfigError(`plugin "${ref.name}" already registered as "${point}"`);
      if (point === 'score' && ref.weight !== undefined) weights.set(ref.name, ref.weight);
      list.push(plugin);
      names.add(ref.name);
    }
    if (!disabled.has('*')) {
      for (const ref of multiPoint) {
        if (disabled.has(ref.name) || names.has(ref.name)) continue;
        const plugin = instance(ref.name);
        if (!implementsPoint(plugin, point)) continue;
        list.push(plugin);
        names.add(ref.name);
      }
    }
    lists.set(point, list);
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
  for (const ref of enabled) {
    const i = out.findIndex((r) => r.name === ref.name);
    if (i >= 0) out[i] = { name: ref.name, weight: ref.weight ?? out[i]?.weight };
    else out.push(ref);
  }
  return out;
}
