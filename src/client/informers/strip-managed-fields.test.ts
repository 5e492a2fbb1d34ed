import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject } from '../kube-object.js';
import { stripManagedFields } from './strip-managed-fields.js';

describe('stripManagedFields', () => {
  test('drops managedFields and keeps the rest of the metadata, in order, on the same object', () => {
    const pod = {
      kind: 'Pod',
      metadata: {
        name: 'p',
        namespace: 'ns',
        labels: { app: 'web' },
        managedFields: [{ manager: 'kubectl', operation: 'Update' }],
        resourceVersion: '7',
      },
      spec: { nodeName: 'n1' },
    };
    const spec = pod.spec;
    const out = stripManagedFields(pod);
    assert.equal(out, pod, 'the object itself is returned');
    assert.equal(out.spec, spec, 'what is not metadata is untouched');
    assert.deepEqual(Object.keys(out.metadata), ['name', 'namespace', 'labels', 'resourceVersion']);
    assert.deepEqual(out.metadata.labels, { app: 'web' });
  });

  test('an object without managedFields, or without metadata, is returned untouched', () => {
    const metadata = { name: 'n' };
    const plain: KubeObject = { metadata };
    assert.equal(stripManagedFields(plain).metadata, metadata);
    const bare: KubeObject = { kind: 'Status' };
    assert.deepEqual(stripManagedFields(bare), { kind: 'Status' });
  });
});
