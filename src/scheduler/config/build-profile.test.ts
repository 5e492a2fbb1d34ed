import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ProfilePlugins } from '../framework/framework.js';
import type { FilterPlugin, Plugin, PluginFactory } from '../framework/interfaces.js';
import { Status } from '../framework/status.js';
import { inTreeRegistry } from '../registry.js';
import { makeProfileHandle } from '../testing/profile-handle.js';
import { buildProfilePlugins } from './build-profile.js';
import { ConfigError } from './load-config.js';
import type { Plugins, Profile } from './types.js';

const build = (
  plugins?: Plugins,
  registry = inTreeRegistry(),
  pluginConfig?: Profile['pluginConfig'],
): ProfilePlugins =>
  buildProfilePlugins(
    { schedulerName: 'test', ...(plugins ? { plugins } : {}), ...(pluginConfig ? { pluginConfig } : {}) },
    registry,
    makeProfileHandle(),
  );

type Point = Exclude<keyof ProfilePlugins, 'all' | 'queueSort' | 'score'>;
const namesAt = (p: ProfilePlugins, point: Point): string[] => p[point].map((x) => x.name);
const scores = (p: ProfilePlugins): [string, number][] => p.score.map((s) => [s.plugin.name, s.weight]);

/** Upstream's ExpandedPluginsV1 without the volume plugins Skiff does not have. */
const UPSTREAM_DEFAULTS: Record<Point, string[]> = {
  preEnqueue: ['SchedulingGates'],
  // Upstream's NodeUnschedulable and TaintToleration have no PreFilter; Skiff's skip Filter when no node is
  // cordoned / tainted (same results).
  preFilter: [
    'NodeUnschedulable',
    'TaintToleration',
    'NodeAffinity',
    'NodePorts',
    'NodeResourcesFit',
    'PodTopologySpread',
    'InterPodAffinity',
  ],
  filter: [
    'NodeUnschedulable',
    'NodeName',
    'TaintToleration',
    'NodeAffinity',
    'NodePorts',
    'NodeResourcesFit',
    'PodTopologySpread',
    'InterPodAffinity',
  ],
  postFilter: ['DefaultPreemption'],
  // Upstream's ImageLocality has no PreScore; Skiff's prepares the pod's image names there (same scores).
  preScore: [
    'TaintToleration',
    'NodeAffinity',
    'NodeResourcesFit',
    'PodTopologySpread',
    'InterPodAffinity',
    'NodeResourcesBalancedAllocation',
    'ImageLocality',
  ],
  reserve: [],
  permit: [],
  preBind: [],
  bind: ['DefaultBinder'],
  postBind: [],
};

const UPSTREAM_SCORES: [string, number][] = [
  ['TaintToleration', 3],
  ['NodeAffinity', 2],
  ['NodeResourcesFit', 1],
  ['PodTopologySpread', 2],
  ['InterPodAffinity', 2],
  ['NodeResourcesBalancedAllocation', 1],
  ['ImageLocality', 1],
];

/** A Filter-only plugin for registries of tests. */
const customFilter =
  (name: string): PluginFactory =>
  (): FilterPlugin => ({ name, filter: () => Status.SUCCESS });

const registryWith = (extra: Record<string, PluginFactory>): Map<string, PluginFactory> => {
  const registry = inTreeRegistry();
  for (const [name, factory] of Object.entries(extra)) registry.set(name, factory);
  return registry;
};

describe('buildProfilePlugins defaults', () => {
  const defaults = build();
  for (const [point, want] of Object.entries(UPSTREAM_DEFAULTS) as [Point, string[]][]) {
    test(`the default ${point} plugins are upstream’s, in upstream’s order`, () =>
      assert.deepEqual(namesAt(defaults, point), want));
  }
  test('the default queue sort is PrioritySort', () => assert.equal(defaults.queueSort.name, 'PrioritySort'));
  test('the default score plugins and weights are upstream’s (TaintToleration 3; NodeAffinity, PodTopologySpread, InterPodAffinity 2; others 1)', () =>
    assert.deepEqual(scores(defaults), UPSTREAM_SCORES));
  test('each plugin is built once and shared by every point it serves', () => {
    assert.equal(defaults.all.size, 14);
    const taints = defaults.all.get('TaintToleration');
    assert.equal(
      defaults.filter.find((p) => p.name === 'TaintToleration'),
      taints,
    );
    assert.equal(defaults.score.find((s) => s.plugin.name === 'TaintToleration')?.plugin, taints);
  });
});

