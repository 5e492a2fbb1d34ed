/** The kinds of rbac.authorization.k8s.io/v1. */
import type { KindDefinition } from '../../schema/kind.js';
import { ClusterRoleBindingKind } from './cluster-role-binding.js';
import { ClusterRoleKind } from './cluster-role.js';
import { RoleBindingKind } from './role-binding.js';
import { RoleKind } from './role.js';

export const KINDS: KindDefinition[] = [RoleKind, ClusterRoleKind, RoleBindingKind, ClusterRoleBindingKind];
