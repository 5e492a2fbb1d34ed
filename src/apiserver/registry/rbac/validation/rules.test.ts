import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RoleKind } from '../../../../api/rbac/v1/role.js';
import { ClusterRoleKind } from '../../../../api/rbac/v1/cluster-role.js';
import { RoleBindingKind } from '../../../../api/rbac/v1/role-binding.js';
import { ClusterRoleBindingKind } from '../../../../api/rbac/v1/cluster-role-binding.js';
import type { ApiObject } from '../../strategy.js';
import { create, stored, update } from '../../core/validation/strategy-harness.js';
import { STRATEGIES } from '../index.js';

const rbac = (kind: string, fields: Record<string, unknown>, namespace?: string): ApiObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: 'system:reader', ...(namespace ? { namespace } : {}) },
  ...fields,
});
const strategy = (plural: string) => {
  const s = STRATEGIES[plural];
  assert.ok(s);
  return s;
};

describe('rbac strategies', () => {
  const roleCases: [string, unknown[], string[]][] = [
    [
      'a rule with verbs, groups and resources is valid',
      [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
      [],
    ],
    [
      'a rule needs verbs',
      [{ apiGroups: [''], resources: ['pods'] }],
      ['rules[0].verbs: Required value: verbs must contain at least one value'],
    ],
    [
      'a resource rule needs groups and resources',
      [{ verbs: ['get'] }],
      [
        'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
        'rules[0].resources: Required value: resource rules must supply at least one resource',
      ],
    ],
    [
      'a namespaced role cannot grant non-resource URLs',
      [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
      [
        'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      ],
    ],
  ];
  for (const [name, rules, errors] of roleCases) {
    test(`Role: ${name}`, () =>
      assert.deepEqual(create(strategy('roles'), RoleKind, rbac('Role', { rules }, 'default')).errors, errors));
  }

  test('ClusterRole: non-resource URLs are allowed, mixed with resources they are not', () => {
    const ok = rbac('ClusterRole', { rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] });
    assert.deepEqual(create(strategy('clusterroles'), ClusterRoleKind, ok).errors, []);
    const mixed = rbac('ClusterRole', {
      rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'], resources: ['pods'] }],
    });
    assert.deepEqual(create(strategy('clusterroles'), ClusterRoleKind, mixed).errors, [
      'rules[0].nonResourceURLs: Invalid value: []string{"/metrics"}: rules cannot apply to both regular resources and non-resource URLs',
    ]);
  });

  test('ClusterRole: an aggregation rule needs a selector', () => {
    const role = rbac('ClusterRole', { aggregationRule: { clusterRoleSelectors: [] } });
    assert.deepEqual(create(strategy('clusterroles'), ClusterRoleKind, role).errors, [
      'aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]);
  });

  test('RBAC names may contain colons but not slashes', () => {
    assert.deepEqual(strategy('roles').validateName?.('system:reader', false), []);
    assert.deepEqual(strategy('roles').validateName?.('a/b', false), ["may not contain '/'"]);
  });

  const bindingCases: [string, Record<string, unknown>, string[]][] = [
    [
      'a binding of a role to a user is valid',
      { roleRef: { kind: 'Role', name: 'reader' }, subjects: [{ kind: 'User', name: 'jane' }] },
      [],
    ],
    [
      'a binding must reference a Role or ClusterRole',
      { roleRef: { kind: 'Group', name: 'reader' } },
      ['roleRef.kind: Unsupported value: "Group": supported values: "Role", "ClusterRole"'],
    ],
    ['a binding must name its role', { roleRef: { kind: 'Role' } }, ['roleRef.name: Required value']],
    [
      'a subject of an unknown kind is rejected',
      { roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'Robot', name: 'r2' }] },
      ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
    ],
    [
      'a service account subject belongs to the core group',
      {
        roleRef: { kind: 'Role', name: 'r' },
        subjects: [{ kind: 'ServiceAccount', name: 'default', apiGroup: 'rbac.authorization.k8s.io' }],
      },
      ['subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""'],
    ],
  ];
  for (const [name, fields, errors] of bindingCases) {
    test(`RoleBinding: ${name}`, () =>
      assert.deepEqual(
        create(strategy('rolebindings'), RoleBindingKind, rbac('RoleBinding', fields, 'default')).errors,
        errors,
      ));
  }

  test('ClusterRoleBinding: only ClusterRoles, and service accounts need a namespace', () => {
    const binding = rbac('ClusterRoleBinding', {
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa' }],
    });
    assert.deepEqual(create(strategy('clusterrolebindings'), ClusterRoleBindingKind, binding).errors, [
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
    ]);
  });

  test('the roleRef of a binding cannot change, its subjects can', () => {
    const old = stored(
      strategy('rolebindings'),
      RoleBindingKind,
      rbac('RoleBinding', { roleRef: { kind: 'Role', name: 'a' } }, 'default'),
    );
    const moreSubjects = { ...old, subjects: [{ kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' }] };
    assert.deepEqual(update(strategy('rolebindings'), RoleBindingKind, moreSubjects, old).errors, []);
    const otherRole = { ...old, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'b' } };
    assert.deepEqual(update(strategy('rolebindings'), RoleBindingKind, otherRole, old).errors, [
      'roleRef: Invalid value: "object": cannot change roleRef',
    ]);
  });
});
