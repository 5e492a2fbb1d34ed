import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { PodSpec } from '../../../api/core/v1/pod-spec.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { Code, Status } from '../../framework/status.js';
import { makeHandle, makeNodeInfo, makePod } from '../../testing/builders.js';
import { type NodeAffinity, type NodeAffinityArgs, newNodeAffinity } from './node-affinity.js';
import type { NodeAffinity as NodeAffinitySpec } from './node-affinity-args.js';

type Requirement = { key: string; operator: string; values?: string[] };
type Term = { matchExpressions?: Requirement[]; matchFields?: Requirement[] };

const plugin = (args?: NodeAffinityArgs): NodeAffinity => newNodeAffinity(args, makeHandle([])) as NodeAffinity;
const withSpec = (spec: Partial<PodSpec>): Pod => makePod('p', { spec });
const expr = (key: string, operator: string, ...values: string[]): Requirement =>
  values.length > 0 ? { key, operator, values } : { key, operator };
/** A bare node: just a name and labels (no hostname label, unlike makeNode). */
const bareNode = (name: string, labels?: Record<string, string>): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, ...(labels ? { labels } : {}) },
});

describe('NodeAffinity Score', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const preferred = (...terms: { weight: number; preference: Term }[]): NodeAffinitySpec => ({
    preferredDuringSchedulingIgnoredDuringExecution: terms,
  });
  const affinity1 = preferred({ weight: 2, preference: { matchExpressions: [expr('foo', 'In', 'bar')] } });
  const affinity2 = preferred(
    { weight: 2, preference: { matchExpressions: [expr('foo', 'In', 'bar')] } },
    { weight: 4, preference: { matchExpressions: [expr('key', 'In', 'value')] } },
    {
      weight: 5,
      preference: { matchExpressions: [expr('foo', 'In', 'bar'), expr('key', 'In', 'value'), expr('az', 'In', 'az1')] },
    },
  );
  const podPreferring = (nodeAffinity: NodeAffinitySpec): Pod => withSpec({ affinity: { nodeAffinity } });
  interface Case {
    name: string;
    pod: Pod;
    nodes: [string, Record<string, string>][];
    args?: NodeAffinityArgs;
    runPreScore?: boolean;
    wantPreScore?: Status;
    want?: number[];
  }
  const cases: Case[] = [
    {
      name: 'all nodes are same priority as NodeAffinity is nil',
      pod: makePod('p'),
      nodes: [
        ['node1', label1],
        ['node2', label2],
        ['node3', label3],
      ],
      runPreScore: false,
      want: [0, 0, 0],
    },
    {
      name: 'Skip is returned in PreScore when NodeAffinity is nil',
      pod: makePod('p'),
      nodes: [['node1', label1]],
      wantPreScore: Status.SKIP,
    },
    {
      name: 'PreScore returns error when an incoming Pod has a broken affinity',
      pod: podPreferring(
        preferred({ weight: 2, preference: { matchExpressions: [expr('invalid key', 'In', 'bar')] } }),
      ),
      nodes: [['node1', label1]],
      wantPreScore: Status.error(
        `[0].matchExpressions[0].key: Invalid value: "invalid key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      ),
    },
    {
      name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
      pod: podPreferring(affinity1),
      nodes: [
        ['node1', label4],
        ['node2', label2],
        ['node3', label3],
      ],
      want: [0, 0, 0],
    },
    {
      name: 'only node1 matches the preferred scheduling requirements of pod',
      pod: podPreferring(affinity1),
      nodes: [
        ['node1', label1],
        ['node2', label2],
        ['node3', label3],
      ],
      want: [100, 0, 0],
    },
    {
      name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities',
      pod: podPreferring(affinity2),
      nodes: [
        ['node1', label1],
        ['node5', label5],
        ['node2', label2],
      ],
      want: [18, 100, 36],
    },
    {
      name: 'added affinity',
      pod: makePod('p'),
      nodes: [
        ['node1', label1],
        ['node2', label2],
      ],
      args: { addedAffinity: affinity1 },
      want: [100, 0],
    },
    {
      name: 'added affinity and pod has default affinity',
      pod: podPreferring(affinity1),
      nodes: [
        ['node1', label1],
        ['node2', label2],
        ['node3', label5],
      ],
      args: { addedAffinity: preferred({ weight: 3, preference: { matchExpressions: [expr('key', 'In', 'value')] } }) },
      want: [40, 60, 100],
    },
    {
      name: 'calculate the priorities correctly even if PreScore is not called',
      pod: podPreferring(affinity2),
      nodes: [
        ['node1', label1],
        ['node5', label5],
        ['node2', label2],
      ],
      runPreScore: false,
      want: [18, 100, 36],
    },
    {
      name: 'terms of weight 0 are ignored',
      pod: podPreferring(preferred({ weight: 0, preference: { matchExpressions: [expr('foo', 'In', 'bar')] } })),
      nodes: [
        ['node1', label1],
        ['node2', label2],
      ],
      want: [0, 0],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const p = plugin(c.args);
      const state = new CycleState();
      const infos: NodeInfo[] = c.nodes.map(([name, labels]) => makeNodeInfo(bareNode(name, labels)));
      if (c.runPreScore !== false) {
        const got = p.preScore(state, c.pod);
        assert.deepEqual(got, c.wantPreScore ?? Status.SUCCESS);
        if (!got.isSuccess()) return;
      }
      const scores: NodeScore[] = infos.map((info) => {
        const score = p.score(state, c.pod, info);
        assert.equal(typeof score, 'number', `score of ${info.name}`);
        return { name: info.name, score: score as number };
      });
      assert.deepEqual(p.normalizeScore(state, c.pod, scores), Status.SUCCESS);
      assert.deepEqual(
        scores,
        c.nodes.map(([name], i) => ({ name, score: c.want?.[i] })),
      );
    });
  }

  test('Score without PreScore reports a broken affinity as an error', () => {
    const pod = podPreferring(preferred({ weight: 1, preference: { matchExpressions: [expr('k', 'Bogus')] } }));
    const got = plugin().score(new CycleState(), pod, makeNodeInfo(bareNode('n')));
    assert.ok(got instanceof Status);
    assert.equal(got.code, Code.Error);
    assert.equal(
      got.message(),
      '[0].matchExpressions[0].operator: Unsupported value: "Bogus": supported values: "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"',
    );
  });
});
