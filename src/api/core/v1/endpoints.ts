/** Endpoints (core/v1): the addresses and ports that back a Service (legacy form of EndpointSlice). */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ObjectReference } from './references.js';
import { PROTOCOLS } from './service.js';

export const EndpointAddress = struct(
  'io.k8s.api.core.v1.EndpointAddress',
  {
    ip: field(1, str()),
    hostname: field(3, str()),
    nodeName: field(4, str()),
    targetRef: field(2, ObjectReference),
  },
  { required: ['ip'], structType: 'atomic' },
);

export const EndpointPort = struct(
  'io.k8s.api.core.v1.EndpointPort',
  {
    name: field(1, str()),
    port: field(2, int32()),
    protocol: field(3, str({ enum: PROTOCOLS }), { default: 'TCP' }),
    appProtocol: field(4, str()),
  },
  { required: ['port'], structType: 'atomic' },
);

export const EndpointSubset = struct('io.k8s.api.core.v1.EndpointSubset', {
  addresses: field(1, arrayOf(EndpointAddress), { listType: 'atomic' }),
  notReadyAddresses: field(2, arrayOf(EndpointAddress), { listType: 'atomic' }),
  ports: field(3, arrayOf(EndpointPort), { listType: 'atomic' }),
});

export const EndpointsSchema = objectSchema('io.k8s.api.core.v1.Endpoints', {
  subsets: field(2, arrayOf(EndpointSubset), { listType: 'atomic' }),
});
export type Endpoints = Static<typeof EndpointsSchema>;

export const EndpointsKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  plural: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  schema: EndpointsSchema,
};
