/** The core/v1 kinds outside the Pod family, for the group's KINDS list. */
import type { KindDefinition } from '../../schema/kind.js';
import { ConfigMapKind } from './config-map.js';
import { EndpointsKind } from './endpoints.js';
import { EventKind } from './event.js';
import { LimitRangeKind } from './limit-range.js';
import { NamespaceKind } from './namespace.js';
import { NodeKind } from './node.js';
import { PersistentVolumeClaimKind } from './persistent-volume-claim.js';
import { PersistentVolumeKind } from './persistent-volume.js';
import { ResourceQuotaKind } from './resource-quota.js';
import { SecretKind } from './secret.js';
import { ServiceAccountKind } from './service-account.js';
import { ServiceKind } from './service.js';

export const CORE_KINDS: KindDefinition[] = [
  NamespaceKind,
  ConfigMapKind,
  ServiceKind,
  EndpointsKind,
  SecretKind,
  ServiceAccountKind,
  NodeKind,
  EventKind,
  LimitRangeKind,
  ResourceQuotaKind,
  PersistentVolumeKind,
  PersistentVolumeClaimKind,
];
