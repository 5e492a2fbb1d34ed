/** The resources the endpoint controllers read and write. */
export const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
export const SERVICES = { group: '', version: 'v1', resource: 'services', namespaced: true } as const;
export const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints', namespaced: true } as const;
