/**
 * Scale (autoscaling/v1): the body of every `…/scale` subresource (deployments, replicasets, statefulsets,
 * replicationcontrollers, custom resources). Not a resource of its own, so it has no KindDefinition.
 */
import type { Static } from '@sinclair/typebox';
import { objectSchema } from '../../schema/kind.js';
import { int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const ScaleSpec = struct('io.k8s.api.autoscaling.v1.ScaleSpec', {
  replicas: field(1, int32()),
});

export const ScaleStatus = struct(
  'io.k8s.api.autoscaling.v1.ScaleStatus',
  {
    replicas: field(1, int32()),
    /** The label selector as query-parameter text, e.g. `app=web,tier in (a,b)`. */
    selector: field(2, str()),
  },
  { required: ['replicas'] },
);

export const ScaleSchema = objectSchema('io.k8s.api.autoscaling.v1.Scale', {
  spec: field(2, ScaleSpec),
  status: field(3, ScaleStatus),
});
export type Scale = Static<typeof ScaleSchema>;

/** The group, version and kind a scale subresource answers with. */
export const SCALE_GVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' } as const;
