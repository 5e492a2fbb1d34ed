import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeHandle } from '../../testing/builders.js';
import { type NodeAffinityArgs, newNodeAffinity } from './node-affinity.js';

const plugin = (args?: NodeAffinityArgs): unknown => newNodeAffinity(args, makeHandle([]));

describe('NodeAffinity args', () => {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const cases: { name: string; args: unknown; error?: string | RegExp }[] = [
    { name: 'no args are fine', args: undefined },
    { name: 'empty args are fine', args: {} },
    {
      name: 'apiVersion and kind are allowed',
      args: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'NodeAffinityArgs' },
    },
    {
      name: 'args that are no object are refused',
      args: 'x',
      error: 'args are not of type NodeAffinityArgs, got string',
    },
    {
      name: 'unknown fields are refused',
      args: { addedAfinity: {} },
      error: 'NodeAffinityArgs: unknown field "addedAfinity"',
    },
    {
      name: 'a malformed added affinity is refused with its path',
      args: { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: {} } } },
      error:
        'addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Invalid value: "object": must be an array',
    },
    {
      name: 'invalid added terms are refused with upstream’s paths and wording',
      args: {
        addedAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In' }] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, preference: { matchFields: [{ key: 'metadata.name', operator: 'Exists' }] } },
          ],
        },
      },
      // The bad value's rendering ([]string{} in Go) is the field-errors machinery's business, not checked here.
      error: new RegExp(
        escape(
          '[addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Invalid value: ',
        ) +
          '.*' +
          escape(
            ": for 'in', 'notin' operators, values set can't be empty, " +
              'addedAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].matchFields[0].operator: Unsupported value: "Exists": supported values: "In", "NotIn"]',
          ),
      ),
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      if (c.error === undefined) assert.doesNotThrow(() => plugin(c.args as NodeAffinityArgs));
      else if (typeof c.error === 'string')
        assert.throws(() => plugin(c.args as NodeAffinityArgs), { message: c.error });
      else assert.throws(() => plugin(c.args as NodeAffinityArgs), c.error);
    });
  }
});
