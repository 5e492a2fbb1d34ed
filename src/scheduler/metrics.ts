/**
 * The scheduler's metrics, in Prometheus text format under upstream's names: attempts by result, pending
 * pods per queue, attempt latency, attempts per scheduled pod, preemption attempts and victims.
 */
import type { PreemptionMetrics } from './framework/interfaces.js';
import type { PendingCounts } from './queue/scheduling-queue.js';

const LATENCY_BUCKETS = Array.from({ length: 15 }, (_, i) => 0.001 * 2 ** i);
const ATTEMPT_BUCKETS = [1, 2, 4, 8, 16];
const VICTIM_BUCKETS = [1, 2, 4, 8, 16, 32, 64];

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(private readonly buckets: readonly number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count++;
    for (let i = 0; i < this.buckets.length; i++) if (value <= (this.buckets[i] as number)) this.counts[i]!++;
  }
  render(name: string, labels: string): string[] {
    const sep = labels === '' ? '' : ',';
    return [
      ...this.buckets.map((b, i) => `${name}_bucket{${labels}${sep}le="${b}"} ${this.counts[i]}`),
      `${name}_bucket{${labels}${sep}le="+Inf"} ${this.count}`,
      `${name}_sum${labels === '' ? '' : `{${labels}}`} ${this.sum}`,
      `${name}_count${labels === '' ? '' : `{${labels}}`} ${this.count}`,
    ];
  }
}

export type AttemptResult = 'scheduled' | 'unschedulable' | 'error';

export class SchedulerMetrics implements PreemptionMetrics {
  private readonly attempts = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly podAttempts = new Histogram(ATTEMPT_BUCKETS);
  private readonly victims = new Histogram(VICTIM_BUCKETS);
  private preemptionAttempts = 0;

  constructor(
    private readonly pending: () => PendingCounts = () => ({ active: 0, backoff: 0, unschedulable: 0, gated: 0 }),
  ) {}

  observeAttempt(result: AttemptResult, profile: string, seconds: number): void {
    const labels = `result="${result}",profile="${profile}"`;
    this.attempts.set(labels, (this.attempts.get(labels) ?? 0) + 1);
    let h = this.durations.get(labels);
    if (h === undefined) {
      h = new Histogram(LATENCY_BUCKETS);
      this.durations.set(labels, h);
    }
    h.observe(seconds);
  }

  observeScheduled(attempts: number): void {
    this.podAttempts.observe(attempts);
  }

  observePreemptionAttempt(): void {
    this.preemptionAttempts++;
  }

  observePreemptionVictims(victims: number): void {
    this.victims.observe(victims);
  }

  /** How many attempts ended with `result` (all profiles). */
  attemptCount(result: AttemptResult): number {
    let n = 0;
    for (const [labels, v] of this.attempts) if (labels.startsWith(`result="${result}"`)) n += v;
    return n;
  }

  /** How many preemption attempts there were (scheduler_preemption_attempts_total). */
  preemptionAttemptCount(): number {
    return this.preemptionAttempts;
  }

  render(): string {
    const pending = this.pending();
    const lines = [
      '# HELP scheduler_schedule_attempts_total Number of attempts to schedule pods, by the result.',
      '# TYPE scheduler_schedule_attempts_total counter',
      ...[...this.attempts].map(([l, v]) => `scheduler_schedule_attempts_total{${l}} ${v}`),
      '# HELP scheduler_pending_pods Number of pending pods, by the queue type.',
      '# TYPE scheduler_pending_pods gauge',
      `scheduler_pending_pods{queue="active"} ${pending.active}`,
      `scheduler_pending_pods{queue="backoff"} ${pending.backoff}`,
      `scheduler_pending_pods{queue="unschedulable"} ${pending.unschedulable}`,
      `scheduler_pending_pods{queue="gated"} ${pending.gated}`,
      '# HELP scheduler_scheduling_attempt_duration_seconds Scheduling attempt latency in seconds.',
      '# TYPE scheduler_scheduling_attempt_duration_seconds histogram',
      ...[...this.durations].flatMap(([l, h]) => h.render('scheduler_scheduling_attempt_duration_seconds', l)),
      '# HELP scheduler_pod_scheduling_attempts Number of attempts to successfully schedule a pod.',
      '# TYPE scheduler_pod_scheduling_attempts histogram',
      ...this.podAttempts.render('scheduler_pod_scheduling_attempts', ''),
      '# HELP scheduler_preemption_attempts_total Total preemption attempts in the cluster till now.',
      '# TYPE scheduler_preemption_attempts_total counter',
      `scheduler_preemption_attempts_total ${this.preemptionAttempts}`,
      '# HELP scheduler_preemption_victims Number of selected preemption victims.',
      '# TYPE scheduler_preemption_victims histogram',
      ...this.victims.render('scheduler_preemption_victims', ''),
    ];
    return `${lines.join('\n')}\n`;
  }
}
