import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { newPodInfo } from '../../framework/pod-info.js';
import { Code } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { affinitySpec, makePlugin, term } from './affinity-fixtures.js';
import type { PreFilterState } from './filtering.js';
import { NAME, newInterPodAffinity, PRE_FILTER_STATE_KEY, PRE_SCORE_STATE_KEY } from './inter-pod-affinity.js';

const scan = { service: 'securityscan' };
const s1 = { security: 'S1' };
const db = { app: 'db' };

const nodeLabels: Record<string, Record<string, string>> = {
  nodeA: { region: 'r1', zone: 'z11' },
  nodeB: { region: 'r1', zone: 'z12' },
  nodeC: { region: 'r2', zone: 'z21' },
};

/** The incoming pod: affine to S1 pods by region, anti-affine to db pods by zone. */
const incoming = makePod('incoming', {
  labels: scan,
  spec: affinitySpec({ affinity: [term('region', s1)], antiAffinity: [term('zone', db)] }),
});

/** Existing pods, each relevant to one of the three counts. */
const existing: Record<string, Pod> = {
  'a pod whose anti-affinity rejects the incoming pod': makePod('hater', {
    nodeName: 'nodeA',
    spec: affinitySpec({ antiAffinity: [term('zone', scan)] }),
  }),
  'a pod the incoming pod is affine to': makePod('peer', { nodeName: 'nodeB', labels: s1 }),
  'a pod the incoming pod is anti-affine to': makePod('db', { nodeName: 'nodeC', labels: db }),
};

function nodeInfos(pods: readonly Pod[]): NodeInfo[] {
  return Object.entries(nodeLabels).map(([name, labels]) =>
    makeNodeInfo(
      makeNode(name, { labels }),
      pods.filter((p) => p.spec?.nodeName === name),
    ),
  );
}

function preFiltered(pods: readonly Pod[]) {
  const infos = nodeInfos(pods);
  const { plugin } = makePlugin(infos);
  const state = new CycleState();
  assert.equal(plugin.preFilter(state, incoming, infos).status.code, Code.Success);
  return { plugin, state, infos };
}

function counts(state: CycleState) {
  const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
  assert.ok(s);
  const sorted = (c: PreFilterState['affinityCounts']) => [...c.entries()].sort();
  return {
    existing: sorted(s.existingAntiAffinityCounts),
    affinity: sorted(s.affinityCounts),
    anti: sorted(s.antiAffinityCounts),
  };
}

describe('InterPodAffinity PreFilter extensions (preemption)', () => {
  const all = Object.values(existing);
  for (const [description, pod] of Object.entries(existing)) {
    const others = all.filter((p) => p !== pod);
    const nodeName = pod.spec?.nodeName ?? '';

    test(`adding ${description} gives the counts of a PreFilter that saw it`, () => {
      const { plugin, state, infos } = preFiltered(others);
      const node = infos.find((n) => n.name === nodeName) as NodeInfo;
      assert.equal(plugin.preFilterExtensions.addPod(state, incoming, newPodInfo(pod), node).code, Code.Success);
      assert.deepEqual(counts(state), counts(preFiltered(all).state));
    });

    test(`removing ${description} gives the counts of a PreFilter that did not see it`, () => {
      const { plugin, state, infos } = preFiltered(all);
      const node = infos.find((n) => n.name === nodeName) as NodeInfo;
      assert.equal(plugin.preFilterExtensions.removePod(state, incoming, newPodInfo(pod), node).code, Code.Success);
      assert.deepEqual(counts(state), counts(preFiltered(others).state));
    });
  }

  test('removing the pod whose anti-affinity rejected the incoming pod lets its node fit', () => {
    const { plugin, state, infos } = preFiltered(all);
    const nodeA = infos[0] as NodeInfo;
    assert.equal(plugin.filter(state, incoming, nodeA).code, Code.Unschedulable);
    const victim = existing['a pod whose anti-affinity rejects the incoming pod'] as Pod;
    plugin.preFilterExtensions.removePod(state, incoming, newPodInfo(victim), nodeA);
    assert.equal(plugin.filter(state, incoming, nodeA).code, Code.Success);
  });

  test('a cloned cycle state is updated without changing the original', () => {
    const { plugin, state, infos } = preFiltered(all);
    const before = counts(state);
    const copy = state.clone();
    for (const pod of all) {
      const node = infos.find((n) => n.name === pod.spec?.nodeName) as NodeInfo;
      plugin.preFilterExtensions.removePod(copy, incoming, newPodInfo(pod), node);
    }
    assert.deepEqual(counts(state), before);
    assert.deepEqual(counts(copy), { existing: [], affinity: [], anti: [] });
  });
});

