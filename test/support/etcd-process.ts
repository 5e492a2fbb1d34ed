/**
 * Real etcd processes for tests: one member or a small cluster, on free 127.0.0.1 ports, each in a fresh
 * temporary data directory.
 *
 * Every process is started under `setpriv --pdeathsig KILL`, so it dies with the test process even when that
 * process is killed outright; on a normal exit (or SIGINT/SIGTERM) the remaining members are killed and their
 * directories removed synchronously. Call `stop()` in an `after` hook all the same: it is the clean path.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOST = '127.0.0.1';
const LOG_TAIL_LINES = 40;

export interface EtcdMember {
  readonly name: string;
  /** The client URL, e.g. `http://127.0.0.1:40123`. */
  readonly endpoint: string;
  /** Whether the process is running (started and not yet exited). */
  readonly running: boolean;
  /** Stops the process gracefully (SIGTERM, then SIGKILL after 5 s). Keeps the data directory. */
  stop(): Promise<void>;
  /** Sends `signal` (default SIGKILL) and waits for the process to exit. Keeps the data directory. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the member again on the same ports and data directory and waits until it is healthy. */
  restart(): Promise<void>;
  /** This member's etcd member id (decimal string), from its own status. */
  memberId(): Promise<string>;
}

export interface EtcdCluster {
  readonly members: readonly EtcdMember[];
  /** Every member's client URL. */
  readonly endpoints: readonly string[];
  /** The member that currently leads, as reported by a running member; waits (up to `timeoutMs`) for one. */
  leader(timeoutMs?: number): Promise<EtcdMember>;
  /** Stops every member and removes every data directory. Idempotent. */
  stop(): Promise<void>;
}

/** One etcd member: its endpoint plus the member controls, and `stop()` that also removes its data. */
export interface EtcdServer {
  readonly endpoint: string;
  readonly member: EtcdMember;
  stop(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
}

export interface StartEtcdOptions {
  /** How long to wait for the members to become healthy. Default 15 s. */
  readonly timeoutMs?: number;
  /** Extra etcd flags, e.g. `['--max-request-bytes', '3145728']`. */
  readonly extraArgs?: readonly string[];
}

/** Starts a one-member etcd and waits until it serves requests. */
export async function startEtcd(options: StartEtcdOptions = {}): Promise<EtcdServer> {
  const cluster = await startEtcdCluster(1, options);
  const member = cluster.members[0];
  if (member === undefined) throw new Error('etcd cluster of one has no member');
  return {
    endpoint: member.endpoint,
    member,
    stop: () => cluster.stop(),
    kill: (signal) => member.kill(signal),
    restart: () => member.restart(),
  };
}

/** Starts an etcd cluster of `size` members and waits until every member is healthy. */
export async function startEtcdCluster(size: number, options: StartEtcdOptions = {}): Promise<EtcdCluster> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const ports = await freePorts(size * 2);
  const token = `skiff-test-${process.pid}-${Date.now()}`;
  const specs = Array.from({ length: size }, (_, i) => ({
    name: `m${i}`,
    clientPort: ports[2 * i] ?? 0,
    peerPort: ports[2 * i + 1] ?? 0,
  }));
  const initialCluster = specs.map((s) => `${s.name}=http://${HOST}:${s.peerPort}`).join(',');
  const members = specs.map(
    (s) => new Member(s.name, s.clientPort, s.peerPort, initialCluster, token, options.extraArgs ?? [], timeoutMs),
  );
  try {
    for (const m of members) m.spawn();
    await Promise.all(members.map((m) => m.waitHealthy()));
  } catch (err) {
    await Promise.all(members.map((m) => m.destroy()));
    throw err;
  }
  let stopped = false;
  return {
    members,
    endpoints: members.map((m) => m.endpoint),
    leader: (leaderTimeoutMs = timeoutMs) => findLeader(members, leaderTimeoutMs),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(members.map((m) => m.destroy()));
    },
  };
}

class Member implements EtcdMember {
  readonly endpoint: string;
  private readonly dataDir: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly logTail: string[] = [];

