/**
 * `skiff scheduler` alone against a server without its own scheduler: a KubeSchedulerConfiguration file
 * (a second profile, a disabled plugin, short leader election), two schedulers of which one acts and the
 * other takes over when it stops, and a bad configuration refused at start.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { API_ONLY, startTestCluster, type TestCluster } from '../support/cluster.js';
import { SKIFF_BIN } from '../support/skiff-process.js';

const CONFIG = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
leaderElection: {leaderElect: true, leaseDuration: 3s, renewDeadline: 2s, retryPeriod: 500ms}
profiles:
- schedulerName: default-scheduler
- schedulerName: no-taints
  plugins:
    multiPoint:
      disabled: [{name: TaintToleration}]
`;

interface Proc {
  readonly process: ChildProcessByStdio<null, Readable, Readable>;
  output(): string;
  stop(): Promise<number | null>;
}

function startScheduler(args: string[]): Proc {
  const proc = spawn(process.execPath, [SKIFF_BIN, 'scheduler', '--metrics-bind-address', '', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    process: proc,
    output: () => out,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

describe('skiff scheduler, standalone', () => {
  let c: TestCluster;
  let config: string;
  const schedulers: Proc[] = [];
  before(async () => {
    c = await startTestCluster([...API_ONLY]);
    config = join(c.dir, 'scheduler.yaml');
    writeFileSync(config, CONFIG);
    const node = `apiVersion: v1
kind: Node
metadata: {name: only, labels: {kubernetes.io/hostname: only}}
spec: {taints: [{key: team, value: a, effect: NoSchedule}]}
status: {allocatable: {cpu: "8", memory: 16Gi, pods: "50"}, capacity: {cpu: "8", memory: 16Gi, pods: "50"}}
`;
    await c.ok(['apply', '-f', '-'], { input: node });
  });
  after(async () => {
    for (const s of schedulers) await s.stop();
    await c.stop();
  });

  const nodeOf = async (name: string, waitMs = 15_000): Promise<string> => {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const out = await c.ok(['get', 'pod', name, '-o', 'jsonpath={.spec.nodeName}']);
      if (out !== '') return out;
      await new Promise((r) => setTimeout(r, 200));
    }
    return '';
  };
  const pod = (name: string, schedulerName: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec: {schedulerName: ${schedulerName}, containers: [{name: c, image: pause}]}
`;

  test('a bad configuration file is refused at start', async () => {
    const bad = join(c.dir, 'bad.yaml');
    writeFileSync(bad, CONFIG.replace('disabled: [{name: TaintToleration}]', 'enabled: [{name: NoSuchPlugin}]'));
    const s = startScheduler(['--kubeconfig', c.kubeconfig, '--config', bad]);
    const code = await new Promise<number | null>((resolve) => s.process.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(s.output(), /plugin "NoSuchPlugin" does not exist/);
  });

  test('two schedulers: one holds the Lease and schedules, profiles apply their plugins', async () => {
    schedulers.push(startScheduler(['--kubeconfig', c.kubeconfig, '--config', config]));
    schedulers.push(startScheduler(['--kubeconfig', c.kubeconfig, '--config', config]));
    await c.ok(['apply', '-f', '-'], { input: pod('tainted-default', 'default-scheduler') });
    await c.ok(['apply', '-f', '-'], { input: pod('tainted-custom', 'no-taints') });
    assert.equal(await nodeOf('tainted-custom'), 'only', 'the profile without TaintToleration ignores the taint');
    assert.equal(await nodeOf('tainted-default', 2000), '', 'the default profile respects the taint');
    const holder = await c.ok([
      'get',
      'lease',
      'kube-scheduler',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.spec.holderIdentity}',
    ]);
    assert.match(holder, /_\d+_/);
  });

  test('when the leader stops, the other takes over', async () => {
    const holder = await c.ok([
      'get',
      'lease',
      'kube-scheduler',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.spec.holderIdentity}',
    ]);
    const pidOf = (s: Proc): number => s.process.pid ?? -1;
    const leader = schedulers.find((s) => holder.includes(`_${pidOf(s)}_`));
    assert.ok(leader, `the lease holder ${holder} is one of the two schedulers`);
    await leader.stop();
    await c.ok(['apply', '-f', '-'], { input: pod('after-failover', 'no-taints') });
    assert.equal(await nodeOf('after-failover', 20_000), 'only');
    const next = await c.ok([
      'get',
      'lease',
      'kube-scheduler',
      '-n',
      'kube-system',
      '-o',
      'jsonpath={.spec.holderIdentity}',
    ]);
    assert.notEqual(next, holder);
  });
});
