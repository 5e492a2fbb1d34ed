/**
 * Printers for the replicated workloads: ReplicationController, ReplicaSet, Deployment, StatefulSet, DaemonSet,
 * and the ControllerRevisions that StatefulSets and DaemonSets keep.
 */
import { at, int, list, optInt, rec, str, strMap } from './accessors.js';
import { AGE, CONTAINERS, IMAGES, NAME, column, selectorColumn } from './columns.js';
import { age, containerCells, name } from './format.js';
import { formatLabelSelectorAt, formatLabels, labelSelectorText } from './labels.js';
import type { Cell, Printer } from './types.js';

/** spec.replicas, defaulted to 1 as the API defaults it on create. */
const desiredReplicas = (obj: unknown): number => optInt(obj, 'spec', 'replicas') ?? 1;

const templateContainers = (obj: unknown): [string, string] => containerCells(rec(obj, 'spec', 'template', 'spec'));

/** ReplicationControllers and ReplicaSets print alike; only their selectors are written differently. */
function replicasPrinter(selector: (obj: unknown) => Cell): Printer {
  return {
    columns: [
      NAME,
      column('Desired', 'integer', 'The number of replicas wanted (spec.replicas).'),
      column('Current', 'integer', 'The number of replicas observed (status.replicas).'),
      column('Ready', 'integer', 'The number of ready replicas (status.readyReplicas).'),
      AGE,
      CONTAINERS,
      IMAGES,
      selectorColumn('The label query over pods that should match the replica count (spec.selector).'),
    ],
    cells(obj, now): Cell[] {
      return [
        name(obj),
        desiredReplicas(obj),
        int(obj, 'status', 'replicas'),
        int(obj, 'status', 'readyReplicas'),
        age(obj, now),
        ...templateContainers(obj),
        selector(obj),
      ];
    },
  };
}

/** ReplicationController: a plain map selector. */
export const replicationControllerPrinter = replicasPrinter((obj) => formatLabels(strMap(obj, 'spec', 'selector')));

/** ReplicaSet: a label selector with expressions. */
export const replicaSetPrinter = replicasPrinter((obj) => formatLabelSelectorAt(obj, 'spec', 'selector'));

export const deploymentPrinter: Printer = {
  columns: [
    NAME,
    column('Ready', 'string', 'Ready replicas out of the desired replicas.'),
    column('Up-to-date', 'string', 'Replicas that run the latest pod template (status.updatedReplicas).'),
    column('Available', 'string', 'Replicas available to serve (status.availableReplicas).'),
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn('The label selector of the pods the deployment manages (spec.selector).'),
  ],
  cells(obj, now): Cell[] {
    // Unlike the other workloads, upstream prints the raw selector here: '' when empty, `<invalid>` when invalid.
    const selector = labelSelectorText(at(obj, 'spec', 'selector')) ?? '<invalid>';
    return [
      name(obj),
      `${int(obj, 'status', 'readyReplicas')}/${desiredReplicas(obj)}`,
      int(obj, 'status', 'updatedReplicas'),
      int(obj, 'status', 'availableReplicas'),
      age(obj, now),
      ...templateContainers(obj),
      selector,
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [NAME, column('Ready', 'string', 'Ready replicas out of the desired replicas.'), AGE, CONTAINERS, IMAGES],
  cells(obj, now): Cell[] {
    return [
      name(obj),
      `${int(obj, 'status', 'readyReplicas')}/${desiredReplicas(obj)}`,
      age(obj, now),
      ...templateContainers(obj),
    ];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME,
    column('Desired', 'integer', 'Nodes that should run the daemon pod (status.desiredNumberScheduled).'),
    column('Current', 'integer', 'Nodes running at least one daemon pod (status.currentNumberScheduled).'),
    column('Ready', 'integer', 'Nodes whose daemon pod is ready (status.numberReady).'),
    column('Up-to-date', 'integer', 'Nodes running the updated daemon pod (status.updatedNumberScheduled).'),
    column('Available', 'integer', 'Nodes whose daemon pod is available (status.numberAvailable).'),
    column('Node Selector', 'string', 'The node selector of the pod template.'),
    AGE,
    CONTAINERS,
    IMAGES,
    selectorColumn('The label query over the pods the daemon set manages (spec.selector).'),
  ],
  cells(obj, now): Cell[] {
    return [
      name(obj),
      int(obj, 'status', 'desiredNumberScheduled'),
      int(obj, 'status', 'currentNumberScheduled'),
      int(obj, 'status', 'numberReady'),
      int(obj, 'status', 'updatedNumberScheduled'),
      int(obj, 'status', 'numberAvailable'),
      formatLabels(strMap(obj, 'spec', 'template', 'spec', 'nodeSelector')),
      age(obj, now),
      ...templateContainers(obj),
      formatLabelSelectorAt(obj, 'spec', 'selector'),
    ];
  },
};

/** `kind.group/name` (lower-cased kind and group) of the object's controller, or `<none>`. */
function controllerOf(obj: unknown): string {
  const ref = list(obj, 'metadata', 'ownerReferences').find((r) => at(r, 'controller') === true);
  if (ref === undefined) return '<none>';
  const apiVersion = str(ref, 'apiVersion');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind = str(ref, 'kind');
  const refName = str(ref, 'name');
  if (group === '' && kind === '') return refName;
  return `${(group === '' ? kind : `${kind}.${group}`).toLowerCase()}/${refName}`;
}

export const controllerRevisionPrinter: Printer = {
  columns: [
    NAME,
    column('Controller', 'string', 'The controller that owns the revision.'),
    column('Revision', 'string', 'The revision number of the state the object holds.'),
    AGE,
  ],
  cells(obj, now): Cell[] {
    return [name(obj), controllerOf(obj), int(obj, 'revision'), age(obj, now)];
  },
};
