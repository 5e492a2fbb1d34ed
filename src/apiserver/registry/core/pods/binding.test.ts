import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StatusError } from '../../../../machinery/status.js';
import { bindingStrategy, bindPod } from './binding.js';
import { CTX, messages, pod, type Rec } from './test-fixtures.js';

const binding = (target: Rec, metadata: Rec = { name: 'web' }) => ({
  apiVersion: 'v1',
  kind: 'Binding',
  metadata,
  target,
});

describe('bindings', () => {
  const cases: [string, Rec, string[]][] = [
    ['a binding to a node is valid', { kind: 'Node', name: 'n1' }, []],
    ['the kind may be left out', { name: 'n1' }, []],
    [
      'only nodes are targets',
      { kind: 'Pod', name: 'x' },
      ['target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"'],
    ],
    ['the target needs a name', { kind: 'Node' }, ['target.name: Required value']],
  ];
  for (const [name, target, expected] of cases) {
    test(name, () => assert.deepEqual(messages(bindingStrategy.validate?.(binding(target), CTX) ?? []), expected));
  }

  test('binding sets the node, merges annotations and marks the pod scheduled', () => {
    const p = pod({}, { annotations: { a: '1' } });
    p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
    const bound = bindPod(p, binding({ kind: 'Node', name: 'n1' }, { name: 'web', annotations: { b: '2' } }), CTX.now);
    assert.equal((bound.spec as Rec).nodeName, 'n1');
    assert.deepEqual(bound.metadata?.annotations, { a: '1', b: '2' });
    assert.deepEqual((bound.status as Rec).conditions, [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-01-02T03:04:05Z' },
    ]);
  });

  test('binding leaves the given pod as it was (the registry compares the write with it)', () => {
    const p = pod({}, { annotations: { a: '1' } });
    p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
    const before = structuredClone(p);
    const bound = bindPod(p, binding({ name: 'n1' }, { name: 'web', annotations: { b: '2' } }), CTX.now);
    assert.deepEqual(p, before);
    bound.metadata!.resourceVersion = '9';
    assert.equal(p.metadata?.resourceVersion, undefined, 'the result’s metadata is its own');
  });

  const conflicts: [string, Rec, Rec, string][] = [
    [
      'a bound pod cannot be bound again',
      { nodeName: 'n0' },
      {},
      'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "n0"',
    ],
    [
      'a gated pod cannot be bound',
      { schedulingGates: [{ name: 'g' }] },
      {},
      'Operation cannot be fulfilled on pods/binding "web": pod web has non-empty .spec.schedulingGates',
    ],
    [
      'a terminating pod cannot be bound',
      {},
      { deletionTimestamp: '2025-01-01T00:00:00Z' },
      'Operation cannot be fulfilled on pods/binding "web": pod web is being deleted, cannot be assigned to a host',
    ],
  ];
  for (const [name, spec, metadata, message] of conflicts) {
    test(name, () => {
      assert.throws(
        () => bindPod(pod(spec, metadata), binding({ name: 'n1' }), CTX.now),
        (e: unknown) => e instanceof StatusError && e.code === 409 && e.message === message,
      );
    });
  }
});
