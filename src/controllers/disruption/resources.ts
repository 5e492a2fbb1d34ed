/** The resources the disruption controller reads and writes (pods: ../endpoints/resources.ts). */
export const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespaced: true } as const;
export const REPLICATION_CONTROLLERS = {
  group: '',
  version: 'v1',
  resource: 'replicationcontrollers',
  namespaced: true,
} as const;
export const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true } as const;
export const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true } as const;
export const STATEFUL_SETS = { group: 'apps', version: 'v1', resource: 'statefulsets', namespaced: true } as const;
