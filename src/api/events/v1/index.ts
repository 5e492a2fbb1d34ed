/** The kinds of events.k8s.io/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { EventKind } from './event.js';

export const KINDS: KindDefinition[] = [EventKind];
