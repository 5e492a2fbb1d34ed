/** Compute resource requirements of containers and pods. */
import type { Static } from '@sinclair/typebox';
import { arrayOf, mapOf, quantity, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

/** A map of resource name (`cpu`, `memory`, …) to quantity. */
export const resourceList = () => mapOf(quantity());

export const ResourceClaim = struct(
  'io.k8s.api.core.v1.ResourceClaim',
  {
    name: field(1, str()),
    request: field(2, str()),
  },
  { required: ['name'] },
);

export const ResourceRequirements = struct('io.k8s.api.core.v1.ResourceRequirements', {
  limits: field(1, resourceList()),
  requests: field(2, resourceList()),
  claims: field(3, arrayOf(ResourceClaim), { listType: 'map', listMapKeys: ['name'] }),
});
export type ResourceRequirements = Static<typeof ResourceRequirements>;

export const ContainerResizePolicy = struct(
  'io.k8s.api.core.v1.ContainerResizePolicy',
  {
    resourceName: field(1, str()),
    restartPolicy: field(2, str()),
  },
  { required: ['resourceName', 'restartPolicy'] },
);
