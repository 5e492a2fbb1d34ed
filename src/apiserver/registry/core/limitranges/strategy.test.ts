import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LimitRangeKind } from '../../../../api/core/v1/limit-range.js';
import type { ApiObject } from '../../strategy.js';
import { create } from '../validation/strategy-harness.js';
import { limitrangesStrategy } from './strategy.js';

const lr = (limits: unknown[]): ApiObject => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'limits', namespace: 'default' },
  spec: { limits },
});

describe('limitranges strategy', () => {
  const cases: { name: string; input: ApiObject; errors: string[] }[] = [
    {
      name: 'container bounds in order are valid',
      input: lr([{ type: 'Container', min: { cpu: '100m' }, default: { cpu: '500m' }, max: { cpu: '1' } }]),
      errors: [],
    },
    {
      name: 'min above max is rejected',
      input: lr([{ type: 'Container', min: { memory: '2Gi' }, max: { memory: '1Gi' } }]),
      errors: [
        'spec.limits[0].min[memory]: Invalid value: "2Gi": min value 2Gi is greater than max value 1Gi',
        'spec.limits[0].defaultRequest[memory]: Invalid value: "1Gi": min value 2Gi is greater than default request value 1Gi',
        'spec.limits[0].default[memory]: Invalid value: "2Gi": min value 2Gi is greater than default value 1Gi',
      ],
    },
    {
      name: 'a pod limit may not carry defaults',
      input: lr([{ type: 'Pod', default: { cpu: '1' } }]),
      errors: ["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"],
    },
    {
      name: 'an unknown unprefixed type is rejected',
      input: lr([{ type: 'Deployment' }]),
      errors: ['spec.limits[0].type: Invalid value: "Deployment": must be a standard limit type or fully qualified'],
    },
    {
      name: 'a claim limit needs a storage bound',
      input: lr([{ type: 'PersistentVolumeClaim', max: { cpu: '1' } }]),
      errors: [
        'spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
      ],
    },
    {
      name: 'a container resource must be a container resource (also in the defaults copied from max)',
      input: lr([{ type: 'Container', max: { pods: '1' } }]),
      errors: [
        'spec.limits[0].max[pods]: Invalid value: "pods": must be a standard resource for containers',
        'spec.limits[0].default[pods]: Invalid value: "pods": must be a standard resource for containers',
        'spec.limits[0].defaultRequest[pods]: Invalid value: "pods": must be a standard resource for containers',
      ],
    },
    {
      name: 'a type may appear once',
      input: lr([{ type: 'Pod' }, { type: 'Pod' }]),
      errors: ['spec.limits[1].type: Duplicate value: "Pod"'],
    },
  ];
  for (const c of cases)
    test(c.name, () => assert.deepEqual(create(limitrangesStrategy, LimitRangeKind, c.input).errors, c.errors));
});
