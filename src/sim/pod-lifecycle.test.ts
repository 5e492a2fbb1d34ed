import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../api/core/v1/pod.js';
import type { PodStatus } from '../api/core/v1/pod-status.js';
import {
  EXIT_CODE_ANNOTATION,
  isStarted,
  killedPodStatus,
  nextStep,
  RUN_SECONDS_ANNOTATION,
  runScriptOf,
} from './pod-lifecycle.js';

const T0 = Date.UTC(2024, 0, 1);
const ADDRESSES = { hostIP: '10.244.1.1', podIP: '10.244.1.7' };

interface PodShape {
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  runSeconds?: string;
  exitCode?: string;
  containers?: string[];
  initContainers?: { name: string; sidecar?: boolean }[];
  readinessGates?: string[];
  status?: PodStatus;
}

function makePod(shape: PodShape = {}): Pod {
  const annotations: Record<string, string> = {};
  if (shape.runSeconds !== undefined) annotations[RUN_SECONDS_ANNOTATION] = shape.runSeconds;
  if (shape.exitCode !== undefined) annotations[EXIT_CODE_ANNOTATION] = shape.exitCode;
  return {
    metadata: { name: 'p', namespace: 'default', uid: 'uid-1', annotations },
    spec: {
      nodeName: 'sim-1',
      restartPolicy: shape.restartPolicy ?? 'Always',
      containers: (shape.containers ?? ['app']).map((name) => ({ name, image: `${name}:1` })),
      initContainers: (shape.initContainers ?? []).map((c) => ({
        name: c.name,
        image: 'init:1',
        ...(c.sidecar ? { restartPolicy: 'Always' } : {}),
      })),
      readinessGates: (shape.readinessGates ?? []).map((conditionType) => ({ conditionType })),
    },
    status: shape.status ?? {
      phase: 'Pending',
      qosClass: 'BestEffort',
      conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2023-12-31T00:00:00Z' }],
    },
  } as Pod;
}

/** The pod after the simulator started it at `at`. */
function started(shape: PodShape = {}, at = T0): Pod {
  const pod = makePod(shape);
  const step = nextStep(pod, ADDRESSES, at);
  assert.equal(step.kind, 'start');
  return { ...pod, status: step.status };
}

const condition = (status: PodStatus | undefined, type: string) => status?.conditions?.find((c) => c.type === type);

describe('starting a pod', () => {
  test('a pending pod starts: Running, every container running and ready, addresses and conditions set', () => {
    const step = nextStep(makePod({ containers: ['a', 'b'] }), ADDRESSES, T0);
    assert.equal(step.kind, 'start');
    const s = step.status!;
    assert.equal(s.phase, 'Running');
    assert.equal(s.podIP, '10.244.1.7');
    assert.deepEqual(s.podIPs, [{ ip: '10.244.1.7' }]);
    assert.equal(s.hostIP, '10.244.1.1');
    assert.deepEqual(s.hostIPs, [{ ip: '10.244.1.1' }]);
    assert.equal(s.startTime, '2024-01-01T00:00:00Z');
    assert.equal(s.qosClass, 'BestEffort');
    assert.deepEqual(
      s.containerStatuses?.map((c) => [c.name, c.ready, c.started, c.restartCount, c.state?.running?.startedAt]),
      [
        ['a', true, true, 0, '2024-01-01T00:00:00Z'],
        ['b', true, true, 0, '2024-01-01T00:00:00Z'],
      ],
    );
    assert.match(s.containerStatuses?.[0]?.containerID ?? '', /^sim:\/\/[0-9a-f]{64}$/);
    assert.equal(s.containerStatuses?.[0]?.imageID?.startsWith('a@sha256:'), true);
    assert.deepEqual(
      s.conditions?.map((c) => `${c.type}=${c.status}`),
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
    );
    assert.equal(condition(s, 'PodScheduled')?.lastTransitionTime, '2023-12-31T00:00:00Z', "the scheduler's is kept");
    assert.equal(step.nextAt, undefined, 'without a script the containers run until deleted');
  });

  test('computing the start twice gives the same status (stable container IDs)', () => {
    assert.deepEqual(nextStep(makePod(), ADDRESSES, T0), nextStep(makePod(), ADDRESSES, T0));
  });

  test('init containers show as completed, sidecars as running', () => {
    const s = nextStep(
      makePod({ initContainers: [{ name: 'setup' }, { name: 'proxy', sidecar: true }] }),
      ADDRESSES,
      T0,
    ).status!;
    assert.deepEqual(
      s.initContainerStatuses?.map((c) => [c.name, c.state?.terminated?.reason ?? 'running', c.ready]),
      [
        ['setup', 'Completed', true],
        ['proxy', 'running', true],
      ],
    );
  });

  test('a started pod is left alone while its containers run', () => {
    const step = nextStep(started(), ADDRESSES, T0 + 60_000);
    assert.equal(step.kind, 'none');
    assert.equal(step.status, undefined);
  });

  test('a terminal pod is left alone', () => {
    assert.equal(nextStep(makePod({ status: { phase: 'Succeeded' } }), ADDRESSES, T0).kind, 'none');
  });

  test('a pod Running without a status for every container counts as not started', () => {
    assert.equal(isStarted(makePod({ status: { phase: 'Running', containerStatuses: [] } })), false);
  });
});

