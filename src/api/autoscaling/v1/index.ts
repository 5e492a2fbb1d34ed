/** The kinds of autoscaling/v1 (Scale is a subresource body, exported from scale.ts). */
import type { KindDefinition } from '../../schema/kind.js';
import { HorizontalPodAutoscalerKind } from './horizontal-pod-autoscaler.js';

export const KINDS: KindDefinition[] = [HorizontalPodAutoscalerKind];
