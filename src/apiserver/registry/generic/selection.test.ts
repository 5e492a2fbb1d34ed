import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigMapKind } from '../../../api/core/v1/config-map.js';
import { NodeKind } from '../../../api/core/v1/node.js';
import { PodKind } from '../../../api/core/v1/pod.js';
import { StatusError } from '../../../machinery/status.js';
import { makeResource } from './resource.js';
import { selection } from './selection.js';
import type { ApiObject } from '../strategy.js';

const pods = makeResource(PodKind, {});
const pod = (name: string, nodeName: string | undefined, phase: string | undefined, labels = {}): ApiObject => ({
  metadata: { name, namespace: 'ns', labels },
  spec: nodeName === undefined ? {} : { nodeName },
  status: phase === undefined ? {} : { phase },
});

describe('selection', () => {
  const objects = [
    pod('bound-running', 'n1', 'Running', { app: 'web' }),
    pod('bound-pending', 'n2', 'Pending', { app: 'db' }),
    pod('unbound', undefined, undefined, { app: 'web' }),
  ];
  const cases: { name: string; labels?: string; fields?: string; want: string[] }[] = [
    { name: 'no selector picks everything', want: ['bound-running', 'bound-pending', 'unbound'] },
    { name: 'a kind field with = picks equal values', fields: 'status.phase=Running', want: ['bound-running'] },
    { name: 'a field the object lacks reads as empty', fields: 'spec.nodeName=', want: ['unbound'] },
    { name: 'and != picks the others', fields: 'spec.nodeName!=', want: ['bound-running', 'bound-pending'] },
    {
      name: 'every term must hold',
      fields: 'status.phase!=Succeeded,status.phase!=Pending',
      want: ['bound-running', 'unbound'],
    },
    {
      name: 'metadata.name and metadata.namespace are selectable',
      fields: 'metadata.name=unbound,metadata.namespace=ns',
      want: ['unbound'],
    },
    { name: 'another namespace picks nothing', fields: 'metadata.namespace=other', want: [] },
    { name: 'labels and fields together', labels: 'app=web', fields: 'spec.nodeName!=', want: ['bound-running'] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const select = selection(pods, c.labels, c.fields);
      assert.equal(select.everything, c.labels === undefined && c.fields === undefined);
      assert.deepEqual(
        objects.filter((o) => select.test(o)).map((o) => (o.metadata as { name: string }).name),
        c.want,
      );
    });
  }

  test('a kind without fields of its own selects by name (and namespace when namespaced)', () => {
    const node: ApiObject = { metadata: { name: 'n1' } };
    assert.equal(selection(makeResource(NodeKind, {}), '', 'metadata.name=n1').test(node), true);
    assert.equal(selection(makeResource(NodeKind, {}), '', 'metadata.name!=n1').test(node), false);
    const cm: ApiObject = { metadata: { name: 'c', namespace: 'ns' } };
    assert.equal(selection(makeResource(ConfigMapKind, {}), '', 'metadata.namespace=ns').test(cm), true);
  });

  test('an unsupported field is refused with 400', () => {
    assert.throws(
      () => selection(pods, '', 'spec.unknown=x'),
      (err: unknown) => err instanceof StatusError && err.status.code === 400,
    );
  });
});
