/**
 * ImageLocality (upstream plugins/imagelocality): prefers nodes that already hold the pod's container images,
 * weighting each image by its size and by how far it has spread (numNodes / totalNodes), so that one popular
 * image does not pull every pod to the same few nodes.
 */
import type { Pod } from '../../../api/core/v1/pod.js';
import { type CycleState, CycleStateKey } from '../../framework/cycle-state.js';
import {
  type Handle,
  MAX_NODE_SCORE,
  type PluginFactory,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interfaces.js';
import type { ImageStateSummary, NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';

export const NAME = 'ImageLocality';

/** CycleState key of the pod's normalised image names, written by PreScore. */
export const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** ImageLocality takes no arguments. */
export type ImageLocalityArgs = undefined;

const MB = 1024 * 1024;
/** Image sizes below this score 0: pulling them is cheap. */
export const MIN_THRESHOLD = 23 * MB;
/** Per container, image sizes above this all score the maximum. */
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

interface PreScoreState {
  /** Normalised image names of the init containers and containers, in that order. */
  readonly images: readonly string[];
  /** Nodes in the snapshot (all of them, not just the feasible ones). */
  readonly totalNumNodes: number;
}

/** The CRI form of an image reference: `:latest` appended when it names no tag (nor digest). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** An image's size scaled by the share of nodes that have it (truncated to whole bytes). */
export function scaledImageScore(state: ImageStateSummary, totalNumNodes: number): number {
  return Math.trunc(state.size * (state.numNodes / totalNumNodes));
}

/** Maps the summed scaled image sizes linearly from [minThreshold, maxThreshold × containers] to 0…100. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  if (numContainers === 0) return 0;
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let clamped = sumScores;
  if (clamped < MIN_THRESHOLD) clamped = MIN_THRESHOLD;
  else if (clamped > maxThreshold) clamped = maxThreshold;
  // Go's int64 arithmetic: the product stays far below 2^53 (100 × 1000 MiB × containers).
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  private readonly preScoreState = new CycleStateKey<PreScoreState>(PRE_SCORE_STATE_KEY);

  constructor(private readonly handle: Handle) {}

  /**
   * Normalises the pod's image names and counts the snapshot's nodes once per cycle. Skip when no node holds
   * any of the pod's images: every node would score 0, which changes no ranking.
   */
  preScore(state: CycleState, pod: Pod): Status {
    const data = this.prepare(pod);
    const snapshot = this.handle.snapshot();
    if (!data.images.some((image) => snapshot.nodesWithImage(image) > 0)) return Status.SKIP;
    state.write(PRE_SCORE_STATE_KEY, data);
    return Status.SUCCESS;
  }

  /** 0…100: how much of the pod's image bytes (scaled by spread) the node already holds. */
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const data = this.preScoreState.read(state) ?? this.prepare(pod);
    let sum = 0;
    for (const image of data.images) {
      const summary = nodeInfo.imageStates.get(image);
      if (summary !== undefined) sum += scaledImageScore(summary, data.totalNumNodes);
    }
    return calculatePriority(sum, data.images.length);
  }

  private prepare(pod: Pod): PreScoreState {
    const images: string[] = [];
    for (const c of pod.spec?.initContainers ?? []) images.push(normalizedImageName(c.image ?? ''));
    for (const c of pod.spec?.containers ?? []) images.push(normalizedImageName(c.image ?? ''));
    return { images, totalNumNodes: this.handle.snapshot().list().length };
  }
}

export const newImageLocality: PluginFactory = (_args, handle) => new ImageLocality(handle);
