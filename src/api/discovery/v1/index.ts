/** The kinds of discovery.k8s.io/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { EndpointSliceKind } from './endpoint-slice.js';

export const KINDS: KindDefinition[] = [EndpointSliceKind];