describe('scripted exits', () => {
  test('the script is read from the annotations; unreadable values count as absent', () => {
    assert.deepEqual(runScriptOf(makePod({ runSeconds: '2.5', exitCode: '3' })), { runMs: 2500, exitCode: 3 });
    assert.deepEqual(runScriptOf(makePod({ runSeconds: 'soon', exitCode: 'x' })), { runMs: undefined, exitCode: 0 });
    assert.deepEqual(runScriptOf(makePod()), { runMs: undefined, exitCode: 0 });
  });

  test('a started pod is due again when its run time is up', () => {
    const step = nextStep(makePod({ runSeconds: '5', restartPolicy: 'Never' }), ADDRESSES, T0);
    assert.equal(step.nextAt, T0 + 5000);
    const later = nextStep(started({ runSeconds: '5', restartPolicy: 'Never' }), ADDRESSES, T0 + 4999);
    assert.deepEqual([later.kind, later.nextAt], ['none', T0 + 5000]);
  });

  const endings: {
    name: string;
    restartPolicy: 'Always' | 'OnFailure' | 'Never';
    exitCode: string;
    phase: string;
    reason: string;
  }[] = [
    {
      name: 'Never with exit 0 succeeds',
      restartPolicy: 'Never',
      exitCode: '0',
      phase: 'Succeeded',
      reason: 'Completed',
    },
    { name: 'Never with exit 3 fails', restartPolicy: 'Never', exitCode: '3', phase: 'Failed', reason: 'Error' },
    {
      name: 'OnFailure with exit 0 succeeds',
      restartPolicy: 'OnFailure',
      exitCode: '0',
      phase: 'Succeeded',
      reason: 'Completed',
    },
  ];
  for (const c of endings) {
    test(`a pod whose containers exit under restart policy ${c.name}`, () => {
      const shape = { runSeconds: '5', exitCode: c.exitCode, restartPolicy: c.restartPolicy, containers: ['a', 'b'] };
      const step = nextStep(started(shape), ADDRESSES, T0 + 5000);
      assert.equal(step.kind, 'exit');
      const s = step.status!;
      assert.equal(s.phase, c.phase);
      for (const cs of s.containerStatuses ?? []) {
        assert.equal(cs.state?.terminated?.exitCode, Number(c.exitCode));
        assert.equal(cs.state?.terminated?.reason, c.reason);
        assert.equal(cs.state?.terminated?.finishedAt, '2024-01-01T00:00:05Z');
        assert.equal(cs.state?.terminated?.containerID, cs.containerID);
        assert.equal(cs.ready, false);
      }
      const reason = c.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
      assert.deepEqual(
        [condition(s, 'Ready')?.status, condition(s, 'Ready')?.reason],
        ['False', reason],
        'Ready is false once terminated',
      );
      assert.equal(condition(s, 'ContainersReady')?.reason, reason);
      assert.equal(condition(s, 'PodReadyToStartContainers')?.status, 'False');
      assert.equal(step.nextAt, undefined);
    });
  }

  const restarts: { name: string; restartPolicy: 'Always' | 'OnFailure'; exitCode: string }[] = [
    { name: 'Always restarts containers that exit 0', restartPolicy: 'Always', exitCode: '0' },
    { name: 'Always restarts containers that fail', restartPolicy: 'Always', exitCode: '1' },
    { name: 'OnFailure restarts containers that fail', restartPolicy: 'OnFailure', exitCode: '1' },
  ];
  for (const c of restarts) {
    test(`restart policy ${c.name}: one restart more, the exit as last state, due again`, () => {
      const shape = { runSeconds: '5', exitCode: c.exitCode, restartPolicy: c.restartPolicy };
      const first = started(shape);
      const step = nextStep(first, ADDRESSES, T0 + 5000);
      assert.equal(step.kind, 'exit');
      const cs = step.status!.containerStatuses![0]!;
      assert.equal(step.status!.phase, 'Running');
      assert.equal(cs.restartCount, 1);
      assert.equal(cs.state?.running?.startedAt, '2024-01-01T00:00:05Z');
      assert.equal(cs.lastState?.terminated?.exitCode, Number(c.exitCode));
      assert.equal(cs.lastState?.terminated?.containerID, first.status?.containerStatuses?.[0]?.containerID);
      assert.notEqual(cs.containerID, first.status?.containerStatuses?.[0]?.containerID);
      assert.equal(step.nextAt, T0 + 10_000);
      const again = nextStep({ ...first, status: step.status }, ADDRESSES, T0 + 10_000);
      assert.equal(again.status?.containerStatuses?.[0]?.restartCount, 2);
    });
  }

  test('a restart loop with run-seconds 0 still waits a second between restarts', () => {
    const shape = { runSeconds: '0', exitCode: '1', restartPolicy: 'Always' as const };
    const step = nextStep(started(shape), ADDRESSES, T0);
    assert.equal(step.nextAt, T0 + 1000);
  });

  test('a pod whose time ran out while nobody watched exits at once', () => {
    const shape = { runSeconds: '5', restartPolicy: 'Never' as const };
    assert.equal(nextStep(started(shape), ADDRESSES, T0 + 3_600_000).kind, 'exit');
  });
});

