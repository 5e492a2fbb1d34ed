import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { KINDS } from './index.js';
import { DeploymentSchema, defaultDeployment } from './deployment.js';
import { StatefulSetSchema, defaultStatefulSet } from './stateful-set.js';
import { DaemonSetSchema, defaultDaemonSet } from './daemon-set.js';
import { ReplicaSetSchema } from './replica-set.js';
import { ControllerRevisionSchema } from './controller-revision.js';
import { protobufNumberAt, protobufProblems } from './protobuf-numbers.js';
import { applyDefaults } from '../../schema/defaults.js';

describe('apps/v1 kinds', () => {
  for (const kind of KINDS) {
    test(`${kind.kind} has a protobuf number on every field, unique within each struct`, () => {
      assert.deepEqual(protobufProblems(kind.schema), []);
    });
  }

  const spots: [string, TSchema, string, number][] = [
    ['Deployment', DeploymentSchema, 'spec.progressDeadlineSeconds', 9],
    ['Deployment', DeploymentSchema, 'spec.strategy.rollingUpdate.maxSurge', 2],
    ['Deployment', DeploymentSchema, 'status.readyReplicas', 7],
    ['Deployment', DeploymentSchema, 'status.conditions.lastUpdateTime', 6],
    ['Deployment', DeploymentSchema, 'spec.podReplacementPolicy', 10],
    ['ReplicaSet', ReplicaSetSchema, 'spec.minReadySeconds', 4],
    ['ReplicaSet', ReplicaSetSchema, 'status.terminatingReplicas', 7],
    ['StatefulSet', StatefulSetSchema, 'spec.volumeClaimTemplates', 4],
    ['StatefulSet', StatefulSetSchema, 'spec.ordinals.start', 1],
    ['StatefulSet', StatefulSetSchema, 'spec.persistentVolumeClaimRetentionPolicy', 10],
    ['StatefulSet', StatefulSetSchema, 'status.availableReplicas', 11],
    ['StatefulSet', StatefulSetSchema, 'status.collisionCount', 9],
    ['DaemonSet', DaemonSetSchema, 'spec.revisionHistoryLimit', 6],
    ['DaemonSet', DaemonSetSchema, 'status.conditions', 10],
    ['ControllerRevision', ControllerRevisionSchema, 'revision', 3],
  ];
  for (const [kind, schema, path, num] of spots) {
    test(`${kind} ${path} is protobuf field ${num}, as upstream's generated.proto says`, () => {
      assert.equal(protobufNumberAt(schema, path), num);
    });
  }

  test('a Deployment without strategy gets RollingUpdate 25%/25%, one replica, 10 revisions, 600 s deadline', () => {
    const obj: Record<string, unknown> = {
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [] } } },
    };
    applyDefaults(obj, DeploymentSchema);
    defaultDeployment(obj);
    assert.deepEqual(
      { ...(obj.spec as Record<string, unknown>), template: undefined },
      {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        template: undefined,
      },
    );
  });

  test('a Recreate Deployment gets no rollingUpdate parameters', () => {
    const obj: Record<string, unknown> = { spec: { strategy: { type: 'Recreate' } } };
    defaultDeployment(obj);
    assert.deepEqual((obj.spec as Record<string, unknown>).strategy, { type: 'Recreate' });
  });

  test('a StatefulSet defaults to OrderedReady, RollingUpdate partition 0 and Retain/Retain claims', () => {
    const obj: Record<string, unknown> = { spec: { volumeClaimTemplates: [{ metadata: { name: 'data' } }] } };
    applyDefaults(obj, StatefulSetSchema);
    defaultStatefulSet(obj);
    const spec = obj.spec as Record<string, unknown>;
    assert.equal(spec.podManagementPolicy, 'OrderedReady');
    assert.equal(spec.replicas, 1);
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.deepEqual((spec.volumeClaimTemplates as Record<string, unknown>[])[0]?.status, { phase: 'Pending' });
  });

  test('an OnDelete StatefulSet keeps its strategy as given', () => {
    const obj: Record<string, unknown> = { spec: { updateStrategy: { type: 'OnDelete' } } };
    defaultStatefulSet(obj);
    assert.deepEqual((obj.spec as Record<string, unknown>).updateStrategy, { type: 'OnDelete' });
  });

  test('a DaemonSet defaults to RollingUpdate with maxUnavailable 1 and maxSurge 0', () => {
    const obj: Record<string, unknown> = { spec: {} };
    applyDefaults(obj, DaemonSetSchema);
    defaultDaemonSet(obj);
    const spec = obj.spec as Record<string, unknown>;
    assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(spec.revisionHistoryLimit, 10);
  });

  test('deployments, replicasets and statefulsets have scale subresources and the all category', () => {
    for (const plural of ['deployments', 'replicasets', 'statefulsets']) {
      const kind = KINDS.find((k) => k.plural === plural);
      assert.equal(kind?.subresources?.scale?.specReplicasPath, 'spec.replicas');
      assert.equal(kind?.subresources?.scale?.statusReplicasPath, 'status.replicas');
      assert.deepEqual(kind?.categories, ['all']);
    }
    assert.equal(KINDS.find((k) => k.plural === 'daemonsets')?.subresources?.scale, undefined);
  });
});
