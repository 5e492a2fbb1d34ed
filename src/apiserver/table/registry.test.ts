import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultPrinter } from './default-printer.js';
import { eventPrinter, eventsApiEventPrinter } from './event-printers.js';
import { podPrinter } from './pod-printers.js';
import { PRINTERS, printerFor } from './registry.js';
import { NOW, row } from './testing.js';
import { deploymentPrinter } from './workload-printers.js';

/** Inputs no printer may choke on, from nothing at all to fields of the wrong type. */
const oddInputs: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'pod'],
  ['an empty object', {}],
  ['an object with only a name', { metadata: { name: 'lonely' } }],
  [
    'an object whose fields have the wrong types',
    {
      metadata: { name: 7, creationTimestamp: 'yesterday', labels: 'x', ownerReferences: {} },
      spec: { containers: 'nginx', replicas: '3', ports: [null, 5], selector: [], metrics: [null], rules: 'x' },
      status: { conditions: {}, containerStatuses: [null], phase: 3, loadBalancer: { ingress: [1] } },
      subsets: [{ addresses: 'x' }],
      subjects: [null],
    },
  ],
];

describe('printer registry', () => {
  const kinds: Array<[string, string]> = [
    ['', 'Pod'],
    ['', 'PodTemplate'],
    ['', 'ReplicationController'],
    ['', 'Service'],
    ['', 'Endpoints'],
    ['', 'Node'],
    ['', 'Namespace'],
    ['', 'Event'],
    ['events.k8s.io', 'Event'],
    ['', 'LimitRange'],
    ['', 'ResourceQuota'],
    ['', 'PersistentVolume'],
    ['', 'PersistentVolumeClaim'],
    ['', 'ConfigMap'],
    ['', 'Secret'],
    ['', 'ServiceAccount'],
    ['apps', 'Deployment'],
    ['apps', 'ReplicaSet'],
    ['apps', 'StatefulSet'],
    ['apps', 'DaemonSet'],
    ['apps', 'ControllerRevision'],
    ['batch', 'Job'],
    ['batch', 'CronJob'],
    ['autoscaling', 'HorizontalPodAutoscaler'],
    ['coordination.k8s.io', 'Lease'],
    ['discovery.k8s.io', 'EndpointSlice'],
    ['networking.k8s.io', 'Ingress'],
    ['networking.k8s.io', 'IngressClass'],
    ['networking.k8s.io', 'NetworkPolicy'],
    ['policy', 'PodDisruptionBudget'],
    ['rbac.authorization.k8s.io', 'Role'],
    ['rbac.authorization.k8s.io', 'ClusterRole'],
    ['rbac.authorization.k8s.io', 'RoleBinding'],
    ['rbac.authorization.k8s.io', 'ClusterRoleBinding'],
    ['scheduling.k8s.io', 'PriorityClass'],
    ['storage.k8s.io', 'StorageClass'],
  ];

  test('every kind the server prints is listed explicitly', () => {
    for (const [group, kind] of kinds) assert.ok(PRINTERS.has(`${group}/${kind}`), `${group}/${kind}`);
    assert.equal(PRINTERS.size, kinds.length);
  });

  test('kinds map to their printers and unknown kinds to the default one', () => {
    assert.equal(printerFor('', 'Pod'), podPrinter);
    assert.equal(printerFor('apps', 'Deployment'), deploymentPrinter);
    assert.equal(printerFor('', 'Event'), eventPrinter);
    assert.equal(printerFor('events.k8s.io', 'Event'), eventsApiEventPrinter);
    assert.equal(printerFor('rbac.authorization.k8s.io', 'Role'), defaultPrinter);
    assert.equal(printerFor('', 'LimitRange'), defaultPrinter);
    assert.equal(printerFor('example.com', 'Widget'), defaultPrinter);
    assert.equal(printerFor('extensions', 'Deployment'), defaultPrinter);
  });

  for (const [key, printer] of PRINTERS) {
    describe(`the ${key} printer`, () => {
      test('has one name column and unique column names', () => {
        assert.equal(printer.columns.filter((c) => c.format === 'name').length, 1);
        assert.equal(new Set(printer.columns.map((c) => c.name)).size, printer.columns.length);
        for (const c of printer.columns) assert.ok(c.priority === 0 || c.priority === 1, c.name);
      });
      for (const [name, input] of oddInputs) {
        test(`prints one cell per column for ${name}`, () => {
          const cells = printer.cells(input, NOW);
          assert.equal(cells.length, printer.columns.length);
          for (const cell of cells) assert.ok(['string', 'number', 'boolean'].includes(typeof cell), String(cell));
        });
      }
    });
  }
});

describe('default printer', () => {
  test('prints the name and the creation time in UTC RFC 3339, as kube-apiserver’s default convertor does', () => {
    assert.deepEqual(
      defaultPrinter.columns.map((c) => [c.name, c.type, c.format]),
      [
        ['Name', 'string', 'name'],
        ['Created At', 'date', ''],
      ],
    );
    const role = { metadata: { name: 'pod-reader', creationTimestamp: '2024-04-30T22:15:07+02:00' } };
    assert.deepEqual(row(defaultPrinter, role), { Name: 'pod-reader', 'Created At': '2024-04-30T20:15:07Z' });
  });

  test('an object without a creation time prints Go’s zero time', () => {
    assert.deepEqual(defaultPrinter.cells({ metadata: { name: 'x' } }, NOW), ['x', '0001-01-01T00:00:00Z']);
  });
});
