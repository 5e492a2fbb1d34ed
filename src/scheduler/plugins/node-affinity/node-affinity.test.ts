import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodSpec } from '../../../api/core/v1/pod-spec.js';
import { ActionType, EventResource, QueueingHint } from '../../framework/cluster-event.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { PreFilterResult } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import { makeHandle, makeNodeInfo, makePod } from '../../testing/builders.js';
import {
  ERR_REASON_CONFLICT,
  ERR_REASON_ENFORCED,
  ERR_REASON_POD,
  NAME,
  type NodeAffinity,
  type NodeAffinityArgs,
  newNodeAffinity,
} from './node-affinity.js';

type Requirement = { key: string; operator: string; values?: string[] };
type Term = { matchExpressions?: Requirement[]; matchFields?: Requirement[] };

const plugin = (args?: NodeAffinityArgs): NodeAffinity => newNodeAffinity(args, makeHandle([])) as NodeAffinity;
const withSpec = (spec: Partial<PodSpec>): Pod => makePod('p', { spec });
const required = (...terms: Term[]): Pod =>
  withSpec({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  });
const expr = (key: string, operator: string, ...values: string[]): Requirement =>
  values.length > 0 ? { key, operator, values } : { key, operator };
const byName = (...names: string[]): Requirement => ({ key: 'metadata.name', operator: 'In', values: names });
/** A bare node: just a name and labels (no hostname label, unlike makeNode). */
const bareNode = (name: string, labels?: Record<string, string>): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, ...(labels ? { labels } : {}) },
});
const addedRequired = (...terms: Term[]): NodeAffinityArgs => ({
  addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

describe('NodeAffinity PreFilter and Filter', () => {
  const notMatched = Status.unresolvable(ERR_REASON_POD);
  interface Case {
    name: string;
    pod: Pod;
    labels?: Record<string, string>;
    nodeName?: string;
    args?: NodeAffinityArgs;
    runPreFilter?: boolean;
    wantPreFilter?: Status;
    wantNodeNames?: string[];
    want?: Status;
  }
  const cases: Case[] = [
    { name: 'missing labels', pod: withSpec({ nodeSelector: { foo: 'bar' } }), want: notMatched },
    { name: 'same labels', pod: withSpec({ nodeSelector: { foo: 'bar' } }), labels: { foo: 'bar' } },
    {
      name: 'node labels are superset',
      pod: withSpec({ nodeSelector: { foo: 'bar' } }),
      labels: { foo: 'bar', baz: 'blah' },
    },
    {
      name: 'node labels are subset',
      pod: withSpec({ nodeSelector: { foo: 'bar', baz: 'blah' } }),
      labels: { foo: 'bar' },
      want: notMatched,
    },
    {
      name: 'pod with matchExpressions using In operator that matches the existing node',
      pod: required({ matchExpressions: [expr('foo', 'In', 'bar', 'value2')] }),
      labels: { foo: 'bar' },
    },
    {
      name: 'pod with matchExpressions using Gt operator that matches the existing node',
      pod: required({ matchExpressions: [expr('kernel-version', 'Gt', '0204')] }),
      labels: { 'kernel-version': '0206' },
    },
    {
      name: 'pod with matchExpressions using Lt operator on a label that is no integer does not match',
      pod: required({ matchExpressions: [expr('kernel-version', 'Lt', '0204')] }),
      labels: { 'kernel-version': 'v2' },
      want: notMatched,
    },
    {
      name: 'pod with matchExpressions using NotIn operator that matches the existing node',
      pod: required({ matchExpressions: [expr('mem-type', 'NotIn', 'DDR', 'DDR2')] }),
      labels: { 'mem-type': 'DDR3' },
    },
    {
      name: 'pod with matchExpressions using Exists operator that matches the existing node',
      pod: required({ matchExpressions: [expr('GPU', 'Exists')] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
    },
    {
      name: 'pod with matchExpressions using DoesNotExist operator does not match a node with the label',
      pod: required({ matchExpressions: [expr('GPU', 'DoesNotExist')] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: notMatched,
    },
    {
      name: "pod with affinity that don't match node's labels won't schedule onto the node",
      pod: required({ matchExpressions: [expr('foo', 'In', 'value1', 'value2')] }),
      labels: { foo: 'bar' },
      want: notMatched,
    },
    {
      name: "pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
      pod: required({ matchExpressions: [] }),
      labels: { foo: 'bar' },
      want: notMatched,
    },
    {
      name: 'pod with no Affinity will schedule onto a node',
      pod: makePod('p'),
      labels: { foo: 'bar' },
      wantPreFilter: Status.SKIP,
    },
    {
      name: 'pod with Affinity but nil NodeSelector will schedule onto a node',
      pod: withSpec({ affinity: { nodeAffinity: {} } }),
      labels: { foo: 'bar' },
      wantPreFilter: Status.SKIP,
    },
    {
      name: 'pod with multiple matchExpressions ANDed that matches the existing node',
      pod: required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', 'AMD', 'INTER')] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
    },
    {
      name: "pod with multiple matchExpressions ANDed that doesn't match the existing node",
      pod: required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', 'AMD', 'INTER')] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: notMatched,
    },
    {
      name: "pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      pod: required(
        { matchExpressions: [expr('foo', 'In', 'bar', 'value2')] },
        { matchExpressions: [expr('diffkey', 'In', 'wrong', 'value2')] },
      ),
      labels: { foo: 'bar' },
    },
    {
      name: 'pod with an Affinity and a PodSpec.NodeSelector both satisfied will schedule onto the node',
      pod: withSpec({
        nodeSelector: { foo: 'bar' },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [expr('foo', 'Exists')] }],
            },
          },
        },
      }),
      labels: { foo: 'bar' },
    },
    {
      name: "pod with an Affinity matches node's labels but the PodSpec.NodeSelector is not satisfied, won't schedule onto the node",
      pod: withSpec({
        nodeSelector: { foo: 'bar' },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [expr('foo', 'Exists')] }],
            },
          },
        },
      }),
      labels: { foo: 'barrrrrr' },
      want: notMatched,
    },
    {
      name: "pod with an invalid value in Affinity term won't be scheduled onto the node",
      pod: required({ matchExpressions: [expr('foo', 'NotIn', 'invalid value: ___@#$%^')] }),
      labels: { foo: 'bar' },
      want: notMatched,
    },
    {
      name: 'pod with matchFields using In operator that matches the existing node',
      pod: required({ matchFields: [byName('node1')] }),
      nodeName: 'node1',
      wantNodeNames: ['node1'],
    },
    {
      name: 'pod with matchFields using In operator that does not match the existing node',
      pod: required({ matchFields: [byName('node1')] }),
      nodeName: 'node2',
      wantNodeNames: ['node1'],
      want: notMatched,
    },
    {
      name: 'pod with two terms: matchFields does not match, but matchExpressions matches',
      pod: required(
        { matchFields: [byName('node1'), byName('node2')] },
        { matchExpressions: [expr('foo', 'In', 'bar')] },
      ),
      nodeName: 'node2',
      labels: { foo: 'bar' },
    },
    {
      name: 'pod with one term: matchFields does not match, but matchExpressions matches',
      pod: required({ matchFields: [byName('node1')], matchExpressions: [expr('foo', 'In', 'bar')] }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      wantNodeNames: ['node1'],
      want: notMatched,
    },
    {
      name: 'pod with one term: both matchFields and matchExpressions match',
      pod: required({ matchFields: [byName('node1')], matchExpressions: [expr('foo', 'In', 'bar')] }),
      nodeName: 'node1',
      labels: { foo: 'bar' },
      wantNodeNames: ['node1'],
    },
    {
      name: 'pod with two terms: both matchFields and matchExpressions do not match',
      pod: required({ matchFields: [byName('node1')] }, { matchExpressions: [expr('foo', 'In', 'not-match-to-bar')] }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      want: notMatched,
    },
    {
      name: 'pod with two terms of node.Name affinity',
      pod: required({ matchFields: [byName('node1')] }, { matchFields: [byName('node2')] }),
      nodeName: 'node2',
      wantNodeNames: ['node1', 'node2'],
    },
    {
      name: 'pod with two conflicting match field requirements',
      pod: required({ matchFields: [byName('node1'), byName('node2')] }),
      nodeName: 'node2',
      labels: { foo: 'bar' },
      wantPreFilter: Status.unresolvable(ERR_REASON_CONFLICT),
      want: notMatched,
    },
    {
      name: 'a matchFields NotIn on the node name keeps that node out',
      pod: required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node1'] }] }),
      nodeName: 'node1',
      want: notMatched,
    },
    {
      name: 'matches added affinity and Pod’s node affinity',
      pod: required({ matchExpressions: [expr('zone', 'In', 'foo')] }),
      nodeName: 'node2',
      labels: { zone: 'foo' },
      args: addedRequired({ matchFields: [byName('node2')] }),
    },
    {
      name: 'matches added affinity but not Pod’s node affinity',
      pod: required({ matchExpressions: [expr('zone', 'In', 'bar')] }),
      nodeName: 'node2',
      labels: { zone: 'foo' },
      args: addedRequired({ matchFields: [byName('node2')] }),
      want: notMatched,
    },
    {
      name: "doesn't match added affinity",
      pod: makePod('p'),
      nodeName: 'node2',
      labels: { zone: 'foo' },
      args: addedRequired({ matchExpressions: [expr('zone', 'In', 'bar')] }),
      want: Status.unresolvable(ERR_REASON_ENFORCED),
    },
    {
      name: 'matches node selector correctly even if PreFilter is not called',
      pod: withSpec({ nodeSelector: { foo: 'bar' } }),
      labels: { foo: 'bar', baz: 'blah' },
      runPreFilter: false,
    },
    {
      name: 'matches node affinity correctly even if PreFilter is not called',
      pod: required({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', 'AMD', 'INTER')] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      runPreFilter: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const p = plugin(c.args);
      const state = new CycleState();
      if (c.runPreFilter !== false) {
        const got = p.preFilter(state, c.pod);
        const want: { status: Status; result?: PreFilterResult } = { status: c.wantPreFilter ?? Status.SUCCESS };
        if (c.wantNodeNames !== undefined) want.result = { nodeNames: new Set(c.wantNodeNames) };
        assert.deepEqual(got, want);
      }
      const nodeInfo = makeNodeInfo(bareNode(c.nodeName ?? '', c.labels));
      assert.deepEqual(p.filter(state, c.pod, nodeInfo), c.want ?? Status.SUCCESS);
    });
  }
});