describe('buildProfilePlugins configuration', () => {
  const cases: {
    name: string;
    plugins: Plugins;
    registry?: Map<string, PluginFactory>;
    check: (p: ProfilePlugins) => void;
  }[] = [
    {
      name: 'a plugin disabled at one point still serves the others',
      plugins: { filter: { disabled: [{ name: 'TaintToleration' }] } },
      check: (p) => {
        assert.deepEqual(
          namesAt(p, 'filter'),
          UPSTREAM_DEFAULTS.filter.filter((n) => n !== 'TaintToleration'),
        );
        assert.deepEqual(scores(p), UPSTREAM_SCORES);
        assert.ok(namesAt(p, 'preScore').includes('TaintToleration'));
      },
    },
    {
      name: 'a plugin disabled at multiPoint serves no point and is not built',
      plugins: { multiPoint: { disabled: [{ name: 'NodeAffinity' }] } },
      check: (p) => {
        for (const point of Object.keys(UPSTREAM_DEFAULTS) as Point[]) {
          assert.ok(!namesAt(p, point).includes('NodeAffinity'), point);
        }
        assert.ok(!scores(p).some(([n]) => n === 'NodeAffinity'));
        assert.equal(p.all.has('NodeAffinity'), false);
      },
    },
    {
      name: '`*` disables every default plugin at that point only',
      plugins: { score: { disabled: [{ name: '*' }] } },
      check: (p) => {
        assert.deepEqual(scores(p), []);
        assert.deepEqual(namesAt(p, 'filter'), UPSTREAM_DEFAULTS.filter);
      },
    },
    {
      name: '`*` disabled with plugins enabled explicitly leaves just those',
      plugins: { score: { disabled: [{ name: '*' }], enabled: [{ name: 'ImageLocality', weight: 5 }] } },
      check: (p) => assert.deepEqual(scores(p), [['ImageLocality', 5]]),
    },
    {
      name: '`*` disabled at multiPoint leaves only what is enabled',
      plugins: {
        multiPoint: {
          disabled: [{ name: '*' }],
          enabled: [{ name: 'PrioritySort' }, { name: 'NodeName' }, { name: 'DefaultBinder' }],
        },
      },
      check: (p) => {
        assert.deepEqual(namesAt(p, 'filter'), ['NodeName']);
        assert.deepEqual(namesAt(p, 'preFilter'), []);
        assert.deepEqual(scores(p), []);
        assert.deepEqual([...p.all.keys()].sort(), ['DefaultBinder', 'NodeName', 'PrioritySort']);
      },
    },
    {
      name: 'a score plugin enabled with a weight gets that weight',
      plugins: { score: { enabled: [{ name: 'ImageLocality', weight: 5 }] } },
      check: (p) => {
        assert.deepEqual(scores(p)[0], ['ImageLocality', 5]);
        assert.equal(scores(p).length, UPSTREAM_SCORES.length);
      },
    },
    {
      name: 'a default plugin re-enabled at multiPoint with a weight keeps its place with the new weight',
      plugins: { multiPoint: { enabled: [{ name: 'NodeAffinity', weight: 7 }] } },
      check: (p) =>
        assert.deepEqual(
          scores(p),
          UPSTREAM_SCORES.map(([n, w]) => [n, n === 'NodeAffinity' ? 7 : w]),
        ),
    },
    {
      name: 'a new plugin enabled at multiPoint serves the points it implements, after the defaults',
      plugins: { multiPoint: { enabled: [{ name: 'Custom' }] } },
      registry: registryWith({ Custom: customFilter('Custom') }),
      check: (p) => {
        assert.deepEqual(namesAt(p, 'filter'), [...UPSTREAM_DEFAULTS.filter, 'Custom']);
        assert.deepEqual(namesAt(p, 'preFilter'), UPSTREAM_DEFAULTS.preFilter);
      },
    },
  ];
  for (const c of cases) {
    test(c.name, () => c.check(build(c.plugins, c.registry)));
  }

  test('a plugin’s pluginConfig args reach its factory; the others get undefined', () => {
    const seen = new Map<string, unknown>();
    const recording =
      (name: string): PluginFactory =>
      (args): Plugin & FilterPlugin => {
        seen.set(name, args);
        return { name, filter: () => Status.SUCCESS };
      };
    build(
      { multiPoint: { enabled: [{ name: 'A' }, { name: 'B' }] } },
      registryWith({ A: recording('A'), B: recording('B') }),
      [{ name: 'A', args: { level: 3 } }],
    );
    assert.deepEqual(
      [...seen],
      [
        ['A', { level: 3 }],
        ['B', undefined],
      ],
    );
  });
});

