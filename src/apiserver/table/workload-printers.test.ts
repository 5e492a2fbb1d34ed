import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ago, row } from './testing.js';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workload-printers.js';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'nginx', image: 'nginx:1.25' },
      { name: 'exporter', image: 'nginx-exporter:0.11' },
    ],
  },
};

describe('Deployment printer', () => {
  const deployment = (spec: Record<string, unknown>, status: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', creationTimestamp: ago(2 * 86400 + 5 * 3600) },
    spec: { template, ...spec },
    status,
  });

  test('a deployment prints READY as ready/desired and its wide columns', () => {
    const d = deployment(
      { replicas: 3, selector: { matchLabels: { app: 'web' } } },
      { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
    );
    assert.deepEqual(row(deploymentPrinter, d), {
      Name: 'web',
      Ready: '2/3',
      'Up-to-date': 3,
      Available: 2,
      Age: '2d5h',
      Containers: 'nginx,exporter',
      Images: 'nginx:1.25,nginx-exporter:0.11',
      Selector: 'app=web',
    });
  });

  const cases: Array<[string, ReturnType<typeof deployment>, Record<string, unknown>]> = [
    ['a deployment without status reads 0 ready of its replicas', deployment({ replicas: 2 }, {}), { Ready: '0/2' }],
    ['missing replicas read as the default of one', deployment({}, {}), { Ready: '0/1' }],
    ['an empty selector prints empty, not <none>', deployment({ selector: {} }, {}), { Selector: '' }],
    [
      'an invalid selector prints <invalid>',
      deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Sometimes' }] } }, {}),
      { Selector: '<invalid>' },
    ],
  ];
  for (const [name, obj, want] of cases) {
    test(name, () => {
      const r = row(deploymentPrinter, obj);
      for (const [column, cell] of Object.entries(want)) assert.equal(r[column], cell, column);
    });
  }
});

describe('ReplicaSet and ReplicationController printers', () => {
  test('a replica set prints desired, current and ready counts and its selector', () => {
    const rs = {
      metadata: { name: 'web-7f9c8d', creationTimestamp: ago(300) },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7f9c8d' } }, template },
      status: { replicas: 3, readyReplicas: 1 },
    };
    assert.deepEqual(row(replicaSetPrinter, rs), {
      Name: 'web-7f9c8d',
      Desired: 3,
      Current: 3,
      Ready: 1,
      Age: '5m',
      Containers: 'nginx,exporter',
      Images: 'nginx:1.25,nginx-exporter:0.11',
      Selector: 'app=web,pod-template-hash=7f9c8d',
    });
  });

  test('a replication controller prints its map selector and tolerates a missing template', () => {
    const rc = {
      metadata: { name: 'legacy', creationTimestamp: ago(30) },
      spec: { replicas: 2, selector: { app: 'legacy' } },
    };
    assert.deepEqual(row(replicationControllerPrinter, rc), {
      Name: 'legacy',
      Desired: 2,
      Current: 0,
      Ready: 0,
      Age: '30s',
      Containers: '',
      Images: '',
      Selector: 'app=legacy',
    });
  });
});

describe('StatefulSet and DaemonSet printers', () => {
  test('a stateful set prints READY as ready/desired', () => {
    const sts = {
      metadata: { name: 'db', creationTimestamp: ago(7200) },
      spec: { replicas: 3, template },
      status: { replicas: 3, readyReplicas: 3 },
    };
    assert.deepEqual(row(statefulSetPrinter, sts), {
      Name: 'db',
      Ready: '3/3',
      Age: '120m',
      Containers: 'nginx,exporter',
      Images: 'nginx:1.25,nginx-exporter:0.11',
    });
  });

  test('a daemon set prints its scheduling counts and node selector', () => {
    const ds = {
      metadata: { name: 'node-exporter', creationTimestamp: ago(40 * 86400) },
      spec: {
        selector: { matchLabels: { app: 'node-exporter' } },
        template: { ...template, spec: { ...template.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } } },
      },
      status: {
        desiredNumberScheduled: 4,
        currentNumberScheduled: 4,
        numberReady: 3,
        updatedNumberScheduled: 4,
        numberAvailable: 3,
      },
    };
    assert.deepEqual(row(daemonSetPrinter, ds), {
      Name: 'node-exporter',
      Desired: 4,
      Current: 4,
      Ready: 3,
      'Up-to-date': 4,
      Available: 3,
      'Node Selector': 'kubernetes.io/os=linux',
      Age: '40d',
      Containers: 'nginx,exporter',
      Images: 'nginx:1.25,nginx-exporter:0.11',
      Selector: 'app=node-exporter',
    });
  });
});

describe('ControllerRevision printer', () => {
  const revision = (ownerReferences: unknown[]) => ({
    metadata: { name: 'db-6d5f7c', creationTimestamp: ago(60), ownerReferences },
    revision: 4,
  });
  const cases: Array<[string, ReturnType<typeof revision>, string]> = [
    [
      'the controller prints as kind.group/name in lower case',
      revision([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }]),
      'statefulset.apps/db',
    ],
    [
      'a core-group controller prints as kind/name',
      revision([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', controller: true }]),
      'replicationcontroller/legacy',
    ],
    [
      'owners that are not the controller are ignored',
      revision([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' }]),
      '<none>',
    ],
  ];
  for (const [name, obj, want] of cases) {
    test(name, () => {
      const r = row(controllerRevisionPrinter, obj);
      assert.equal(r.Controller, want);
      assert.equal(r.Revision, 4);
    });
  }
});
