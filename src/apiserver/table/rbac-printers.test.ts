import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac-printers.js';
import { ago, row } from './testing.js';

describe('RoleBinding and ClusterRoleBinding printers', () => {
  const subjects = [
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
    { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'developers' },
    { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' },
  ];

  test('a role binding prints its role and, wide, its subjects by kind', () => {
    const rb = {
      metadata: { name: 'shop-editors', namespace: 'shop', creationTimestamp: ago(600) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects,
    };
    assert.deepEqual(row(roleBindingPrinter, rb), {
      Name: 'shop-editors',
      Role: 'ClusterRole/edit',
      Age: '10m',
      Users: 'alice, bob',
      Groups: 'developers',
      ServiceAccounts: 'ci/deployer',
    });
  });

  test('a cluster role binding without subjects prints empty subject columns', () => {
    const crb = { metadata: { name: 'cluster-admin' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } };
    assert.deepEqual(row(clusterRoleBindingPrinter, crb), {
      Name: 'cluster-admin',
      Role: 'ClusterRole/cluster-admin',
      Age: '<unknown>',
      Users: '',
      Groups: '',
      ServiceAccounts: '',
    });
  });

  test('the wide column descriptions name the binding kind', () => {
    assert.equal(clusterRoleBindingPrinter.columns[3]?.description, 'Users in the clusterRoleBinding');
    assert.equal(roleBindingPrinter.columns[3]?.priority, 1);
  });
});