describe('buildProfilePlugins errors', () => {
  const cases: { name: string; plugins: Plugins; registry?: Map<string, PluginFactory>; message: string | RegExp }[] = [
    {
      name: 'an unknown plugin at multiPoint',
      plugins: { multiPoint: { enabled: [{ name: 'Nope' }] } },
      message: 'plugin "Nope" does not exist',
    },
    {
      name: 'an unknown plugin at one point',
      plugins: { filter: { enabled: [{ name: 'Nope' }] } },
      message: 'plugin "Nope" does not exist',
    },
    {
      name: 'a plugin enabled at a point it does not implement',
      plugins: { filter: { enabled: [{ name: 'ImageLocality' }] } },
      message: 'plugin "ImageLocality" does not extend filter plugin',
    },
    {
      name: 'a plugin enabled twice at one point',
      plugins: { filter: { enabled: [{ name: 'NodeName' }, { name: 'NodeName' }] } },
      message: 'plugin "NodeName" already registered as "filter"',
    },
    {
      name: 'a profile without a queue sort',
      plugins: { queueSort: { disabled: [{ name: '*' }] } },
      message: /exactly one queueSort plugin must be enabled, found 0/,
    },
    {
      name: 'a profile without a binder',
      plugins: { bind: { disabled: [{ name: 'DefaultBinder' }] } },
      message: /at least one bind plugin is needed/,
    },
  ];
  for (const c of cases) {
    test(`${c.name} is a ConfigError`, () =>
      assert.throws(
        () => build(c.plugins, c.registry),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError, String(err));
          if (typeof c.message === 'string') assert.equal(err.message, c.message);
          else assert.match(err.message, c.message);
          return true;
        },
      ));
  }

  test('bad plugin args are a ConfigError naming the plugin', () =>
    assert.throws(
      () => build(undefined, undefined, [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'Bogus' } } }]),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /^initializing plugin "NodeResourcesFit": /);
        return true;
      },
    ));
});

describe('buildProfilePlugins against upstream’s merging (discrepancies)', () => {
  test('a plugin enabled only at one point runs after the multiPoint plugins there (upstream expandMultiPointPlugins part 3)', () => {
    const p = build({ filter: { enabled: [{ name: 'Custom' }] } }, registryWith({ Custom: customFilter('Custom') }));
    assert.deepEqual(namesAt(p, 'filter'), [...UPSTREAM_DEFAULTS.filter, 'Custom']);
  });

  test('a default plugin re-enabled at multiPoint without a weight gets weight 1 (upstream mergePluginSet replaces the entry)', () => {
    const p = build({ multiPoint: { enabled: [{ name: 'TaintToleration' }] } });
    assert.deepEqual(
      scores(p).find(([n]) => n === 'TaintToleration'),
      ['TaintToleration', 1],
    );
  });

  test('a default score plugin enabled at score without a weight gets weight 1 (upstream getScoreWeights: Score.Enabled first, 0 means 1)', () => {
    const p = build({ score: { enabled: [{ name: 'NodeAffinity' }] } });
    assert.deepEqual(
      scores(p).find(([n]) => n === 'NodeAffinity'),
      ['NodeAffinity', 1],
    );
  });

  test('a plugin enabled twice at multiPoint is an error (upstream: already registered)', () =>
    assert.throws(
      () =>
        build(
          { multiPoint: { enabled: [{ name: 'Custom' }, { name: 'Custom' }] } },
          registryWith({ Custom: customFilter('Custom') }),
        ),
      ConfigError,
    ));
});
