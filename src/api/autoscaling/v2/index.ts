/** The kinds of autoscaling/v2. */
import type { KindDefinition } from '../../schema/kind.js';
import { HorizontalPodAutoscalerKind } from './horizontal-pod-autoscaler.js';

export const KINDS: KindDefinition[] = [HorizontalPodAutoscalerKind];
