import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { podStrategy } from './strategy.js';
import { CTX, messages, pod, type Rec } from './test-fixtures.js';
import { UPDATABLE_FIELDS_MESSAGE } from './validation/pod.js';

const update = (next: ReturnType<typeof pod>, old: ReturnType<typeof pod>): string[] =>
  messages(podStrategy.validateUpdate?.(next, old, CTX) ?? []);

const toleration = { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' };

describe('pod updates', () => {
  const allowed: [string, Rec, Rec][] = [
    ['an image may change', {}, { containers: [{ name: 'app', image: 'nginx:1.28' }] }],
    [
      'a toleration may be added',
      { tolerations: [toleration] },
      { tolerations: [toleration, { ...toleration, key: 'k2' }] },
    ],
    [
      'a scheduling gate may be removed',
      { schedulingGates: [{ name: 'a' }, { name: 'b' }] },
      { schedulingGates: [{ name: 'b' }] },
    ],
    ['activeDeadlineSeconds may shrink', { activeDeadlineSeconds: 100 }, { activeDeadlineSeconds: 50 }],
    [
      'a gated pod may gain node selector entries',
      { schedulingGates: [{ name: 'a' }], nodeSelector: { a: '1' } },
      { schedulingGates: [{ name: 'a' }], nodeSelector: { a: '1', b: '2' } },
    ],
  ];
  for (const [name, before, after] of allowed) {
    test(name, () => assert.deepEqual(update(pod(after), pod(before)), []));
  }

  const rejected: [string, Rec, Rec, string][] = [
    [
      'containers may not be added',
      {},
      {
        containers: [
          { name: 'app', image: 'x:1' },
          { name: 'b', image: 'x:1' },
        ],
      },
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ],
    [
      'activeDeadlineSeconds may not grow',
      { activeDeadlineSeconds: 50 },
      { activeDeadlineSeconds: 100 },
      'spec.activeDeadlineSeconds: Invalid value: 100: must be less than or equal to previous value',
    ],
    [
      'a toleration may not be removed',
      { tolerations: [toleration] },
      {},
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ],
    [
      'a scheduling gate may not be added',
      {},
      { schedulingGates: [{ name: 'late' }] },
      "spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found new scheduling gate 'late'",
    ],
    [
      'a node selector entry of a gated pod may not change',
      { schedulingGates: [{ name: 'a' }], nodeSelector: { a: '1' } },
      { schedulingGates: [{ name: 'a' }], nodeSelector: { a: '2' } },
      'spec.nodeSelector: Invalid value: "object": only additions to spec.nodeSelector are allowed (no mutations or deletions)',
    ],
  ];
  for (const [name, before, after, expected] of rejected) {
    test(name, () =>
      assert.ok(update(pod(after), pod(before)).includes(expected), JSON.stringify(update(pod(after), pod(before)))),
    );
  }

  test('other spec fields are immutable, with upstream wording and a diff', () => {
    const errors = update(pod({ nodeName: 'n2' }), pod({ nodeName: 'n1' }));
    assert.equal(errors.length, 1);
    assert.ok(errors[0]?.startsWith(`spec: Forbidden: ${UPDATABLE_FIELDS_MESSAGE}\n`));
    assert.match(errors[0] ?? '', /- \tnodeName: "n1",\n\+ \tnodeName: "n2",/);
  });

  test('the mirror pod annotation may not be added', () => {
    const errors = update(
      pod({ nodeName: 'n1' }, { annotations: { 'kubernetes.io/config.mirror': 'x' } }),
      pod({ nodeName: 'n1' }),
    );
    assert.ok(
      errors.includes(
        'metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not add mirror pod annotation',
      ),
    );
  });
});

describe('pod status updates', () => {
  test('the QoS class is immutable', () => {
    const old = pod();
    old.status = { qosClass: 'BestEffort' };
    const next = pod();
    next.status = { qosClass: 'Guaranteed' };
    assert.deepEqual(messages(podStrategy.validateStatusUpdate?.(next, old, CTX) ?? []), [
      'status.qosClass: Invalid value: "Guaranteed": field is immutable',
    ]);
  });

  test('a terminated container of a Never pod stays terminated', () => {
    const old = pod({ restartPolicy: 'Never' });
    old.status = { containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0 } } }] };
    const next = pod({ restartPolicy: 'Never' });
    next.status = { containerStatuses: [{ name: 'app', state: { running: {} } }] };
    assert.deepEqual(messages(podStrategy.validateStatusUpdate?.(next, old, CTX) ?? []), [
      'status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state',
    ]);
  });

  test('pod IPs are IP addresses, one per family', () => {
    const next = pod();
    next.status = { podIPs: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] };
    assert.ok(
      messages(podStrategy.validateStatusUpdate?.(next, pod(), CTX) ?? []).some((m) =>
        m.includes('may specify no more than one IP for each IP family'),
      ),
    );
  });
});
