import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyDefaults } from '../../schema/defaults.js';
import { imageTag } from './pod-spec-defaults.js';
import { PodKind } from './pod.js';
import { PodTemplateKind } from './pod-template.js';
import { ReplicationControllerKind } from './replication-controller.js';

type Rec = Record<string, unknown>;

/** Defaults an object as the registry does: schema defaults, then the kind's conditional ones. */
function defaulted(kind: typeof PodKind, obj: Rec): Rec {
  const copy = structuredClone(obj);
  applyDefaults(copy, kind.schema);
  kind.defaults?.(copy);
  return copy;
}

const pod = (spec: Rec): Rec => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

describe('image tags', () => {
  const cases: [string, string][] = [
    ['nginx', 'latest'],
    ['nginx:1.27', '1.27'],
    ['registry.local:5000/team/app', 'latest'],
    ['registry.local:5000/team/app:v2', 'v2'],
    ['nginx@sha256:abc', ''],
    ['nginx:latest@sha256:abc', 'latest'],
  ];
  for (const [image, tag] of cases) test(`the tag of ${image} is "${tag}"`, () => assert.equal(imageTag(image), tag));
});

describe('pod defaults', () => {
  test('a minimal pod gets upstream defaults for its spec and containers', () => {
    const out = defaulted(
      PodKind,
      pod({
        containers: [
          { name: 'a', image: 'nginx' },
          { name: 'b', image: 'nginx:1.27' },
        ],
      }),
    );
    const spec = out.spec as Rec;
    assert.equal(spec.restartPolicy, 'Always');
    assert.equal(spec.dnsPolicy, 'ClusterFirst');
    assert.equal(spec.terminationGracePeriodSeconds, 30);
    assert.equal(spec.schedulerName, 'default-scheduler');
    assert.deepEqual(spec.securityContext, {});
    assert.equal(spec.enableServiceLinks, true);
    const [a, b] = spec.containers as Rec[];
    assert.equal(a?.imagePullPolicy, 'Always');
    assert.equal(b?.imagePullPolicy, 'IfNotPresent');
    assert.equal(a?.terminationMessagePath, '/dev/termination-log');
    assert.equal(a?.terminationMessagePolicy, 'File');
  });

  test('ports default to TCP, probes to upstream timings, httpGet to path / and scheme HTTP', () => {
    const out = defaulted(
      PodKind,
      pod({
        containers: [
          {
            name: 'a',
            image: 'x:1',
            ports: [{ containerPort: 80 }],
            readinessProbe: { httpGet: { port: 80 }, timeoutSeconds: 0 },
            livenessProbe: { grpc: { port: 9000 } },
          },
        ],
      }),
    );
    const c = ((out.spec as Rec).containers as Rec[])[0] as Rec;
    assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.deepEqual(c.readinessProbe, {
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.deepEqual((c.livenessProbe as Rec).grpc, { port: 9000, service: '' });
  });

  test('volumes get their source defaults and an emptyDir when they name no source', () => {
    const out = defaulted(
      PodKind,
      pod({
        containers: [{ name: 'a', image: 'x:1' }],
        volumes: [
          { name: 'scratch' },
          { name: 's', secret: { secretName: 's' } },
          { name: 'h', hostPath: { path: '/tmp' } },
          { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
          { name: 'd', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } },
        ],
      }),
    );
    const volumes = (out.spec as Rec).volumes as Rec[];
    assert.deepEqual(volumes[0], { name: 'scratch', emptyDir: {} });
    assert.deepEqual(volumes[1], { name: 's', secret: { secretName: 's', defaultMode: 420 } });
    assert.deepEqual(volumes[2], { name: 'h', hostPath: { path: '/tmp', type: '' } });
    assert.deepEqual(volumes[3], {
      name: 'p',
      projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }], defaultMode: 420 },
    });
    assert.deepEqual(volumes[4], {
      name: 'd',
      downwardAPI: {
        items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name', apiVersion: 'v1' } }],
        defaultMode: 420,
      },
    });
  });

  test('requests default to limits and host ports to container ports on pods', () => {
    const out = defaulted(
      PodKind,
      pod({
        hostNetwork: true,
        containers: [
          { name: 'a', image: 'x:1', ports: [{ containerPort: 8080 }], resources: { limits: { cpu: '1' } } },
        ],
      }),
    );
    const c = ((out.spec as Rec).containers as Rec[])[0] as Rec;
    assert.deepEqual(c.resources, { limits: { cpu: '1' }, requests: { cpu: '1' } });
    assert.equal((c.ports as Rec[])[0]?.hostPort, 8080);
  });

  test('pod templates do not get the pod-only defaults', () => {
    const out = defaulted(PodTemplateKind, {
      metadata: { name: 't' },
      template: { spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }] } },
    });
    const spec = (out.template as Rec).spec as Rec;
    assert.equal(spec.enableServiceLinks, undefined);
    assert.equal(spec.restartPolicy, 'Always');
    const c = (spec.containers as Rec[])[0] as Rec;
    assert.equal(c.imagePullPolicy, 'Always');
    assert.deepEqual(c.resources, { limits: { cpu: '1' } });
  });

  test('a replication controller defaults replicas, selector and labels from its template', () => {
    const out = defaulted(ReplicationControllerKind, {
      metadata: { name: 'rc' },
      spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'x' }] } } },
    });
    assert.deepEqual((out.metadata as Rec).labels, { app: 'web' });
    assert.equal((out.spec as Rec).replicas, 1);
    assert.deepEqual((out.spec as Rec).selector, { app: 'web' });
  });
});