  constructor(
    readonly name: string,
    clientPort: number,
    private readonly peerPort: number,
    private readonly initialCluster: string,
    private readonly token: string,
    private readonly extraArgs: readonly string[],
    private readonly timeoutMs: number,
  ) {
    this.endpoint = `http://${HOST}:${clientPort}`;
    this.dataDir = mkdtempSync(join(tmpdir(), `skiff-etcd-${name}-`));
    liveMembers.add(this);
    installExitHook();
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  spawn(): void {
    const peer = `http://${HOST}:${this.peerPort}`;
    const flags: [string, string][] = [
      ['--name', this.name],
      ['--data-dir', this.dataDir],
      ['--listen-client-urls', this.endpoint],
      ['--advertise-client-urls', this.endpoint],
      ['--listen-peer-urls', peer],
      ['--initial-advertise-peer-urls', peer],
      ['--initial-cluster', this.initialCluster],
      ['--initial-cluster-token', this.token],
      ['--initial-cluster-state', 'new'],
      ['--logger', 'zap'],
      ['--log-outputs', 'stderr'],
      ['--log-level', 'warn'],
    ];
    // setpriv makes the kernel kill etcd when this process dies, however it dies.
    const args = ['--pdeathsig', 'KILL', '--', 'etcd', ...flags.flat(), ...this.extraArgs];
    const child = spawn('setpriv', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line !== '') this.logTail.push(line);
      this.logTail.splice(0, Math.max(0, this.logTail.length - LOG_TAIL_LINES));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        if (this.child === child) this.child = undefined;
        resolve();
      });
      child.once('error', (err) => {
        this.logTail.push(`spawn failed: ${err.message}`);
        if (this.child === child) this.child = undefined;
        resolve();
      });
    });
  }

  async waitHealthy(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`etcd ${this.name} exited during startup:\n${this.logTail.join('\n')}`);
      if (await this.healthy()) return;
      if (Date.now() > deadline) {
        throw new Error(`etcd ${this.name} not healthy after ${this.timeoutMs} ms:\n${this.logTail.join('\n')}`);
      }
      await sleep(50);
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    child.kill(signal);
    await this.exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    this.spawn();
    await this.waitHealthy();
  }

  async memberId(): Promise<string> {
    const status = await this.status();
    if (status === undefined) throw new Error(`etcd ${this.name} did not answer its status`);
    return status.memberId;
  }

  /** The member's own id and the leader it knows of, or undefined when it does not answer. */
  async status(): Promise<{ memberId: string; leader: string } | undefined> {
    const body = await fetchJson(`${this.endpoint}/v3/maintenance/status`, { method: 'POST', body: '{}' });
    const parsed = body as { header?: { member_id?: unknown }; leader?: unknown } | undefined;
    const memberId = parsed?.header?.member_id;
    const leader = parsed?.leader;
    if (typeof memberId !== 'string' || typeof leader !== 'string') return undefined;
    return { memberId, leader };
  }

  /** Kills the process (if any) and removes the data directory. */
  async destroy(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
    liveMembers.delete(this);
  }

  /** Synchronous last-resort cleanup for process exit. */
  destroySync(): void {
    this.child?.kill('SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async healthy(): Promise<boolean> {
    const body = (await fetchJson(`${this.endpoint}/health`)) as { health?: unknown } | undefined;
    return body?.health === 'true';
  }
}

async function findLeader(members: readonly Member[], timeoutMs: number): Promise<EtcdMember> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const m of members) {
      if (!m.running) continue;
      const status = await m.status();
      if (status === undefined || status.leader === '0') continue;
      for (const candidate of members) {
        if (!candidate.running) continue;
        const own = await candidate.status();
        if (own?.memberId === status.leader) return candidate;
      }
    }
    if (Date.now() > deadline) throw new Error(`no etcd leader after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Ports the OS reports free on 127.0.0.1, all distinct (each listener is held until all are chosen). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, HOST, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('unexpected listener address');
    return address.port;
  });
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/** The JSON body of a request, or undefined when there is no answer within a second. */
async function fetchJson(url: string, init: RequestInit = {}): Promise<unknown> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(1_000) });
    return (await res.json()) as unknown;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Process-wide registry of members not yet destroyed, so that an exiting test process leaves none behind.
const liveMembers = new Set<Member>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const cleanup = (): void => {
    for (const m of liveMembers) m.destroySync();
    liveMembers.clear();
  };
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.kill(process.pid, signal);
    });
  }
}