describe('InterPodAffinity without the state of the earlier extension point', () => {
  const infos = nodeInfos([]);
  const node = infos[0] as NodeInfo;
  const { plugin } = makePlugin(infos);
  const cases = [
    {
      name: 'Filter without PreFilter is an error',
      run: () => plugin.filter(new CycleState(), incoming, node),
      key: PRE_FILTER_STATE_KEY,
    },
    {
      name: 'addPod without PreFilter is an error',
      run: () => plugin.preFilterExtensions.addPod(new CycleState(), incoming, newPodInfo(incoming), node),
      key: PRE_FILTER_STATE_KEY,
    },
    {
      name: 'Score without PreScore is an error',
      run: () => plugin.score(new CycleState(), incoming, node),
      key: PRE_SCORE_STATE_KEY,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const status = c.run();
      assert.ok(typeof status !== 'number');
      assert.equal(status.code, Code.Error);
      assert.equal(status.message(), `error reading "${c.key}" from cycleState: not found`);
    });
  }
});

describe('InterPodAffinity factory and args', () => {
  const handle = makeHandle([]);
  const valid: { name: string; args: unknown }[] = [
    { name: 'no args mean upstream’s defaults', args: undefined },
    { name: 'a weight at the top of the range is accepted', args: { hardPodAffinityWeight: 100 } },
    { name: 'a zero weight is accepted', args: { hardPodAffinityWeight: 0, ignorePreferredTermsOfExistingPods: true } },
    {
      name: 'apiVersion and kind are accepted',
      args: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'InterPodAffinityArgs' },
    },
  ];
  for (const c of valid) {
    test(c.name, () => assert.equal(newInterPodAffinity(c.args, handle).name, NAME));
  }

  const invalid: { name: string; args: unknown; message: string }[] = [
    {
      name: 'a weight above 100 is rejected with upstream’s message',
      args: { hardPodAffinityWeight: 101 },
      message: 'hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]',
    },
    {
      name: 'a negative weight is rejected',
      args: { hardPodAffinityWeight: -1 },
      message: 'hardPodAffinityWeight: Invalid value: -1: not in valid range [0, 100]',
    },
    {
      name: 'a fractional weight is rejected',
      args: { hardPodAffinityWeight: 1.5 },
      message: 'hardPodAffinityWeight: Invalid value: 1.5: must be an integer',
    },
    {
      name: 'a non-boolean ignorePreferredTermsOfExistingPods is rejected',
      args: { ignorePreferredTermsOfExistingPods: 'yes' },
      message: 'ignorePreferredTermsOfExistingPods: Invalid value: "yes": must be a boolean',
    },
    {
      name: 'an unknown field is rejected',
      args: { hardPodAffinityWeigth: 1 },
      message: 'InterPodAffinity: args: unknown field "hardPodAffinityWeigth"',
    },
    {
      name: 'args that are not an object are rejected',
      args: 3,
      message: 'InterPodAffinity: args must be an InterPodAffinityArgs object, got 3',
    },
  ];
  for (const c of invalid) {
    test(c.name, () => assert.throws(() => newInterPodAffinity(c.args, handle), { message: c.message }));
  }
});
