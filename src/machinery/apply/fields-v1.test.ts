import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { FieldSet } from './field-set.js';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-v1.js';
import { fieldElement, fieldPath, indexElement, keyElement, pathToString, valueElement } from './path-element.js';

/** FieldsV1 values as real API servers wrote them (from kubectl -v8 logs, audit events and upstream tests). */
const UPSTREAM_EXAMPLES: { name: string; json: string }[] = [
  {
    name: 'kubectl create namespace labels the namespace',
    json: '{"f:metadata":{"f:labels":{".":{},"f:kubernetes.io/metadata.name":{}}}}',
  },
  {
    name: 'kubectl create secret owns data entries and type',
    json: '{"f:data":{".":{},"f:.dockerconfigjson":{}},"f:type":{}}',
  },
  {
    name: 'kubectl run owns the defaulted pod spec',
    json:
      '{"f:metadata":{"f:labels":{".":{},"f:run":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},' +
      '"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},' +
      '"f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},' +
      '"f:terminationGracePeriodSeconds":{}}}',
  },
  {
    name: 'the kubelet owns pod status conditions and pod IPs',
    json:
      '{"f:status":{"f:conditions":{"k:{\\"type\\":\\"ContainersReady\\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},' +
      '"f:status":{},"f:type":{}},"k:{\\"type\\":\\"Initialized\\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},' +
      '"f:status":{},"f:type":{}},"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:lastProbeTime":{},"f:lastTransitionTime":{},' +
      '"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},' +
      '"f:podIPs":{".":{},"k:{\\"ip\\":\\"10.244.2.3\\"}":{".":{},"f:ip":{}}},"f:startTime":{}}}',
  },
  {
    name: 'an operator owns a finalizer by value and an owner reference by uid',
    json:
      '{"f:metadata":{"f:finalizers":{".":{},"v:\\"operator.openshift.io/ingress-dns\\"":{}},"f:labels":{".":{},' +
      '"f:ingresscontroller.operator.openshift.io/owning-ingresscontroller":{}},"f:ownerReferences":{".":{},' +
      '"k:{\\"uid\\":\\"7a57612d-bbe3-41e6-958f-b0d77ceaee83\\"}":{}}}}',
  },
  {
    name: 'server-side apply of a pod owns the container by name',
    json: '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"test-container\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
  },
  {
    name: 'server-side apply of a service owns the port by port and protocol',
    json: '{"f:spec":{"f:ports":{"k:{\\"port\\":8080,\\"protocol\\":\\"UDP\\"}":{".":{},"f:port":{},"f:protocol":{}}}}}',
  },
  {
    name: 'client-side apply of a custom resource owns its spec struct too',
    json:
      '{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:spec":{".":{},' +
      '"f:host":{},"f:port":{".":{},"f:targetPort":{}},"f:to":{".":{},"f:kind":{},"f:name":{},"f:weight":{}},"f:wildcardPolicy":{}}}',
  },
];

describe('FieldsV1', () => {
  for (const { name, json } of UPSTREAM_EXAMPLES) {
    test(`${name}: decoding and encoding again gives the same bytes`, () => {
      const set = decodeFieldsV1(JSON.parse(json));
      assert.equal(JSON.stringify(encodeFieldsV1(set)), json);
    });
  }

  const cases: { name: string; paths: string[][]; set: FieldSet; json: string }[] = [
    {
      name: 'a member with children gets a "." entry before them',
      paths: [],
      set: FieldSet.fromPaths([fieldPath('metadata', 'labels'), fieldPath('metadata', 'labels', 'app')]),
      json: '{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}',
    },
    {
      name: 'list-map keys are written with their fields sorted by name',
      paths: [],
      set: FieldSet.fromPaths([
        [
          ...fieldPath('spec', 'ports'),
          keyElement([
            { name: 'protocol', value: 'TCP' },
            { name: 'containerPort', value: 80 },
          ]),
        ],
      ]),
      json: '{"f:spec":{"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{}}}}',
    },
    {
      name: 'steps are ordered fields first, then keys, values and indexes',
      paths: [],
      set: FieldSet.fromPaths([
        [indexElement(2)],
        [valueElement('b')],
        [valueElement(1)],
        [fieldElement('z')],
        [fieldElement('a')],
      ]),
      json: '{"f:a":{},"f:z":{},"v:1":{},"v:\\"b\\"":{},"i:2":{}}',
    },
    {
      name: 'values are written as Go writes JSON, with HTML characters escaped',
      paths: [],
      set: FieldSet.fromPaths([[fieldElement('x'), valueElement('<a&b>')]]),
      json: '{"f:x":{"v:\\"\\\\u003ca\\\\u0026b\\\\u003e\\"":{}}}',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(JSON.stringify(encodeFieldsV1(c.set)), c.json);
      assert.ok(decodeFieldsV1(JSON.parse(c.json)).equals(c.set));
    });
  }

  test('members in any order decode to the same set', () => {
    const ordered = decodeFieldsV1({ 'f:a': {}, 'f:b': { '.': {}, 'f:c': {} } });
    const shuffled = decodeFieldsV1({ 'f:b': { 'f:c': {}, '.': {} }, 'f:a': {} });
    assert.ok(ordered.equals(shuffled));
    assert.deepEqual(shuffled.paths().map(pathToString), ['.a', '.b', '.b.c']);
  });

  test('a key spelled twice with its fields in another order is one member', () => {
    const set = decodeFieldsV1({
      'f:ports': { 'k:{"protocol":"TCP","port":80}': {}, 'k:{"port":80,"protocol":"TCP"}': { 'f:name': {} } },
    });
    assert.equal(
      JSON.stringify(encodeFieldsV1(set)),
      '{"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{}}}}',
    );
  });

  test('field names order by code point, as Go orders strings', () => {
    const set = FieldSet.fromPaths([[fieldElement('\u{1F600}')], [fieldElement('\uFF01')], [fieldElement('a')]]);
    assert.deepEqual(Object.keys(encodeFieldsV1(set)), ['f:a', 'f:\uFF01', 'f:\u{1F600}']);
  });

  test('members with an unknown prefix are skipped, as upstream skips them', () => {
    const set = decodeFieldsV1({ 'f:a': {}, 'x:future': {} });
    assert.deepEqual(set.paths().map(pathToString), ['.a']);
  });

  const malformed: { name: string; value: unknown; message: RegExp }[] = [
    { name: 'a one-character member name', value: { f: {} }, message: /key must be 2 characters long/ },
    { name: 'a member name without a colon', value: { fx: {} }, message: /missing colon: fx/ },
    { name: 'a key that is not JSON', value: { 'k:{name': {} }, message: /parsing JSON/ },
    { name: 'an index that is not a number', value: { 'i:one': {} }, message: /invalid syntax/ },
    { name: 'a member whose value is not an object', value: { 'f:a': 1 }, message: /expected an object/ },
  ];
  for (const m of malformed) {
    test(`${m.name} does not decode`, () => {
      assert.throws(() => decodeFieldsV1(m.value), m.message);
    });
  }
});
