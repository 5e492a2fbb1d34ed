import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfigFile, parseConfig } from './load-config.js';
import { CONFIG_API_VERSION, CONFIG_KIND, DEFAULT_LEADER_ELECTION, defaultConfiguration } from './types.js';

const HEAD = { apiVersion: CONFIG_API_VERSION, kind: CONFIG_KIND };

describe('parseConfig defaults', () => {
  test('a bare configuration gets upstream’s defaults: one default-scheduler profile, adaptive percentage, 1 s/10 s backoff', () => {
    const config = parseConfig(HEAD);
    assert.equal(config.profiles.length, 1);
    assert.equal(config.profiles[0]?.schedulerName, 'default-scheduler');
    assert.equal(config.percentageOfNodesToScore, 0);
    assert.equal(config.podInitialBackoffSeconds, 1);
    assert.equal(config.podMaxBackoffSeconds, 10);
    assert.deepEqual(config.leaderElection, DEFAULT_LEADER_ELECTION);
    assert.deepEqual(defaultConfiguration().leaderElection, DEFAULT_LEADER_ELECTION);
  });

  test('an empty profile list defaults to one default-scheduler profile (upstream SetDefaults_KubeSchedulerConfiguration)', () => {
    const config = parseConfig({ ...HEAD, profiles: [] });
    assert.deepEqual(
      config.profiles.map((p) => p.schedulerName),
      ['default-scheduler'],
    );
  });

  test('fields given are kept', () => {
    const config = parseConfig({
      ...HEAD,
      percentageOfNodesToScore: 30,
      podInitialBackoffSeconds: 2,
      podMaxBackoffSeconds: 20,
      profiles: [{ schedulerName: 'a', percentageOfNodesToScore: 70 }, { schedulerName: 'b' }],
      leaderElection: { leaderElect: false, leaseDuration: '30s', renewDeadline: '1500ms', retryPeriod: '1m' },
    });
    assert.equal(config.percentageOfNodesToScore, 30);
    assert.equal(config.podInitialBackoffSeconds, 2);
    assert.equal(config.podMaxBackoffSeconds, 20);
    assert.deepEqual(
      config.profiles.map((p) => [p.schedulerName, p.percentageOfNodesToScore]),
      [
        ['a', 70],
        ['b', undefined],
      ],
    );
    assert.equal(config.leaderElection.leaderElect, false);
    assert.equal(config.leaderElection.leaseDurationMs, 30_000);
    assert.equal(config.leaderElection.renewDeadlineMs, 1500);
    assert.equal(config.leaderElection.retryPeriodMs, 60_000);
    assert.equal(config.leaderElection.resourceName, 'kube-scheduler');
  });

  test('a maximum backoff equal to the initial one is allowed', () => {
    const config = parseConfig({ ...HEAD, podInitialBackoffSeconds: 3, podMaxBackoffSeconds: 3 });
    assert.deepEqual([config.podInitialBackoffSeconds, config.podMaxBackoffSeconds], [3, 3]);
  });

  test('plugin args lose their apiVersion and kind; other values pass as they are', () => {
    const config = parseConfig({
      ...HEAD,
      profiles: [
        {
          pluginConfig: [
            {
              name: 'NodeResourcesFit',
              args: {
                apiVersion: CONFIG_API_VERSION,
                kind: 'NodeResourcesFitArgs',
                scoringStrategy: { type: 'MostAllocated' },
              },
            },
            { name: 'Other' },
          ],
        },
      ],
    });
    assert.deepEqual(config.profiles[0]?.pluginConfig, [
      { name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } },
      { name: 'Other', args: undefined },
    ]);
  });

  test('plugin sets are read per extension point, weights included', () => {
    const config = parseConfig({
      ...HEAD,
      profiles: [
        {
          plugins: {
            score: { enabled: [{ name: 'ImageLocality', weight: 5 }], disabled: [{ name: 'NodeAffinity' }] },
            multiPoint: { disabled: [{ name: '*' }] },
          },
        },
      ],
    });
    assert.deepEqual(config.profiles[0]?.plugins, {
      score: { enabled: [{ name: 'ImageLocality', weight: 5 }], disabled: [{ name: 'NodeAffinity' }] },
      multiPoint: { enabled: [], disabled: [{ name: '*' }] },
    });
  });
});

