import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SchedulerMetrics } from './metrics.js';

const line = (text: string, prefix: string): string | undefined => text.split('\n').find((l) => l.startsWith(prefix));

describe('SchedulerMetrics', () => {
  test('attempts are counted by result and profile under upstream’s name', () => {
    const m = new SchedulerMetrics();
    m.observeAttempt('scheduled', 'default-scheduler', 0.002);
    m.observeAttempt('scheduled', 'default-scheduler', 0.004);
    m.observeAttempt('unschedulable', 'default-scheduler', 0.001);
    m.observeAttempt('scheduled', 'other', 0.001);
    assert.equal(m.attemptCount('scheduled'), 3);
    assert.equal(m.attemptCount('unschedulable'), 1);
    assert.equal(m.attemptCount('error'), 0);
    const text = m.render();
    assert.equal(
      line(text, 'scheduler_schedule_attempts_total{result="scheduled",profile="default-scheduler"}'),
      'scheduler_schedule_attempts_total{result="scheduled",profile="default-scheduler"} 2',
    );
    assert.match(text, /# TYPE scheduler_schedule_attempts_total counter/);
  });

  test('pending pods are reported per queue from the queue’s counts', () => {
    const m = new SchedulerMetrics(() => ({ active: 3, backoff: 2, unschedulable: 1, gated: 4 }));
    const text = m.render();
    for (const [queue, n] of [
      ['active', 3],
      ['backoff', 2],
      ['unschedulable', 1],
      ['gated', 4],
    ] as const) {
      assert.equal(
        line(text, `scheduler_pending_pods{queue="${queue}"}`),
        `scheduler_pending_pods{queue="${queue}"} ${n}`,
      );
    }
  });

  test('histogram buckets are cumulative and end with +Inf, sum and count', () => {
    const m = new SchedulerMetrics();
    m.observeScheduled(1);
    m.observeScheduled(3);
    m.observeScheduled(20);
    const text = m.render();
    const bucket = (le: string): string | undefined =>
      line(text, `scheduler_pod_scheduling_attempts_bucket{le="${le}"}`);
    assert.equal(bucket('1'), 'scheduler_pod_scheduling_attempts_bucket{le="1"} 1');
    assert.equal(bucket('4'), 'scheduler_pod_scheduling_attempts_bucket{le="4"} 2');
    assert.equal(bucket('16'), 'scheduler_pod_scheduling_attempts_bucket{le="16"} 2');
    assert.equal(bucket('+Inf'), 'scheduler_pod_scheduling_attempts_bucket{le="+Inf"} 3');
    assert.equal(line(text, 'scheduler_pod_scheduling_attempts_sum'), 'scheduler_pod_scheduling_attempts_sum 24');
    assert.equal(line(text, 'scheduler_pod_scheduling_attempts_count'), 'scheduler_pod_scheduling_attempts_count 3');
  });

  test('latency histograms carry the attempt’s labels', () => {
    const m = new SchedulerMetrics();
    m.observeAttempt('error', 'p', 0.0015);
    const text = m.render();
    assert.equal(
      line(text, 'scheduler_scheduling_attempt_duration_seconds_bucket{result="error",profile="p",le="0.001"}'),
      'scheduler_scheduling_attempt_duration_seconds_bucket{result="error",profile="p",le="0.001"} 0',
    );
    assert.equal(
      line(text, 'scheduler_scheduling_attempt_duration_seconds_bucket{result="error",profile="p",le="0.002"}'),
      'scheduler_scheduling_attempt_duration_seconds_bucket{result="error",profile="p",le="0.002"} 1',
    );
    assert.equal(
      line(text, 'scheduler_scheduling_attempt_duration_seconds_count{result="error",profile="p"}'),
      'scheduler_scheduling_attempt_duration_seconds_count{result="error",profile="p"} 1',
    );
  });

  test('preemption attempts and victims are counted', () => {
    const m = new SchedulerMetrics();
    m.observePreemptionAttempt();
    m.observePreemptionAttempt();
    m.observePreemptionVictims(3);
    const text = m.render();
    assert.equal(line(text, 'scheduler_preemption_attempts_total'), 'scheduler_preemption_attempts_total 2');
    assert.equal(line(text, 'scheduler_preemption_victims_count'), 'scheduler_preemption_victims_count 1');
    assert.equal(line(text, 'scheduler_preemption_victims_sum'), 'scheduler_preemption_victims_sum 3');
    assert.equal(m.preemptionAttemptCount(), 2);
    assert.ok(text.endsWith('\n'));
  });
});
