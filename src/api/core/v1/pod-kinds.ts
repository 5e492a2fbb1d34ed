/** The Pod family of core/v1, for the group-version's KINDS list. */
import type { KindDefinition } from '../../schema/kind.js';
import { BindingKind } from './binding.js';
import { PodTemplateKind } from './pod-template.js';
import { PodKind } from './pod.js';
import { ReplicationControllerKind } from './replication-controller.js';

export const POD_KINDS: KindDefinition[] = [PodKind, PodTemplateKind, ReplicationControllerKind, BindingKind];
