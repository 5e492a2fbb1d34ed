/** Who a RoleBinding or ClusterRoleBinding (rbac.authorization.k8s.io/v1) grants to, and which role. */
import type { Static } from '@sinclair/typebox';
import { str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { isObj, objectsIn, type Obj, unset } from '../../apps/v1/object-access.js';

/** The API group of Role, ClusterRole and of User and Group subjects. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const SubjectKind = ['Group', 'ServiceAccount', 'User'] as const;

export const Subject = struct(
  'io.k8s.api.rbac.v1.Subject',
  {
    kind: field(1, str()),
    apiGroup: field(2, str()),
    name: field(3, str()),
    namespace: field(4, str()),
  },
  { required: ['kind', 'name'], structType: 'atomic' },
);
export type Subject = Static<typeof Subject>;

export const RoleRef = struct(
  'io.k8s.api.rbac.v1.RoleRef',
  {
    apiGroup: field(1, str()),
    kind: field(2, str()),
    name: field(3, str()),
  },
  { required: ['apiGroup', 'kind', 'name'], structType: 'atomic' },
);
export type RoleRef = Static<typeof RoleRef>;

/**
 * Upstream's SetDefaults_RoleBinding/ClusterRoleBinding and SetDefaults_Subject: an empty roleRef apiGroup
 * is rbac.authorization.k8s.io, as is that of User and Group subjects (ServiceAccounts keep the core group).
 */
export function defaultBinding(obj: Obj): void {
  if (isObj(obj.roleRef) && unset(obj.roleRef.apiGroup)) obj.roleRef.apiGroup = RBAC_GROUP;
  for (const subject of objectsIn(obj.subjects)) {
    if (!unset(subject.apiGroup)) continue;
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
    else if (subject.kind === 'ServiceAccount') subject.apiGroup = '';
  }
}
