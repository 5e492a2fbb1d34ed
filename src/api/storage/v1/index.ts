/** The kinds of storage.k8s.io/v1 this project serves (CSI kinds and VolumeAttachment are not among them yet). */
import type { KindDefinition } from '../../schema/kind.js';
import { StorageClassKind } from './storage-class.js';

export const KINDS: KindDefinition[] = [StorageClassKind];
