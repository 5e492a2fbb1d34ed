/** EndpointSlice (discovery.k8s.io/v1): a slice of the network endpoints behind a Service. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, int32, str, stringMap } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { ObjectReference } from '../../core/v1/object-reference.js';

export const AddressType = ['FQDN', 'IPv4', 'IPv6'] as const;

export const EndpointConditions = struct('io.k8s.api.discovery.v1.EndpointConditions', {
  ready: field(1, bool()),
  serving: field(2, bool()),
  terminating: field(3, bool()),
});

export const ForZone = struct('io.k8s.api.discovery.v1.ForZone', { name: field(1, str()) }, { required: ['name'] });

export const ForNode = struct('io.k8s.api.discovery.v1.ForNode', { name: field(1, str()) }, { required: ['name'] });

export const EndpointHints = struct('io.k8s.api.discovery.v1.EndpointHints', {
  forZones: field(1, arrayOf(ForZone), { listType: 'atomic' }),
  forNodes: field(2, arrayOf(ForNode), { listType: 'atomic' }),
});

export const Endpoint = struct(
  'io.k8s.api.discovery.v1.Endpoint',
  {
    addresses: field(1, arrayOf(str()), { listType: 'set' }),
    conditions: field(2, EndpointConditions),
    hostname: field(3, str()),
    targetRef: field(4, ObjectReference),
    deprecatedTopology: field(5, stringMap()),
    nodeName: field(6, str()),
    zone: field(7, str()),
    hints: field(8, EndpointHints),
  },
  { required: ['addresses'] },
);
export type Endpoint = Static<typeof Endpoint>;

export const EndpointPort = struct(
  'io.k8s.api.discovery.v1.EndpointPort',
  {
    name: field(1, str(), { default: '' }),
    protocol: field(2, str({ enum: ['SCTP', 'TCP', 'UDP'] }), { default: 'TCP' }),
    port: field(3, int32()),
    appProtocol: field(4, str()),
  },
  { structType: 'atomic' },
);
export type EndpointPort = Static<typeof EndpointPort>;

const EndpointSliceObject = objectSchema('io.k8s.api.discovery.v1.EndpointSlice', {
  addressType: field(4, str({ enum: AddressType })),
  endpoints: field(2, arrayOf(Endpoint), { listType: 'atomic' }),
  ports: field(3, arrayOf(EndpointPort), { listType: 'atomic' }),
});
EndpointSliceObject.required = ['addressType', 'endpoints'];
export const EndpointSliceSchema = EndpointSliceObject;
export type EndpointSlice = Static<typeof EndpointSliceSchema>;

export const EndpointSliceKind: KindDefinition = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  schema: EndpointSliceSchema,
};
