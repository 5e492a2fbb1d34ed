import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, Taint } from '../../api/core/v1/node.js';
import {
  applyTaintChanges,
  managedNoScheduleTaints,
  NOT_READY_TAINT,
  taintSetDiff,
  UNREACHABLE_TAINT,
  wantedNoScheduleTaints,
} from './node-taints.js';

const NOW = '2024-01-01T00:00:00Z';

const withConditions = (conditions: Record<string, string>, unschedulable = false, taints: Taint[] = []): Node => ({
  metadata: { name: 'n1' },
  spec: { unschedulable, taints },
  status: { conditions: Object.entries(conditions).map(([type, status]) => ({ type, status })) },
});

const keys = (taints: readonly { key?: string; effect?: string }[]): string[] =>
  taints.map((t) => `${t.key}:${t.effect}`).sort();

describe('wantedNoScheduleTaints', () => {
  const cases: [string, Node, string[]][] = [
    ['a Ready node without pressure wants no taint', withConditions({ Ready: 'True', MemoryPressure: 'False' }), []],
    [
      'a node that reports Ready=False wants not-ready:NoSchedule',
      withConditions({ Ready: 'False' }),
      ['node.kubernetes.io/not-ready:NoSchedule'],
    ],
    [
      'a node whose Ready is Unknown wants unreachable:NoSchedule',
      withConditions({ Ready: 'Unknown' }),
      ['node.kubernetes.io/unreachable:NoSchedule'],
    ],
    [
      'pressure conditions that are True want their taints',
      withConditions({ Ready: 'True', MemoryPressure: 'True', DiskPressure: 'True', PIDPressure: 'True' }),
      [
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
      ],
    ],
    [
      'a cordoned node wants unschedulable:NoSchedule',
      withConditions({ Ready: 'True' }, true),
      ['node.kubernetes.io/unschedulable:NoSchedule'],
    ],
  ];
  for (const [name, node, expected] of cases)
    test(name, () => assert.deepEqual(keys(wantedNoScheduleTaints(node)), expected));
});

describe('managed taints and their diff', () => {
  test('only condition and unschedulable NoSchedule taints are managed; a user taint is left alone', () => {
    const node = withConditions({ Ready: 'True' }, false, [
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    ]);
    const { add, remove } = taintSetDiff(wantedNoScheduleTaints(node), managedNoScheduleTaints(node));
    assert.deepEqual(add, []);
    assert.deepEqual(keys(remove), ['node.kubernetes.io/not-ready:NoSchedule']);
  });

  test('a node that turned Unknown swaps not-ready for unreachable', () => {
    const node = withConditions({ Ready: 'Unknown' }, false, [
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
    const { add, remove } = taintSetDiff(wantedNoScheduleTaints(node), managedNoScheduleTaints(node));
    assert.deepEqual(keys(add), ['node.kubernetes.io/unreachable:NoSchedule']);
    assert.deepEqual(keys(remove), ['node.kubernetes.io/not-ready:NoSchedule']);
  });
});

describe('applyTaintChanges', () => {
  const cases: [string, Taint[] | undefined, Parameters<typeof applyTaintChanges>[1], Taint[] | undefined][] = [
    [
      'an added taint is stamped with timeAdded',
      [],
      [UNREACHABLE_TAINT],
      [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: NOW }],
    ],
    [
      'a taint already there keeps its timeAdded and nothing changes',
      [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2023-01-01T00:00:00Z' }],
      [UNREACHABLE_TAINT],
      undefined,
    ],
    [
      'swapping replaces not-ready with unreachable and keeps other taints',
      [
        { key: 'dedicated', value: 'x', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2023-01-01T00:00:00Z' },
      ],
      [UNREACHABLE_TAINT],
      [
        { key: 'dedicated', value: 'x', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: NOW },
      ],
    ],
  ];
  for (const [name, taints, add, expected] of cases) {
    test(name, () => assert.deepEqual(applyTaintChanges(taints, add, [NOT_READY_TAINT], NOW), expected));
  }

  test('removing taints a node does not have changes nothing', () => {
    assert.equal(applyTaintChanges(undefined, [], [UNREACHABLE_TAINT, NOT_READY_TAINT], NOW), undefined);
  });
});