describe('NodeAffinity events', () => {
  const pod = required({ matchExpressions: [expr('foo', 'In', 'bar')] });
  const enforced = addedRequired({ matchExpressions: [expr('foo', 'In', 'bar')] });

  test('it registers Node Add/UpdateNodeLabel with a hint', () => {
    const events = plugin().eventsToRegister();
    assert.equal(plugin().name, NAME);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.resource, EventResource.Node);
    assert.equal(events[0]?.actions, ActionType.Add | ActionType.UpdateNodeLabel);
  });

  const cases: { name: string; args?: NodeAffinityArgs; oldObj?: unknown; newObj: unknown; want: QueueingHint }[] = [
    { name: 'a new object that is not a node is retried', newObj: 'not-a-node', want: QueueingHint.Queue },
    {
      name: 'an old object that is not a node is retried',
      oldObj: 'not-a-node',
      newObj: bareNode('n'),
      want: QueueingHint.Queue,
    },
    { name: 'a node added without the label is skipped', newObj: bareNode('n'), want: QueueingHint.Skip },
    {
      name: 'a node added with the label queues the pod',
      newObj: bareNode('n', { foo: 'bar' }),
      want: QueueingHint.Queue,
    },
    {
      name: 'an unrelated change is skipped',
      oldObj: bareNode('n'),
      newObj: bareNode('n', { k: 'v' }),
      want: QueueingHint.Skip,
    },
    {
      name: 'a node going from suitable to unsuitable is skipped',
      oldObj: bareNode('n', { foo: 'bar' }),
      newObj: bareNode('n', { k: 'v' }),
      want: QueueingHint.Skip,
    },
    {
      name: 'a node that already matched and still does is skipped',
      oldObj: bareNode('n', { foo: 'bar' }),
      newObj: bareNode('n', { foo: 'bar', k: 'v' }),
      want: QueueingHint.Skip,
    },
    {
      name: 'a label change that makes the pod schedulable queues it',
      oldObj: bareNode('n'),
      newObj: bareNode('n', { foo: 'bar' }),
      want: QueueingHint.Queue,
    },
    {
      name: 'a node added that misses the scheduler-enforced affinity is skipped',
      args: enforced,
      newObj: bareNode('n'),
      want: QueueingHint.Skip,
    },
    {
      name: 'a node added that matches the scheduler-enforced affinity queues the pod',
      args: enforced,
      newObj: bareNode('n', { foo: 'bar' }),
      want: QueueingHint.Queue,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const [event] = plugin(c.args).eventsToRegister();
      assert.equal(event?.hint?.(pod, c.oldObj, c.newObj), c.want);
    });
  }
});
