/** Pods and DaemonSets for the DaemonSet controller's table tests. */
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Pod } from '../../api/core/v1/pod.js';

export const NOW = Date.parse('2024-01-01T01:00:00Z');

export interface PodShape {
  readonly name: string;
  readonly node?: string;
  readonly hash?: string;
  readonly ready?: boolean;
  readonly phase?: string;
  readonly deleting?: boolean;
  readonly created?: string;
  /** When it turned ready (default long ago). */
  readonly readySince?: string;
}

/** A daemon pod bound to `node` (unless `node` is absent), Running and Ready unless told otherwise. */
export function daemonPod(shape: PodShape): Pod {
  return {
    metadata: {
      name: shape.name,
      namespace: 'ns',
      creationTimestamp: shape.created ?? '2024-01-01T00:00:00Z',
      labels: { app: 'agent', 'controller-revision-hash': shape.hash ?? 'new' },
      ...(shape.deleting ? { deletionTimestamp: '2024-01-01T00:30:00Z' } : {}),
    },
    spec: { containers: [], ...(shape.node ? { nodeName: shape.node } : {}) },
    status: {
      phase: shape.phase ?? 'Running',
      conditions: [
        {
          type: 'Ready',
          status: shape.ready === false ? 'False' : 'True',
          lastTransitionTime: shape.readySince ?? '2024-01-01T00:00:00Z',
        },
      ],
    },
  } as Pod;
}

/** A RollingUpdate DaemonSet with the given surge and unavailability. */
export function daemonSet(
  rollingUpdate: { maxUnavailable?: number | string; maxSurge?: number | string } = {},
  minReadySeconds = 0,
): DaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'ns', uid: 'ds-uid', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0, ...rollingUpdate } },
      minReadySeconds,
    },
    status: {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
      observedGeneration: 1,
    },
  } as DaemonSet;
}
