/** The kinds of scheduling.k8s.io/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { PriorityClassKind } from './priority-class.js';

export const KINDS: KindDefinition[] = [PriorityClassKind];
