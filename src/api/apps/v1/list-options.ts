/**
 * Field options shared by the workload APIs: condition lists merge by `type` (strategic merge patch) and are
 * map lists keyed by `type` (server-side apply), as upstream's `+patchMergeKey=type +listType=map` say.
 */
export const byType = {
  patchStrategy: 'merge',
  patchMergeKey: 'type',
  listType: 'map',
  listMapKeys: ['type'],
} as const;
