import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { protobufNumberAt, protobufProblems } from '../../apps/v1/protobuf-numbers.js';
import { ClusterRoleSchema } from './cluster-role.js';
import { RoleBindingSchema } from './role-binding.js';
import { defaultBinding } from './binding-refs.js';

describe('rbac.authorization.k8s.io/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['ClusterRole', ClusterRoleSchema, 'aggregationRule.clusterRoleSelectors', 1],
    ['ClusterRole', ClusterRoleSchema, 'rules.nonResourceURLs', 5],
    ['RoleBinding', RoleBindingSchema, 'roleRef', 3],
    ['RoleBinding', RoleBindingSchema, 'subjects.namespace', 4],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('bindings default the roleRef and User/Group subjects to the RBAC group, ServiceAccounts to the core group', () => {
    const obj: Record<string, unknown> = {
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [
        { kind: 'User', name: 'u' },
        { kind: 'Group', name: 'g' },
        { kind: 'ServiceAccount', name: 's', namespace: 'n' },
        { kind: 'User', name: 'v', apiGroup: 'other' },
      ],
    };
    defaultBinding(obj);
    assert.equal((obj.roleRef as Record<string, unknown>).apiGroup, 'rbac.authorization.k8s.io');
    assert.deepEqual(
      (obj.subjects as Record<string, unknown>[]).map((s) => s.apiGroup),
      ['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io', '', 'other'],
    );
  });
});
