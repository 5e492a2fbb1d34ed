/** The resources the EndpointSlice controller reads and writes beyond pods and Services. */
export const ENDPOINT_SLICES = {
  group: 'discovery.k8s.io',
  version: 'v1',
  resource: 'endpointslices',
  namespaced: true,
} as const;
export const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
