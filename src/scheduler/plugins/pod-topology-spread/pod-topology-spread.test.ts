import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatefulSet } from '../../../api/apps/v1/stateful-set.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { ReplicationController } from '../../../api/core/v1/replication-controller.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code } from '../../framework/status.js';
import { makeHandle } from '../../testing/builders.js';
import { UnsatisfiableAction } from './constraints.js';
import { NAME, newPodTopologySpread, PodTopologySpread } from './pod-topology-spread.js';
import { PRE_FILTER_STATE_KEY, PreFilterState } from './filtering.js';
import {
  type CachedObjects,
  describeSelector,
  handleWith,
  node,
  nodeInfos,
  pod,
  replicaSet,
  service,
  spread,
} from './test-fixtures.js';

const rc = (name: string, selector: Record<string, string>): ReplicationController => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name, namespace: 'default' },
  spec: { selector },
});
const statefulSet = (name: string, selector: object): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default' },
  spec: { selector, serviceName: 's' } as unknown as StatefulSet['spec'],
});
const owned = (kind: string, apiVersion: string, name: string, labels: Record<string, string>): Pod =>
  pod('p', { labels, owner: { apiVersion, kind, name } });
const DEFAULTS = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' as const }];

describe('PodTopologySpread factory', () => {
  test('names the plugin PodTopologySpread', () => {
    assert.equal(NAME, 'PodTopologySpread');
    assert.equal(newPodTopologySpread(undefined, handleWith([])).name, 'PodTopologySpread');
  });

  test('rejects invalid args with their problems', () => {
    assert.throws(
      () => newPodTopologySpread({ defaultingType: 'Never' }, handleWith([])),
      /defaultingType: Unsupported value/,
    );
  });

  test('works on a handle without informers, as if nothing selected any pod', () => {
    const infos = nodeInfos([node('node-a', { 'kubernetes.io/hostname': 'node-a' })]);
    const plugin = newPodTopologySpread(undefined, makeHandle(infos)) as PodTopologySpread;
    const p = pod('p', { labels: { app: 'web' } });
    assert.equal(plugin.preFilter(new CycleState(), p, infos).status.code, Code.Skip);
    assert.equal(plugin.preScore(new CycleState(), p, infos).code, Code.Skip);
  });
});

describe('PodTopologySpread default selector', () => {
  const cases: { name: string; pod: Pod; objects: CachedObjects; want: string | undefined }[] = [
    {
      name: 'nothing selecting the pod means no default constraints',
      pod: pod('p', { labels: { a: '1' } }),
      objects: {},
      want: undefined,
    },
    {
      name: 'the labels of every matching service are merged',
      pod: pod('p', { labels: { a: '1', b: '2' } }),
      objects: { services: [service('s1', { a: '1' }), service('s2', { b: '2' }), service('s3', { c: '3' })] },
      want: 'a=1,b=2',
    },
    {
      name: 'a service without a selector selects nothing',
      pod: pod('p', { labels: { a: '1' } }),
      objects: { services: [service('s1', undefined)] },
      want: undefined,
    },
    {
      name: 'services of another namespace do not count',
      pod: pod('p', { labels: { a: '1' } }),
      objects: { services: [service('s1', { a: '1' }, 'other')] },
      want: undefined,
    },
    {
      name: 'a controlling replication controller adds its selector',
      pod: owned('ReplicationController', 'v1', 'rc1', { a: '1', b: '2' }),
      objects: { services: [service('s1', { a: '1' })], replicationControllers: [rc('rc1', { b: '2' })] },
      want: 'a=1,b=2',
    },
    {
      name: 'a controlling replicaset adds its selector requirements',
      pod: owned('ReplicaSet', 'apps/v1', 'rs1', { a: '1', tier: 'web' }),
      objects: {
        replicaSets: [replicaSet('rs1', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] })],
      },
      want: 'tier in (web)',
    },
    {
      name: 'a controlling statefulset adds its selector requirements',
      pod: owned('StatefulSet', 'apps/v1', 'ss1', { a: '1' }),
      objects: {
        services: [service('s1', { a: '1' })],
        statefulSets: [statefulSet('ss1', { matchLabels: { a: '1' } })],
      },
      want: 'a=1,a=1',
    },
    {
      name: 'an owner of another kind adds nothing',
      pod: owned('Job', 'batch/v1', 'job1', { a: '1' }),
      objects: { services: [service('s1', { a: '1' })] },
      want: 'a=1',
    },
    {
      name: 'a missing replicaset adds nothing',
      pod: owned('ReplicaSet', 'apps/v1', 'gone', { a: '1' }),
      objects: {},
      want: undefined,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const plugin = new PodTopologySpread(
        { defaultingType: 'List', defaultConstraints: DEFAULTS },
        handleWith([], c.objects),
      );
      const constraints = plugin.constraintsOf(c.pod, UnsatisfiableAction.DoNotSchedule);
      if (c.want === undefined) {
        assert.deepEqual(constraints, []);
        return;
      }
      assert.equal(constraints.length, 1);
      assert.equal(describeSelector(constraints[0]!.selector), c.want);
    });
  }
});

describe('PodTopologySpread PreFilter errors', () => {
  test('an invalid label selector is an error naming the hard constraints', () => {
    const infos = nodeInfos([node('node-a', { zone: 'a' })]);
    const plugin = new PodTopologySpread({ defaultingType: 'List' }, handleWith(infos));
    const bad = pod('p', {
      constraints: [spread(1, 'zone', 'DoNotSchedule', { matchExpressions: [{ key: 'a', operator: 'Bogus' }] })],
    });
    const { status } = plugin.preFilter(new CycleState(), bad, infos);
    assert.equal(status.code, Code.Error);
    assert.match(status.message(), /^get constraints from pod: obtaining pod's hard topology spread constraints: /);
  });

  test('a pod whose own constraints are all soft writes no PreFilter state', () => {
    const infos = nodeInfos([node('node-a', { zone: 'a' })]);
    const plugin = new PodTopologySpread(undefined, handleWith(infos));
    const state = new CycleState();
    const soft = pod('p', { constraints: [spread(1, 'zone', 'ScheduleAnyway', {})] });
    assert.equal(plugin.preFilter(state, soft, infos).status.code, Code.Skip);
    assert.equal(state.read<PreFilterState>(PRE_FILTER_STATE_KEY), undefined);
  });
});
