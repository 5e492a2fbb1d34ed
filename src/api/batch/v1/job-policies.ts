/** The failure and success policies of a Job (batch/v1): rules over pod failures and succeeded indexes. */
import { arrayOf, int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const PodFailurePolicyAction = ['Count', 'FailIndex', 'FailJob', 'Ignore'] as const;
export const PodFailurePolicyOnExitCodesOperator = ['In', 'NotIn'] as const;

export const PodFailurePolicyOnExitCodesRequirement = struct(
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement',
  {
    containerName: field(1, str()),
    operator: field(2, str({ enum: PodFailurePolicyOnExitCodesOperator })),
    values: field(3, arrayOf(int32()), { listType: 'set' }),
  },
  { required: ['operator', 'values'] },
);

export const PodFailurePolicyOnPodConditionsPattern = struct(
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern',
  {
    type: field(1, str()),
    status: field(2, str()),
  },
  { required: ['type'] },
);

export const PodFailurePolicyRule = struct(
  'io.k8s.api.batch.v1.PodFailurePolicyRule',
  {
    action: field(1, str({ enum: PodFailurePolicyAction })),
    onExitCodes: field(2, PodFailurePolicyOnExitCodesRequirement),
    onPodConditions: field(3, arrayOf(PodFailurePolicyOnPodConditionsPattern), { listType: 'atomic' }),
  },
  { required: ['action'] },
);

export const PodFailurePolicy = struct(
  'io.k8s.api.batch.v1.PodFailurePolicy',
  { rules: field(1, arrayOf(PodFailurePolicyRule), { listType: 'atomic' }) },
  { required: ['rules'] },
);

export const SuccessPolicyRule = struct('io.k8s.api.batch.v1.SuccessPolicyRule', {
  succeededIndexes: field(1, str()),
  succeededCount: field(2, int32()),
});

export const SuccessPolicy = struct(
  'io.k8s.api.batch.v1.SuccessPolicy',
  { rules: field(1, arrayOf(SuccessPolicyRule), { listType: 'atomic' }) },
  { required: ['rules'] },
);
