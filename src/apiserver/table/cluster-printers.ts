/** Printers for cluster-level objects: Node, Namespace, Lease, PriorityClass. */
import { at, bool, int, list, optStr, str, strMap } from './accessors.js';
import { AGE, NAME, column } from './columns.js';
import { age, name } from './format.js';
import type { Cell, Printer } from './types.js';

/** Label prefix whose suffix names a role (`node-role.kubernetes.io/control-plane`). */
const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
/** Older label whose value names a role. */
const NODE_ROLE_LABEL = 'kubernetes.io/role';

/** `Ready` / `NotReady` / `Unknown`, with `,SchedulingDisabled` for a cordoned node. */
function nodeStatus(node: unknown): string {
  const status: string[] = [];
  const ready = list(node, 'status', 'conditions').findLast((c) => str(c, 'type') === 'Ready');
  if (ready !== undefined) status.push(str(ready, 'status') === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (bool(node, 'spec', 'unschedulable')) status.push('SchedulingDisabled');
  return status.join(',');
}

/** The node's roles, sorted and de-duplicated, from both role labels; `<none>` without any. */
function nodeRoles(node: unknown): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(strMap(node, 'metadata', 'labels'))) {
    if (key.startsWith(NODE_ROLE_PREFIX)) {
      const role = key.slice(NODE_ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === NODE_ROLE_LABEL && value !== '') roles.add(value);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
}

/** The first address of `type`, or `<none>`. */
const nodeAddress = (node: unknown, type: string): string => {
  const address = list(node, 'status', 'addresses').find((a) => str(a, 'type') === type);
  return address === undefined ? '<none>' : str(address, 'address');
};

const nodeInfo = (node: unknown, field: string): string => str(node, 'status', 'nodeInfo', field) || '<unknown>';

export const nodePrinter: Printer = {
  columns: [
    NAME,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    AGE,
    column('Version', 'string', 'The kubelet version the node reports.'),
    column('Internal-IP', 'string', 'The first internal IP of the node.', { priority: 1 }),
    column('External-IP', 'string', 'The first external IP of the node.', { priority: 1 }),
    column('OS-Image', 'string', 'The operating system image the node reports.', { priority: 1 }),
    column('Kernel-Version', 'string', 'The kernel version the node reports.', { priority: 1 }),
    column('Container-Runtime', 'string', 'The container runtime and version the node reports.', { priority: 1 }),
  ],
  cells(node, now): Cell[] {
    return [
      name(node),
      nodeStatus(node),
      nodeRoles(node),
      age(node, now),
      str(node, 'status', 'nodeInfo', 'kubeletVersion'),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      nodeInfo(node, 'osImage'),
      nodeInfo(node, 'kernelVersion'),
      nodeInfo(node, 'containerRuntimeVersion'),
    ];
  },
};

export const namespacePrinter: Printer = {
  columns: [NAME, column('Status', 'string', 'The status of the namespace'), AGE],
  cells(ns, now): Cell[] {
    return [name(ns), str(ns, 'status', 'phase'), age(ns, now)];
  },
};

export const leasePrinter: Printer = {
  columns: [NAME, column('Holder', 'string', 'The identity of the current holder of the lease.'), AGE],
  cells(lease, now): Cell[] {
    return [name(lease), str(lease, 'spec', 'holderIdentity'), age(lease, now)];
  },
};

export const priorityClassPrinter: Printer = {
  columns: [
    NAME,
    column('Value', 'integer', 'The priority pods of this class receive.'),
    column('Global-Default', 'boolean', 'Whether pods without a priority class get this one.'),
    AGE,
    column('PreemptionPolicy', 'string', 'Whether pods of this class may preempt lower-priority pods.'),
  ],
  cells(pc, now): Cell[] {
    return [
      name(pc),
      int(pc, 'value'),
      at(pc, 'globalDefault') === true,
      age(pc, now),
      optStr(pc, 'preemptionPolicy') ?? '',
    ];
  },
};