describe('readiness gates', () => {
  test('a gate whose condition is missing keeps the pod not Ready, with upstream message', () => {
    const s = nextStep(makePod({ readinessGates: ['example.com/ready'] }), ADDRESSES, T0).status!;
    assert.deepEqual(condition(s, 'Ready'), {
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/ready" does not exist.',
      lastTransitionTime: '2024-01-01T00:00:00Z',
    });
    assert.equal(condition(s, 'ContainersReady')?.status, 'True');
  });

  test('once the gate condition turns True, the pod turns Ready, keeping the gate condition', () => {
    const pod = started({ readinessGates: ['example.com/ready'] });
    const gated = {
      ...pod,
      status: {
        ...pod.status,
        conditions: [...(pod.status?.conditions ?? []), { type: 'example.com/ready', status: 'True' }],
      },
    };
    const step = nextStep(gated, ADDRESSES, T0 + 1000);
    assert.equal(step.kind, 'readiness');
    assert.equal(condition(step.status, 'Ready')?.status, 'True');
    assert.equal(condition(step.status, 'Ready')?.lastTransitionTime, '2024-01-01T00:00:01Z');
    assert.equal(condition(step.status, 'example.com/ready')?.status, 'True');
    assert.equal(nextStep({ ...gated, status: step.status }, ADDRESSES, T0 + 2000).kind, 'none');
  });
});

describe('deletion', () => {
  test('a running pod being deleted has its containers killed (137) and turns Failed', () => {
    const s = killedPodStatus(started(), T0 + 1000)!;
    assert.equal(s.phase, 'Failed');
    assert.equal(s.containerStatuses?.[0]?.state?.terminated?.exitCode, 137);
    assert.equal(s.containerStatuses?.[0]?.state?.terminated?.reason, 'Error');
    assert.equal(condition(s, 'Ready')?.status, 'False');
  });

  test('a pod that never started needs no status to be deleted', () => {
    assert.equal(killedPodStatus(makePod(), T0), undefined);
  });
});
