import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { FakeClock } from '../../client/clock/fake-clock.js';
import { makePod } from '../testing/builders.js';
import { InFlightPreemptions } from './preemptions-in-flight.js';

const preemptor = makePod('p', { priority: 100 });
const [v1, v2] = [makePod('v1', { nodeName: 'n1' }), makePod('v2', { nodeName: 'n1' })] as [Pod, Pod];
const terminating = (pod: Pod): Pod => ({
  ...pod,
  metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' },
});
const namesake = (pod: Pod): Pod => ({ ...pod, metadata: { ...pod.metadata, uid: 'another' } });

/** A tracker over a fake informer (`live`, by name) that records what it let go. */
function setup(live: Pod[] = [v1, v2]) {
  const clock = new FakeClock();
  const informer = new Map(live.map((p) => [p.metadata?.name ?? '', p]));
  const log: string[] = [];
  const tracker = new InFlightPreemptions({
    clock,
    lookup: (_ns, name) => informer.get(name),
    onSettled: (pod) => log.push(`settled ${pod.metadata?.name}`),
    onFailed: (pod, node, message) => log.push(`failed ${pod.metadata?.name} on ${node}: ${message}`),
  });
  return { clock, informer, log, tracker };
}

describe('InFlightPreemptions', () => {
  const cases: {
    name: string;
    /** Steps after start(p, n1, [v1, v2]): `gone v1`, `delete v1` (from the informer), `terminate v1`, `rename v1`, `done`, `fail`, `wait 30000`. */
    steps: string[];
    log: string[];
    preempting: boolean;
  }[] = [
    {
      name: 'a preemptor is held while its API calls run, even when its victims are already seen gone',
      steps: ['gone v1', 'gone v2'],
      log: [],
      preempting: true,
    },
    {
      name: 'it is let go when its calls succeeded and every victim was seen gone before',
      steps: ['gone v1', 'gone v2', 'done'],
      log: ['settled p'],
      preempting: false,
    },
    {
      name: 'it is let go when the last victim is seen gone after its calls succeeded',
      steps: ['done', 'gone v1', 'gone v2'],
      log: ['settled p'],
      preempting: false,
    },
    {
      name: 'it waits as long as one victim is still seen',
      steps: ['done', 'gone v1'],
      log: [],
      preempting: true,
    },
    {
      name: 'victims the informer no longer has, or has terminating, or has under another UID count as gone when the calls end',
      steps: ['delete v1', 'rename v2', 'done'],
      log: ['settled p'],
      preempting: false,
    },
    {
      name: 'a victim the informer has terminating counts as gone',
      steps: ['delete v1', 'terminate v2', 'done'],
      log: ['settled p'],
      preempting: false,
    },
    {
      name: 'a failed call lets the preemptor go at once with the failure',
      steps: ['fail'],
      log: ['failed p on n1: pods "v1" is forbidden'],
      preempting: false,
    },
    {
      name: 'victims never seen gone stop holding the preemptor 30 s after the calls ended',
      steps: ['done', 'wait 29999'],
      log: [],
      preempting: true,
    },
    {
      name: 'after 30 s it is let go anyway',
      steps: ['done', 'wait 30000'],
      log: ['settled p'],
      preempting: false,
    },
    {
      name: 'ending the calls twice counts once',
      steps: ['done', 'gone v1', 'gone v2', 'fail', 'done'],
      log: ['settled p'],
      preempting: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { clock, informer, log, tracker } = setup();
      const done = tracker.start(preemptor, 'n1', [v1, v2]);
      assert.ok(tracker.isVictim(v1) && tracker.isVictim(v2));
      for (const step of c.steps) {
        const [verb, arg = ''] = step.split(' ');
        const pod = arg === 'v1' ? v1 : v2;
        if (verb === 'gone') tracker.victimGone(pod);
        else if (verb === 'delete') informer.delete(arg);
        else if (verb === 'terminate') informer.set(arg, terminating(pod));
        else if (verb === 'rename') informer.set(arg, namesake(pod));
        else if (verb === 'done') done();
        else if (verb === 'fail') done('pods "v1" is forbidden');
        else if (verb === 'wait') clock.step(Number(arg));
      }
      assert.deepEqual(log, c.log);
      assert.equal(tracker.isPreempting(preemptor), c.preempting);
      assert.equal(tracker.size, c.preempting ? 1 : 0);
      if (!c.preempting) assert.ok(!tracker.isVictim(v1) && !tracker.isVictim(v2), 'its victims are let go too');
    });
  }

  test('a pod seen gone that is no victim changes nothing', () => {
    const { log, tracker } = setup();
    const done = tracker.start(preemptor, 'n1', [v1]);
    tracker.victimGone(v2);
    done();
    assert.deepEqual(log, []);
    tracker.victimGone(v1);
    assert.deepEqual(log, ['settled p']);
  });

  test('a preemptor started again replaces its earlier preemption, whose end no longer counts', () => {
    const { log, tracker } = setup();
    const first = tracker.start(preemptor, 'n1', [v1]);
    const second = tracker.start(preemptor, 'n2', [v2]);
    assert.ok(!tracker.isVictim(v1), 'the earlier victims are no longer in flight');
    first('too late');
    assert.deepEqual(log, []);
    assert.ok(tracker.isPreempting(preemptor));
    tracker.victimGone(v2);
    second();
    assert.deepEqual(log, ['settled p']);
  });

  test('idle() resolves once no preemption has API calls running', async () => {
    const { tracker } = setup();
    await tracker.idle();
    const a = tracker.start(preemptor, 'n1', [v1]);
    const b = tracker.start(makePod('q'), 'n1', [v2]);
    let idle = false;
    const waiting = tracker.idle().then(() => (idle = true));
    a();
    await Promise.resolve();
    assert.equal(idle, false);
    b('failed');
    await waiting;
    assert.equal(idle, true);
  });

  test('close() cancels the settle timers', () => {
    const { clock, log, tracker } = setup();
    tracker.start(preemptor, 'n1', [v1])();
    tracker.close();
    clock.step(60_000);
    assert.deepEqual(log, []);
  });
});
