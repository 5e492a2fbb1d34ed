import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GroupDiscoveryFailedError } from './api-discovery.js';
import { type NamespaceCondition, NamespaceConditionUpdater } from './namespace-conditions.js';

const NOW = '2024-05-01T10:00:00Z';
const BEFORE = '2024-05-01T09:00:00Z';

interface Case {
  readonly name: string;
  readonly record: (u: NamespaceConditionUpdater) => void;
  readonly old?: NamespaceCondition[];
  /** type → [status, reason, message]; only the types listed are checked. */
  readonly want: Record<string, [string, string, string]>;
  readonly changed: boolean;
}

const allOk: NamespaceCondition[] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  [
    'NamespaceDeletionContentFailure',
    'ContentDeleted',
    'All content successfully deleted, may be waiting on finalization',
  ],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentRemoved', 'All content successfully removed'],
].map(([type, reason, message]) => ({
  type: type ?? '',
  status: 'False',
  lastTransitionTime: BEFORE,
  reason,
  message,
}));

const cases: Case[] = [
  {
    name: 'a clean pass writes the five ok conditions',
    record: () => undefined,
    want: {
      NamespaceDeletionDiscoveryFailure: ['False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      NamespaceContentRemaining: ['False', 'ContentRemoved', 'All content successfully removed'],
    },
    changed: true,
  },
  {
    name: 'a clean pass over clean conditions changes nothing',
    record: () => undefined,
    old: allOk,
    want: {},
    changed: false,
  },
  {
    name: 'remaining content is counted per resource and per finalizer, sorted',
    record: (u) =>
      u.contentTotals({
        remainingByResource: new Map([
          ['pods.', 2],
          ['deployments.apps', 1],
          ['secrets.', 0],
        ]),
        remainingByFinalizer: new Map([
          ['example.com/b', 1],
          ['example.com/a', 2],
        ]),
      }),
    want: {
      NamespaceContentRemaining: [
        'True',
        'SomeResourcesRemain',
        'Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances',
      ],
      NamespaceFinalizersRemaining: [
        'True',
        'SomeFinalizerRemain',
        'Some finalizers are remaining: example.com/a in 2 resource instances, example.com/b in 1 resource instances',
      ],
    },
    changed: true,
  },
  {
    name: 'a partial discovery failure counts the failing groups',
    record: (u) => u.discoveryFailed(new GroupDiscoveryFailedError(new Map([['metrics.k8s.io/v1beta1', 'boom']]))),
    want: {
      NamespaceDeletionDiscoveryFailure: [
        'True',
        'DiscoveryFailed',
        'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: metrics.k8s.io/v1beta1: boom',
      ],
    },
    changed: true,
  },
  {
    name: 'content deletion failures are aggregated, sorted',
    record: (u) => {
      u.deleteContentFailed(new Error('second'));
      u.deleteContentFailed(new Error('first'));
    },
    want: {
      NamespaceDeletionContentFailure: [
        'True',
        'ContentDeletionFailed',
        'Failed to delete all resource types, 2 remaining: first, second',
      ],
    },
    changed: true,
  },
];

describe('namespace deletion conditions', () => {
  for (const c of cases) {
    test(c.name, () => {
      const updater = new NamespaceConditionUpdater(NOW);
      c.record(updater);
      const conditions = structuredClone(c.old ?? []);
      assert.equal(updater.apply(conditions), c.changed);
      assert.equal(conditions.length, 5);
      for (const [type, [status, reason, message]] of Object.entries(c.want)) {
        const got = conditions.find((x) => x.type === type);
        assert.deepEqual([got?.status, got?.reason, got?.message], [status, reason, message], type);
      }
    });
  }

  test('lastTransitionTime moves only when the status flips', () => {
    const updater = new NamespaceConditionUpdater(NOW);
    updater.contentTotals({ remainingByResource: new Map([['pods.', 1]]), remainingByFinalizer: new Map() });
    const conditions = structuredClone(allOk);
    updater.apply(conditions);
    const times = Object.fromEntries(conditions.map((c) => [c.type, c.lastTransitionTime]));
    assert.equal(times['NamespaceContentRemaining'], NOW);
    assert.equal(times['NamespaceDeletionDiscoveryFailure'], BEFORE);
  });
});
