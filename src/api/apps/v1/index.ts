/** The kinds of apps/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { ControllerRevisionKind } from './controller-revision.js';
import { DaemonSetKind } from './daemon-set.js';
import { DeploymentKind } from './deployment.js';
import { ReplicaSetKind } from './replica-set.js';
import { StatefulSetKind } from './stateful-set.js';

export const KINDS: KindDefinition[] = [
  DeploymentKind,
  ReplicaSetKind,
  StatefulSetKind,
  DaemonSetKind,
  ControllerRevisionKind,
];
