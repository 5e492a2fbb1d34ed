/** The kinds of coordination.k8s.io/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { LeaseKind } from './lease.js';

export const KINDS: KindDefinition[] = [LeaseKind];
