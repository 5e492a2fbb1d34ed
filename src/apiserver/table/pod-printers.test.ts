import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { podPrinter, podTemplatePrinter } from './pod-printers.js';
import { NOW, ago, pick, row } from './testing.js';

const running = { running: { startedAt: ago(3600) } };
const ready = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  ready: true,
  started: true,
  restartCount: 0,
  state: running,
  ...extra,
});

/** A pod created an hour ago, with `containers` app containers and the given status. */
function pod(
  status: Record<string, unknown>,
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-7f9c', namespace: 'shop', creationTimestamp: ago(3600), ...metadata },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], ...spec },
    status,
  };
}

const twoContainers = { containers: [{ name: 'app' }, { name: 'proxy' }] };

describe('Pod printer', () => {
  test('columns are upstream’s, the last four only with -o wide', () => {
    assert.deepEqual(
      podPrinter.columns.map((c) => [c.name, c.type, c.priority]),
      [
        ['Name', 'string', 0],
        ['Ready', 'string', 0],
        ['Status', 'string', 0],
        ['Restarts', 'string', 0],
        ['Age', 'string', 0],
        ['IP', 'string', 1],
        ['Node', 'string', 1],
        ['Nominated Node', 'string', 1],
        ['Readiness Gates', 'string', 1],
      ],
    );
    assert.equal(podPrinter.columns[0]?.format, 'name');
  });

  test('a running pod with all containers ready prints its IP and node', () => {
    const p = pod(
      {
        phase: 'Running',
        podIP: '10.42.0.7',
        podIPs: [{ ip: '10.42.0.7' }, { ip: 'fd00::7' }],
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [ready('app'), ready('proxy')],
      },
      { ...twoContainers, nodeName: 'worker-1' },
    );
    assert.deepEqual(podPrinter.cells(p, NOW), [
      'web-7f9c',
      '2/2',
      'Running',
      '0',
      '60m',
      '10.42.0.7',
      'worker-1',
      '<none>',
      '<none>',
    ]);
    assert.equal(podPrinter.conditions?.(p), undefined);
  });

  const cases: Array<[string, ReturnType<typeof pod>, Record<string, string>]> = [
    [
      'a crash-looping container shows its waiting reason and restarts with how long ago the last one was',
      pod(
        {
          phase: 'Running',
          containerStatuses: [
            ready('app'),
            {
              name: 'proxy',
              ready: false,
              restartCount: 5,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(300) } },
            },
          ],
        },
        twoContainers,
      ),
      { Ready: '1/2', Status: 'CrashLoopBackOff', Restarts: '5 (5m ago)' },
    ],
    [
      'restarts without a recorded termination time print the bare count',
      pod({ phase: 'Running', containerStatuses: [ready('app', { restartCount: 3 })] }),
      { Restarts: '3' },
    ],
    [
      'an unscheduled pod is Pending with no IP or node',
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }),
      { Ready: '0/1', Status: 'Pending', IP: '<none>', Node: '<none>' },
    ],
    [
      'a pod held by scheduling gates is SchedulingGated',
      pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      { Status: 'SchedulingGated' },
    ],
    [
      'a pod whose container is being created shows ContainerCreating',
      pod({
        phase: 'Pending',
        containerStatuses: [{ name: 'app', ready: false, state: { waiting: { reason: 'ContainerCreating' } } }],
      }),
      { Status: 'ContainerCreating' },
    ],
    [
      'a pod on its second init container shows Init:1/2',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'migrate', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'warm-cache', state: { running: {} } },
          ],
          containerStatuses: [{ name: 'app', state: { waiting: { reason: 'PodInitializing' } } }],
        },
        { initContainers: [{ name: 'migrate' }, { name: 'warm-cache' }] },
      ),
      { Ready: '0/1', Status: 'Init:1/2' },
    ],
    [
      'a crash-looping init container shows Init:CrashLoopBackOff and counts its restarts',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            {
              name: 'migrate',
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } },
            },
          ],
        },
        { initContainers: [{ name: 'migrate' }] },
      ),
      { Status: 'Init:CrashLoopBackOff', Restarts: '4 (90s ago)' },
    ],
    [
      'an init container that failed without a reason shows its exit code',
      pod(
        { phase: 'Pending', initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 3 } } }] },
        { initContainers: [{ name: 'migrate' }] },
      ),
      { Status: 'Init:ExitCode:3' },
    ],
    [
      'an init container killed by a signal shows the signal',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [{ name: 'migrate', state: { terminated: { exitCode: 137, signal: 9 } } }],
        },
        { initContainers: [{ name: 'migrate' }] },
      ),
      { Status: 'Init:Signal:9' },
    ],
    [
      'a succeeded pod shows Completed',
      pod({
        phase: 'Succeeded',
        containerStatuses: [{ name: 'app', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      }),
      { Ready: '0/1', Status: 'Completed' },
    ],
    [
      'a container that exited without a reason shows its exit code',
      pod({ phase: 'Failed', containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137 } } }] }),
      { Status: 'ExitCode:137' },
    ],
    [
      'an evicted pod shows the pod’s reason',
      pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }),
      { Status: 'Evicted' },
    ],
    [
      'a running pod being deleted is Terminating',
      pod({ phase: 'Running', containerStatuses: [ready('app')] }, {}, { deletionTimestamp: ago(-30) }),
      { Ready: '1/1', Status: 'Terminating' },
    ],
    [
      'a pod being deleted on a lost node is Unknown',
      pod({ phase: 'Running', reason: 'NodeLost' }, {}, { deletionTimestamp: ago(10) }),
      { Status: 'Unknown' },
    ],
    [
      'a finished pod being deleted keeps its final status',
      pod(
        {
          phase: 'Succeeded',
          containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        },
        {},
        { deletionTimestamp: ago(10) },
      ),
      { Status: 'Completed' },
    ],
    [
      'one container completed while another still runs reads NotReady without the Ready condition',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            ready('proxy'),
          ],
        },
        twoContainers,
      ),
      { Ready: '1/2', Status: 'NotReady' },
    ],
    [
      'one container completed while another still runs reads Running with the Ready condition',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [
            { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            ready('proxy'),
          ],
        },
        twoContainers,
      ),
      { Status: 'Running' },
    ],
    [
      'any True Ready condition counts, not only the first one listed',
      pod(
        {
          phase: 'Running',
          conditions: [
            { type: 'Ready', status: 'False' },
            { type: 'Ready', status: 'True' },
          ],
          containerStatuses: [
            { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            ready('proxy'),
          ],
        },
        twoContainers,
      ),
      { Status: 'Running' },
    ],
    [
      'a started sidecar counts towards READY and its restarts are kept',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [
            ready('log-shipper', { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(600) } } }),
          ],
          containerStatuses: [ready('app')],
        },
        { initContainers: [{ name: 'log-shipper', restartPolicy: 'Always' }] },
      ),
      { Ready: '2/2', Status: 'Running', Restarts: '2 (10m ago)' },
    ],
    [
      'readiness gates count the gates whose condition is True',
      pod(
        {
          phase: 'Running',
          nominatedNodeName: 'worker-2',
          conditions: [
            { type: 'example.com/lb-ready', status: 'True' },
            { type: 'example.com/dns-ready', status: 'False' },
          ],
          containerStatuses: [ready('app')],
        },
        { readinessGates: [{ conditionType: 'example.com/lb-ready' }, { conditionType: 'example.com/dns-ready' }] },
      ),
      { 'Readiness Gates': '1/2', 'Nominated Node': 'worker-2' },
    ],
    [
      'the singular podIP is used when podIPs is absent',
      pod({ phase: 'Running', podIP: '10.42.0.9' }),
      { IP: '10.42.0.9' },
    ],
  ];
  for (const [name, obj, want] of cases) {
    test(name, () => assert.deepEqual(pick(podPrinter, obj, Object.keys(want)), want));
  }

  test('finished pods carry a Completed row condition', () => {
    assert.deepEqual(podPrinter.conditions?.(pod({ phase: 'Succeeded' })), [
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    assert.deepEqual(podPrinter.conditions?.(pod({ phase: 'Failed' }))?.[0]?.reason, 'Failed');
  });

  test('an object that is not a pod prints zero values without throwing', () => {
    assert.deepEqual(podPrinter.cells('not a pod', NOW), [
      '',
      '0/0',
      '',
      '0',
      '<unknown>',
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ]);
  });
});

describe('PodTemplate printer', () => {
  test('a template prints its containers, images and pod labels', () => {
    const template = {
      metadata: { name: 'batch-worker' },
      template: {
        metadata: { labels: { app: 'worker', tier: 'batch' } },
        spec: {
          containers: [
            { name: 'worker', image: 'busybox:1.36' },
            { name: 'sidecar', image: 'envoy:1.30' },
          ],
        },
      },
    };
    assert.deepEqual(row(podTemplatePrinter, template), {
      Name: 'batch-worker',
      Containers: 'worker,sidecar',
      Images: 'busybox:1.36,envoy:1.30',
      'Pod Labels': 'app=worker,tier=batch',
    });
  });
});