describe('parseConfig errors', () => {
  const cases: { name: string; doc: unknown; message: string | RegExp }[] = [
    { name: 'a document that is not an object', doc: 'text', message: 'scheduler configuration must be an object' },
    {
      name: 'a wrong apiVersion',
      doc: { ...HEAD, apiVersion: 'kubescheduler.config.k8s.io/v1beta3' },
      message:
        'apiVersion: Unsupported value: "kubescheduler.config.k8s.io/v1beta3": supported values: "kubescheduler.config.k8s.io/v1"',
    },
    {
      name: 'a missing apiVersion',
      doc: { kind: CONFIG_KIND },
      message: /^apiVersion: Unsupported value: undefined/,
    },
    {
      name: 'a wrong kind',
      doc: { ...HEAD, kind: 'Policy' },
      message: 'kind: Unsupported value: "Policy": supported values: "KubeSchedulerConfiguration"',
    },
    {
      name: 'a percentage above 100',
      doc: { ...HEAD, percentageOfNodesToScore: 101 },
      message: 'percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]',
    },
    {
      name: 'a negative percentage',
      doc: { ...HEAD, percentageOfNodesToScore: -1 },
      message: 'percentageOfNodesToScore: Invalid value: -1: not in valid range [0-100]',
    },
    {
      name: 'a percentage that is not a number',
      doc: { ...HEAD, percentageOfNodesToScore: '50%' },
      message: 'percentageOfNodesToScore: Invalid value: "50%": must be a number',
    },
    {
      name: 'a profile percentage out of range',
      doc: { ...HEAD, profiles: [{ schedulerName: 'a', percentageOfNodesToScore: 150 }] },
      message: 'profiles[0].percentageOfNodesToScore: Invalid value: 150: not in valid range [0-100]',
    },
    {
      name: 'an initial backoff of 0',
      doc: { ...HEAD, podInitialBackoffSeconds: 0 },
      message: 'podInitialBackoffSeconds: Invalid value: 0: must be greater than 0',
    },
    {
      name: 'a maximum backoff below the initial one',
      doc: { ...HEAD, podInitialBackoffSeconds: 5, podMaxBackoffSeconds: 4 },
      message: 'podMaxBackoffSeconds: Invalid value: 4: must be greater than or equal to PodInitialBackoffSeconds',
    },
    {
      name: 'two profiles with the same scheduler name',
      doc: { ...HEAD, profiles: [{ schedulerName: 'a' }, { schedulerName: 'b' }, { schedulerName: 'a' }] },
      message: 'profiles[2].schedulerName: Duplicate value: "a"',
    },
    {
      name: 'an empty scheduler name',
      doc: { ...HEAD, profiles: [{ schedulerName: '' }] },
      message: 'profiles[0].schedulerName: Required value',
    },
    {
      name: 'profiles that are not a list',
      doc: { ...HEAD, profiles: { schedulerName: 'a' } },
      message: 'profiles: must be a list',
    },
    {
      name: 'an unknown extension point',
      doc: { ...HEAD, profiles: [{ plugins: { preFiltr: { enabled: [{ name: 'X' }] } } }] },
      message: 'profiles[0].plugins: unknown extension point "preFiltr"',
    },
    {
      name: 'a plugin without a name',
      doc: { ...HEAD, profiles: [{ plugins: { filter: { enabled: [{ weight: 1 }] } } }] },
      message: 'profiles[0].plugins.filter.enabled[0].name: Required value',
    },
    {
      name: 'a negative weight',
      doc: { ...HEAD, profiles: [{ plugins: { score: { enabled: [{ name: 'X', weight: -1 }] } } }] },
      message: 'profiles[0].plugins.score.enabled[0].weight: Invalid value: -1: must be a non-negative integer',
    },
    {
      name: 'a fractional weight',
      doc: { ...HEAD, profiles: [{ plugins: { score: { enabled: [{ name: 'X', weight: 1.5 }] } } }] },
      message: 'profiles[0].plugins.score.enabled[0].weight: Invalid value: 1.5: must be a non-negative integer',
    },
    {
      name: 'a weight that is a string',
      doc: { ...HEAD, profiles: [{ plugins: { multiPoint: { enabled: [{ name: 'X', weight: '2' }] } } }] },
      message: 'profiles[0].plugins.multiPoint.enabled[0].weight: Invalid value: "2": must be a non-negative integer',
    },
    {
      name: 'plugin args given twice for one plugin',
      doc: { ...HEAD, profiles: [{ pluginConfig: [{ name: 'X' }, { name: 'X' }] }] },
      message: 'profiles[0].pluginConfig[1]: Duplicate value: "X"',
    },
    {
      name: 'a leader-election duration without a unit',
      doc: { ...HEAD, leaderElection: { leaseDuration: '15' } },
      message: 'leaderElection.leaseDuration: Invalid value: "15": expected a duration like 15s',
    },
  ];
  for (const c of cases) {
    test(`${c.name} is an error`, () => {
      assert.throws(
        () => parseConfig(c.doc),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError, `a ConfigError, got ${String(err)}`);
          if (typeof c.message === 'string') assert.equal(err.message, c.message);
          else assert.match(err.message, c.message);
          return true;
        },
      );
    });
  }
});

describe('loadConfigFile', () => {
  const withFile = (text: string, run: (path: string) => void): void => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-sched-config-'));
    try {
      const path = join(dir, 'config.yaml');
      writeFileSync(path, text);
      run(path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('a YAML file is read and defaulted', () => {
    withFile(
      `apiVersion: ${CONFIG_API_VERSION}\nkind: ${CONFIG_KIND}\nprofiles:\n- schedulerName: yaml-scheduler\n`,
      (path) => assert.equal(loadConfigFile(path).profiles[0]?.schedulerName, 'yaml-scheduler'),
    );
  });

  test('a file that is not YAML is a ConfigError naming the file', () => {
    withFile('a: [unclosed', (path) =>
      assert.throws(
        () => loadConfigFile(path),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.match(err.message, /^unable to parse scheduler configuration .*config\.yaml/);
          return true;
        },
      ),
    );
  });

  test('a missing file is a ConfigError naming the file', () => {
    assert.throws(
      () => loadConfigFile('/nonexistent/skiff/config.yaml'),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /^unable to read scheduler configuration \/nonexistent\/skiff\/config\.yaml/);
        return true;
      },
    );
  });
});
