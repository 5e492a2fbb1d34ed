import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveArgs, SYSTEM_DEFAULT_CONSTRAINTS } from './args.js';

describe('PodTopologySpread args', () => {
  const valid: { name: string; args: unknown; wantSystem: boolean; wantKeys: string[] }[] = [
    {
      name: 'no args mean the system defaults',
      args: undefined,
      wantSystem: true,
      wantKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'],
    },
    {
      name: 'an empty object means the system defaults',
      args: {},
      wantSystem: true,
      wantKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'],
    },
    {
      name: 'System defaulting names the system defaults',
      args: { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'PodTopologySpreadArgs', defaultingType: 'System' },
      wantSystem: true,
      wantKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'],
    },
    {
      name: 'List defaulting without constraints means none',
      args: { defaultingType: 'List' },
      wantSystem: false,
      wantKeys: [],
    },
    {
      name: 'List defaulting uses the listed constraints',
      args: {
        defaultingType: 'List',
        defaultConstraints: [
          { maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
          { maxSkew: 2, topologyKey: 'rack', whenUnsatisfiable: 'ScheduleAnyway' },
        ],
      },
      wantSystem: false,
      wantKeys: ['rack', 'rack'],
    },
  ];
  for (const c of valid) {
    test(c.name, () => {
      const resolved = resolveArgs(c.args);
      assert.equal(resolved.systemDefaulted, c.wantSystem);
      assert.deepEqual(
        resolved.defaultConstraints.map((d) => d.topologyKey),
        c.wantKeys,
      );
    });
  }

  test('the system defaults are upstream ones', () => {
    assert.deepEqual(SYSTEM_DEFAULT_CONSTRAINTS, [
      { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
      { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
    ]);
  });

  const invalid: { name: string; args: unknown; message: string }[] = [
    {
      name: 'constraints with System defaulting are rejected',
      args: { defaultConstraints: [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' }] },
      message:
        'invalid PodTopologySpread args: defaultingType: Invalid value: "System": when .defaultConstraints are not empty',
    },
    {
      name: 'an unknown defaulting type is rejected',
      args: { defaultingType: 'Unknown' },
      message:
        'invalid PodTopologySpread args: defaultingType: Unsupported value: "Unknown": supported values: "System", "List"',
    },
    {
      name: 'a non-positive maxSkew is rejected',
      args: {
        defaultingType: 'List',
        defaultConstraints: [{ maxSkew: 0, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' }],
      },
      message:
        'invalid PodTopologySpread args: defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)',
    },
    {
      name: 'an empty topology key is rejected',
      args: {
        defaultingType: 'List',
        defaultConstraints: [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }],
      },
      message: 'invalid PodTopologySpread args: defaultConstraints[0].topologyKey: Required value: can not be empty',
    },
    {
      name: 'an invalid topology key is rejected',
      args: {
        defaultingType: 'List',
        defaultConstraints: [{ maxSkew: 1, topologyKey: 'a b', whenUnsatisfiable: 'DoNotSchedule' }],
      },
      message: 'invalid PodTopologySpread args: defaultConstraints[0].topologyKey: Invalid value: "a b": ',
    },
    {
      name: 'a missing whenUnsatisfiable is rejected',
      args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'rack' }] },
      message:
        'invalid PodTopologySpread args: defaultConstraints[0].whenUnsatisfiable: Required value: can not be empty',
    },
    {
      name: 'an unknown whenUnsatisfiable is rejected',
      args: {
        defaultingType: 'List',
        defaultConstraints: [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'Never' }],
      },
      message:
        'invalid PodTopologySpread args: defaultConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"',
    },
    {
      name: 'a label selector is forbidden',
      args: {
        defaultingType: 'List',
        defaultConstraints: [
          { maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} },
        ],
      },
      message:
        'invalid PodTopologySpread args: defaultConstraints[0].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod',
    },
    {
      name: 'a repeated key and action are rejected',
      args: {
        defaultingType: 'List',
        defaultConstraints: [
          { maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
          { maxSkew: 2, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
        ],
      },
      message: 'invalid PodTopologySpread args: defaultConstraints[1]: Duplicate value: "{rack, DoNotSchedule}"',
    },
    {
      name: 'several problems are listed together',
      args: {
        defaultingType: 'List',
        defaultConstraints: [{ maxSkew: -1, topologyKey: 'rack', whenUnsatisfiable: 'Never' }],
      },
      message:
        'invalid PodTopologySpread args: [defaultConstraints[0].maxSkew: Invalid value: -1: not in valid range (0, inf), defaultConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"]',
    },
    {
      name: 'args that are not an object are rejected',
      args: 'System',
      message: 'invalid PodTopologySpread args: want an object (PodTopologySpreadArgs), got string',
    },
    {
      name: 'unknown fields are rejected',
      args: { defaultConstraint: [] },
      message: 'invalid PodTopologySpread args: unknown field "defaultConstraint"',
    },
    {
      name: 'defaultConstraints that are not a list are rejected',
      args: { defaultingType: 'List', defaultConstraints: { maxSkew: 1 } },
      message: 'invalid PodTopologySpread args: defaultConstraints: want a list, got object',
    },
  ];
  for (const c of invalid) {
    test(c.name, () => {
      assert.throws(
        () => resolveArgs(c.args),
        (err: unknown) => err instanceof Error && err.message.startsWith(c.message),
      );
    });
  }
});
