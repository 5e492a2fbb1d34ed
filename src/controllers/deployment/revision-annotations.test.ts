import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { appendRevisionHistory, setDeploymentRevision, setNewReplicaSetAnnotations } from './revision-annotations.js';

const deployment = (annotations: Record<string, string> = {}): Deployment =>
  ({
    metadata: { name: 'web', annotations },
    spec: {
      replicas: 4,
      selector: {},
      template: {},
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    },
  }) as Deployment;

const rs = (annotations: Record<string, string>): ReplicaSet =>
  ({ metadata: { name: 'web-x', annotations } }) as ReplicaSet;

describe('revision annotations', () => {
  test('a ReplicaSet about to be created gets the revision, the replica annotations and the deployment annotations', () => {
    const target = rs({});
    const changed = setNewReplicaSetAnnotations(
      deployment({
        team: 'a',
        'deployment.kubernetes.io/revision': '9',
        'kubectl.kubernetes.io/last-applied-configuration': '{}',
      }),
      target,
      '3',
      false,
    );
    assert.equal(changed, true);
    assert.deepEqual(target.metadata?.annotations, {
      team: 'a',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/desired-replicas': '4',
      'deployment.kubernetes.io/max-replicas': '5',
    });
  });

  test('a ReplicaSet rolled back to takes the new revision and remembers the one it had', () => {
    const target = rs({ 'deployment.kubernetes.io/revision': '1' });
    assert.equal(setNewReplicaSetAnnotations(deployment(), target, '3', true), true);
    assert.equal(target.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
    assert.equal(target.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(setNewReplicaSetAnnotations(deployment(), target, '5', true), true);
    assert.equal(target.metadata?.annotations?.['deployment.kubernetes.io/revision-history'], '1,3');
  });

  test('a ReplicaSet at a revision at least as high keeps it (and an up-to-date one changes nothing)', () => {
    const target = rs({ 'deployment.kubernetes.io/revision': '4' });
    assert.equal(setNewReplicaSetAnnotations(deployment(), target, '3', true), false);
    assert.equal(target.metadata?.annotations?.['deployment.kubernetes.io/revision'], '4');
  });

  test('the history drops its oldest entries past the limit', () => {
    assert.equal(appendRevisionHistory('', '7', 10), '7');
    assert.equal(appendRevisionHistory('1,2,3', '4', 100), '1,2,3,4');
    assert.equal(appendRevisionHistory('10,11,12', '13', 8), '11,12,13');
    assert.equal(appendRevisionHistory('10,11,12', '13', 5), '12,13');
    assert.equal(
      appendRevisionHistory('10', '1234567', 3),
      undefined,
      'an entry longer than the limit is not appended',
    );
  });

  test('the deployment revision changes only when it differs', () => {
    const d = deployment({ 'deployment.kubernetes.io/revision': '2' });
    assert.equal(setDeploymentRevision(d, '2'), false);
    assert.equal(setDeploymentRevision(d, '3'), true);
    assert.equal(d.metadata?.annotations?.['deployment.kubernetes.io/revision'], '3');
  });
});
