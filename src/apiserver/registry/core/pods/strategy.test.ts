import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { podStrategy } from './strategy.js';
import { CTX, messages, pod, type Rec } from './test-fixtures.js';

const container = (extra: Rec): Rec => ({ name: 'app', image: 'nginx:1.27', ...extra });
const validate = (p: ReturnType<typeof pod>): string[] => messages(podStrategy.validate?.(p, CTX) ?? []);

describe('pod validation on create', () => {
  test('a minimal pod is valid', () => assert.deepEqual(validate(pod()), []));

  test('a pod using most of its spec is valid', () => {
    const p = pod({
      volumes: [
        { name: 'data', emptyDir: {} },
        { name: 'cfg', configMap: { name: 'cfg' } },
      ],
      initContainers: [{ name: 'init', image: 'busybox', command: ['true'] }],
      containers: [
        container({
          ports: [{ name: 'http', containerPort: 80 }],
          env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
          resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
          readinessProbe: { httpGet: { port: 'http' } },
          securityContext: { runAsUser: 1000, allowPrivilegeEscalation: false },
        }),
      ],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }],
          },
        },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'web' } },
        },
      ],
    });
    assert.deepEqual(validate(p), []);
  });

  const cases: [string, ReturnType<typeof pod>, string][] = [
    ['a pod without containers is rejected', pod({ containers: [] }), 'spec.containers: Required value'],
    ['a container needs a name', pod({ containers: [{ image: 'x:1' }] }), 'spec.containers[0].name: Required value'],
    [
      'container names are DNS labels',
      pod({ containers: [container({ name: 'Web_1' })] }),
      `spec.containers[0].name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ],
    [
      'container names are unique',
      pod({ containers: [container({}), container({})] }),
      'spec.containers[1].name: Duplicate value: "app"',
    ],
    ['a container needs an image', pod({ containers: [{ name: 'app' }] }), 'spec.containers[0].image: Required value'],
    [
      'restartPolicy is one of three',
      pod({ restartPolicy: 'Sometimes' }),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      'dnsPolicy is one of four',
      pod({ dnsPolicy: 'Google' }),
      'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ],
    [
      'requests may not exceed limits',
      pod({ containers: [container({ resources: { requests: { cpu: '2' }, limits: { cpu: '1000m' } } })] }),
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
    [
      'a volume has one source',
      pod({ volumes: [{ name: 'v', emptyDir: {}, hostPath: { path: '/tmp' } }] }),
      'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
    ],
    [
      'volume names are unique',
      pod({
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'v', emptyDir: {} },
        ],
      }),
      'spec.volumes[1].name: Duplicate value: "v"',
    ],
    [
      'mounts name existing volumes',
      pod({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }),
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
    [
      'ports are in range',
      pod({ containers: [container({ ports: [{ containerPort: 70000 }] })] }),
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ],
    [
      'port protocols are TCP, UDP or SCTP',
      pod({ containers: [container({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] }),
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ],
    [
      'environment variable names have no =',
      pod({ containers: [container({ env: [{ name: 'A=B', value: 'x' }] })] }),
      `spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`,
    ],
    [
      'ephemeral containers come later, through their subresource',
      pod({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }),
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
    ],
    [
      'a probe has one handler',
      pod({ containers: [container({ livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } })] }),
      'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ],
    [
      'an empty toleration key needs Exists',
      pod({ tolerations: [{ operator: 'Equal', value: 'x' }] }),
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ],
    [
      'hostPort matches containerPort under hostNetwork',
      pod({ hostNetwork: true, containers: [container({ ports: [{ containerPort: 80, hostPort: 8080 }] })] }),
      'spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
    ],
    [
      'activeDeadlineSeconds is positive',
      pod({ activeDeadlineSeconds: 0 }),
      'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ],
    [
      'a gated pod may not name its node',
      pod({ nodeName: 'n1', schedulingGates: [{ name: 'wait' }] }),
      'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    ],
    [
      'init containers without restartPolicy Always have no probes',
      pod({ initContainers: [{ name: 'init', image: 'x:1', readinessProbe: { exec: { command: ['true'] } } }] }),
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ],
  ];
  for (const [name, p, expected] of cases) {
    test(name, () =>
      assert.ok(validate(p).includes(expected), `expected ${expected}\n got ${JSON.stringify(validate(p), null, 1)}`),
    );
  }
});

describe('pod preparation', () => {
  test('a new pod starts Pending with its QoS class, whatever status it was sent with', () => {
    const p = pod({ containers: [container({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] });
    p.status = { phase: 'Running', podIP: '10.0.0.1' };
    podStrategy.prepareForCreate?.(p, CTX);
    assert.deepEqual(p.status, { phase: 'Pending', qosClass: 'Guaranteed' });
  });

  test('a gated pod starts with PodScheduled=False, reason SchedulingGated', () => {
    const p = pod({ schedulingGates: [{ name: 'wait' }] });
    podStrategy.prepareForCreate?.(p, CTX);
    assert.deepEqual((p.status as Rec).conditions, [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
        lastTransitionTime: '2025-01-02T03:04:05Z',
      },
    ]);
  });

  test('matchLabelKeys become requirements of the term selector', () => {
    const term = {
      topologyKey: 'zone',
      labelSelector: { matchLabels: { app: 'web' } },
      matchLabelKeys: ['rev', 'missing'],
    };
    const p = pod(
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } },
      { labels: { app: 'web', rev: 'r1' } },
    );
    podStrategy.prepareForCreate?.(p, CTX);
    const stored = (((p.spec as Rec).affinity as Rec).podAntiAffinity as Rec)
      .requiredDuringSchedulingIgnoredDuringExecution as Rec[];
    assert.deepEqual((stored[0]?.labelSelector as Rec).matchExpressions, [
      { key: 'rev', operator: 'In', values: ['r1'] },
    ]);
  });

  test('an update keeps the stored status', () => {
    const old = pod();
    old.status = { phase: 'Running' };
    const next = pod();
    next.status = { phase: 'Failed' };
    podStrategy.prepareForUpdate?.(next, old, CTX);
    assert.deepEqual(next.status, { phase: 'Running' });
  });

  test('a status update keeps the stored spec, owners and QoS class', () => {
    const old = pod(
      { nodeName: 'n1' },
      { ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'u' }] },
    );
    old.status = { phase: 'Pending', qosClass: 'BestEffort' };
    const next = pod({ nodeName: 'n2' });
    next.status = { phase: 'Running' };
    podStrategy.prepareForStatusUpdate?.(next, old, CTX);
    assert.equal((next.spec as Rec).nodeName, 'n1');
    assert.deepEqual(next.metadata?.ownerReferences, old.metadata?.ownerReferences);
    assert.deepEqual(next.status, { phase: 'Running', qosClass: 'BestEffort' });
  });

  const graceCases: [string, Rec, Rec, number][] = [
    [
      'a scheduled pod uses its terminationGracePeriodSeconds',
      { nodeName: 'n1', terminationGracePeriodSeconds: 45 },
      {},
      45,
    ],
    ['an unscheduled pod goes at once', { terminationGracePeriodSeconds: 45 }, {}, 0],
    ['a finished pod goes at once', { nodeName: 'n1' }, { phase: 'Succeeded' }, 0],
    ['a negative period becomes 1', { nodeName: 'n1', terminationGracePeriodSeconds: -5 }, {}, 1],
  ];
  for (const [name, spec, status, expected] of graceCases) {
    test(name, () => {
      const p = pod(spec);
      p.status = status;
      assert.equal(podStrategy.defaultGracePeriodSeconds?.(p), expected);
    });
  }

  test('a pod name that is no DNS label draws a warning', () => {
    assert.equal(podStrategy.warnings?.(pod({}, { name: 'web.v1' }), undefined).length, 1);
    assert.deepEqual(podStrategy.warnings?.(pod(), undefined), []);
  });
});
