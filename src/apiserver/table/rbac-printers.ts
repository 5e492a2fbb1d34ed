/** RoleBinding and ClusterRoleBinding printers. Roles and ClusterRoles have no printer upstream: they use the default one. */
import { list, str } from './accessors.js';
import { AGE, NAME, column } from './columns.js';
import { age, name } from './format.js';
import type { Cell, Printer } from './types.js';

/** Users, groups and service accounts (`namespace/name`) among the subjects, each joined by `, `. */
function subjects(binding: unknown): [users: string, groups: string, serviceAccounts: string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const subject of list(binding, 'subjects')) {
    switch (str(subject, 'kind')) {
      case 'ServiceAccount':
        serviceAccounts.push(`${str(subject, 'namespace')}/${str(subject, 'name')}`);
        break;
      case 'User':
        users.push(str(subject, 'name'));
        break;
      case 'Group':
        groups.push(str(subject, 'name'));
        break;
    }
  }
  return [users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
}

function bindingPrinter(what: string): Printer {
  return {
    columns: [
      NAME,
      column('Role', 'string', 'The role the subjects are granted, as Kind/name.'),
      AGE,
      column('Users', 'string', `Users in the ${what}`, { priority: 1 }),
      column('Groups', 'string', `Groups in the ${what}`, { priority: 1 }),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, { priority: 1 }),
    ],
    cells(binding, now): Cell[] {
      const roleRef = `${str(binding, 'roleRef', 'kind')}/${str(binding, 'roleRef', 'name')}`;
      return [name(binding), roleRef, age(binding, now), ...subjects(binding)];
    },
  };
}

export const roleBindingPrinter: Printer = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter: Printer = bindingPrinter('clusterRoleBinding');
