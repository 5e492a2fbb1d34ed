/** The kinds of policy/v1 (Eviction is a subresource body, exported from eviction.ts). */
import type { KindDefinition } from '../../schema/kind.js';
import { PodDisruptionBudgetKind } from './pod-disruption-budget.js';

export const KINDS: KindDefinition[] = [PodDisruptionBudgetKind];
