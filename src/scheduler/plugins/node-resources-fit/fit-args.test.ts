import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeHandle } from '../../testing/builders.js';
import { parseFitArgs } from './fit-args.js';
import { newNodeResourcesFit } from './node-resources-fit.js';

const cpuMemory = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

describe('NodeResourcesFit args', () => {
  const valid: { name: string; args: unknown; want: Record<string, unknown> }[] = [
    {
      name: 'no args mean LeastAllocated over cpu and memory',
      args: undefined,
      want: { strategy: 'LeastAllocated', resources: cpuMemory, shape: [] },
    },
    {
      name: 'an empty object means the defaults too',
      args: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'NodeResourcesFitArgs' },
      want: { strategy: 'LeastAllocated', resources: cpuMemory, shape: [] },
    },
    {
      name: 'a strategy without resources scores cpu and memory',
      args: { scoringStrategy: { type: 'MostAllocated' } },
      want: { strategy: 'MostAllocated', resources: cpuMemory, shape: [] },
    },
    {
      name: 'a missing or zero weight means 1',
      args: {
        scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu' }, { name: 'memory', weight: 0 }] },
      },
      want: { strategy: 'LeastAllocated', resources: cpuMemory, shape: [] },
    },
    {
      name: 'a RequestedToCapacityRatio shape is kept',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          resources: [{ name: 'example.com/gpu', weight: 3 }],
          requestedToCapacityRatio: {
            shape: [
              { utilization: 0, score: 0 },
              { utilization: 100, score: 10 },
            ],
          },
        },
      },
      want: {
        strategy: 'RequestedToCapacityRatio',
        resources: [{ name: 'example.com/gpu', weight: 3 }],
        shape: [
          { utilization: 0, score: 0 },
          { utilization: 100, score: 10 },
        ],
      },
    },
  ];
  for (const c of valid) {
    test(c.name, () => {
      const config = parseFitArgs(c.args);
      assert.deepEqual({ strategy: config.strategy, resources: config.resources, shape: config.shape }, c.want);
    });
  }

  test('ignored resources and groups are kept as sets', () => {
    const config = parseFitArgs({ ignoredResources: ['example.com/a'], ignoredResourceGroups: ['example.org'] });
    assert.deepEqual([...config.ignored.names], ['example.com/a']);
    assert.deepEqual([...config.ignored.groups], ['example.org']);
  });

  const invalid: { name: string; args: unknown; message: string | RegExp }[] = [
    {
      name: 'an ignored resource must be a qualified name',
      args: { ignoredResources: ['a/b/c'] },
      message: /^ignoredResources\[0\]: Invalid value: "a\/b\/c": a qualified name must consist of/,
    },
    {
      name: "an ignored resource group can't contain '/'",
      args: { ignoredResourceGroups: ['example.com/aaa'] },
      message: `ignoredResourceGroups[0]: Invalid value: "example.com/aaa": resource group name can't contain '/'`,
    },
    {
      name: 'an unknown strategy is not supported',
      args: { scoringStrategy: { type: 'Random' } },
      message:
        'scoringStrategy.type: Unsupported value: "Random": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
    },
    {
      name: 'a strategy needs a type',
      args: { scoringStrategy: { resources: [{ name: 'cpu', weight: 1 }] } },
      message:
        'scoringStrategy.type: Unsupported value: "": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
    },
    {
      name: 'a negative weight is out of range',
      args: {
        scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'memory', weight: -1 }, { name: 'cpu' }] },
      },
      message:
        'scoringStrategy.resources[0].weight: Invalid value: -1: resource weight of memory not in valid range (0, 100]',
    },
    {
      name: 'a weight above 100 is out of range',
      args: {
        scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'memory' }, { name: 'cpu', weight: 101 }] },
      },
      message:
        'scoringStrategy.resources[1].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]',
    },
    {
      name: 'RequestedToCapacityRatio needs its parameters',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio' } },
      message:
        'scoringStrategy.requestedToCapacityRatio: Required value: required for the RequestedToCapacityRatio strategy',
    },
    {
      name: 'a shape needs a point',
      args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [] } } },
      message: 'scoringStrategy.shape: Required value: at least one point must be specified',
    },
    {
      name: 'shape utilizations must increase',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          requestedToCapacityRatio: {
            shape: [
              { utilization: 10, score: 1 },
              { utilization: 10, score: 2 },
            ],
          },
        },
      },
      message: 'scoringStrategy.shape[1].utilization: Invalid value: 10: values must be sorted in increasing order',
    },
    {
      name: 'shape points must lie in range, all of them reported',
      args: {
        scoringStrategy: {
          type: 'RequestedToCapacityRatio',
          requestedToCapacityRatio: {
            shape: [
              { utilization: -1, score: 11 },
              { utilization: 101, score: 0 },
            ],
          },
        },
      },
      message:
        '[scoringStrategy.shape[0].utilization: Invalid value: -1: not in valid range [0, 100], ' +
        'scoringStrategy.shape[0].score: Invalid value: 11: not in valid range [0, 10], ' +
        'scoringStrategy.shape[1].utilization: Invalid value: 101: not in valid range [0, 100]]',
    },
    {
      name: 'unknown fields are rejected',
      args: { ignoredResource: ['x'] },
      message: 'unknown field "ignoredResource"',
    },
    {
      name: 'unknown nested fields are rejected with their path',
      args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', wieght: 2 }] } },
      message: 'unknown field "scoringStrategy.resources[0].wieght"',
    },
    {
      name: 'fields of the wrong type are rejected',
      args: { ignoredResources: 'example.com/a' },
      message: 'ignoredResources: Invalid value: "example.com/a": must be a list',
    },
    {
      name: 'args must be an object',
      args: 'LeastAllocated',
      message: 'Invalid value: "LeastAllocated": must be an object',
    },
  ];
  for (const c of invalid) {
    test(c.name, () => {
      assert.throws(
        () => newNodeResourcesFit(c.args, makeHandle([])),
        (err: Error) => {
          if (typeof c.message === 'string') assert.equal(err.message, c.message);
          else assert.match(err.message, c.message);
          return true;
        },
      );
    });
  }
});
