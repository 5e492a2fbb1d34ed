import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alreadyExists, conflict } from '../../machinery/status.js';
import { FakeClock } from '../clock/fake-clock.js';
import { settle, until } from '../testing/settle.js';
import type { LeaderElectionRecord } from './leader-election-record.js';
import { type LeaderElectionConfig, LeaderElector } from './leader-elector.js';
import type { ResourceLock } from './resource-lock.js';

const GR = { group: 'coordination.k8s.io', resource: 'leases' };

/** The lock object all candidates share. */
class LockState {
  record: LeaderElectionRecord | undefined;
  version = 0;
}

/** A candidate's view of the shared lock, with optimistic concurrency; `failing` cuts it off. */
class FakeLock implements ResourceLock {
  failing = false;
  private readVersion = -1;
  constructor(
    private readonly state: LockState,
    readonly identity: string,
  ) {}
  async get(): Promise<LeaderElectionRecord | undefined> {
    this.check();
    this.readVersion = this.state.version;
    return this.state.record;
  }
  async create(record: LeaderElectionRecord): Promise<void> {
    this.check();
    if (this.state.record !== undefined) throw alreadyExists(GR, 'lock');
    this.write(record);
  }
  async update(record: LeaderElectionRecord): Promise<void> {
    this.check();
    if (this.readVersion !== this.state.version) throw conflict(GR, 'lock', 'the object has been modified');
    this.write(record);
  }
  describe(): string {
    return 'ns/lock';
  }
  private check(): void {
    if (this.failing) throw new Error(`${this.identity} is cut off`);
  }
  private write(record: LeaderElectionRecord): void {
    this.state.record = record;
    this.readVersion = ++this.state.version;
  }
}

interface Candidate {
  readonly lock: FakeLock;
  readonly elector: LeaderElector;
  readonly events: string[];
  readonly stop: () => Promise<void>;
  leading?: AbortSignal;
}

function candidate(identity: string, state: LockState, clock: FakeClock, timeline: string[]): Candidate {
  const lock = new FakeLock(state, identity);
  const events: string[] = [];
  const log = (what: string): void => {
    events.push(what);
    timeline.push(`${clock.now()} ${identity} ${what}`);
  };
  const c: Candidate = {
    lock,
    events,
    elector: new LeaderElector({
      lock,
      clock,
      random: () => 0,
      onError: () => undefined,
      callbacks: {
        onStartedLeading: (signal) => {
          c.leading = signal;
          log('started');
        },
        onStoppedLeading: () => log('stopped'),
        onNewLeader: (id) => log(`sees ${id}`),
      },
    }),
    stop: async () => undefined,
  };
  const controller = new AbortController();
  const running = c.elector.run(controller.signal);
  return Object.assign(c, {
    stop: async () => {
      controller.abort();
      await running;
    },
  });
}

/** Moves the clock in small steps, letting the electors react after each. */
async function advance(clock: FakeClock, ms: number, step = 100): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    clock.step(step);
    await settle(3);
  }
}

describe('LeaderElector', () => {
  test('a candidate takes a lock nobody holds, then renews it every retry period', async () => {
    const clock = new FakeClock(0);
    const state = new LockState();
    const a = candidate('a', state, clock, []);
    await until(() => a.events.includes('started'), 'leadership');
    assert.deepEqual(a.events, ['sees a', 'started']);
    assert.equal(a.elector.isLeader(), true);
    assert.deepEqual(state.record, {
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: 0,
      renewTime: 0,
      leaderTransitions: 0,
    });
    await advance(clock, 4000);
    assert.equal(state.record?.renewTime, 4000);
    assert.equal(state.record?.acquireTime, 0, 'renewing keeps the acquire time');
    await a.stop();
  });

  test('a second candidate waits while the leader renews, and takes over only after the leader stepped down', async () => {
    const clock = new FakeClock(0);
    const state = new LockState();
    const timeline: string[] = [];
    const a = candidate('a', state, clock, timeline);
    await until(() => a.events.includes('started'), 'a leading');
    const b = candidate('b', state, clock, timeline);
    await advance(clock, 20_000);
    assert.deepEqual(b.events, ['sees a'], 'b waits while a renews');

    a.lock.failing = true;
    const cutAt = clock.now();
    await advance(clock, 30_000);
    const stoppedA = timeline.find((l) => l.endsWith('a stopped'));
    const startedB = timeline.find((l) => l.endsWith('b started'));
    assert.ok(stoppedA && startedB, timeline.join('\n'));
    const stoppedAt = Number(stoppedA.split(' ')[0]);
    const startedAt = Number(startedB.split(' ')[0]);
    assert.ok(
      stoppedAt - cutAt <= 12_000,
      `a steps down within a retry period plus the renew deadline (${stoppedAt - cutAt} ms)`,
    );
    assert.ok(startedAt - cutAt >= 15_000, `b waits a lease duration after the last renewal (${startedAt - cutAt} ms)`);
    assert.ok(stoppedAt < startedAt, 'never two leaders');
    assert.equal(a.leading?.aborted, true, 'a’s leading signal aborted');
    assert.equal(state.record?.holderIdentity, 'b');
    assert.equal(state.record?.leaderTransitions, 1);
    await b.stop();
    await a.stop();
  });

  test('stopping releases the lock, so the next candidate takes it at its next try', async () => {
    const clock = new FakeClock(0);
    const state = new LockState();
    const timeline: string[] = [];
    const a = candidate('a', state, clock, timeline);
    await until(() => a.events.includes('started'), 'a leading');
    const b = candidate('b', state, clock, timeline);
    await advance(clock, 1000);
    await a.stop();
    assert.deepEqual(a.events, ['sees a', 'started', 'stopped']);
    assert.equal(state.record?.holderIdentity, '');
    assert.equal(state.record?.leaseDurationSeconds, 1);
    await advance(clock, 2000);
    assert.ok(b.events.includes('started'), timeline.join('\n'));
    assert.equal(state.record?.holderIdentity, 'b');
    assert.equal(state.record?.leaderTransitions, 1);
    await b.stop();
  });

  test('a candidate stopped before it ever led neither leads nor reports stopping', async () => {
    const clock = new FakeClock(0);
    const state = new LockState();
    state.record = {
      holderIdentity: 'other',
      leaseDurationSeconds: 15,
      acquireTime: 0,
      renewTime: 0,
      leaderTransitions: 3,
    };
    const b = candidate('b', state, clock, []);
    await advance(clock, 1000);
    await b.stop();
    assert.deepEqual(b.events, ['sees other']);
    assert.equal(state.record?.holderIdentity, 'other');
  });

  const invalid: { name: string; config: Partial<LeaderElectionConfig>; message: RegExp }[] = [
    {
      name: 'a lease no longer than the renew deadline is refused',
      config: { leaseDurationMs: 10_000 },
      message: /leaseDuration must be greater than renewDeadline/,
    },
    {
      name: 'a renew deadline within the jittered retry period is refused',
      config: { retryPeriodMs: 9_000 },
      message: /renewDeadline must be greater than retryPeriod\*JitterFactor/,
    },
  ];
  for (const c of invalid) {
    test(c.name, () => {
      const lock = new FakeLock(new LockState(), 'a');
      assert.throws(
        () => new LeaderElector({ lock, callbacks: { onStartedLeading: () => undefined }, ...c.config }),
        c.message,
      );
    });
  }
});
