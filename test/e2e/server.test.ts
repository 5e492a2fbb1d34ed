import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { runSkiffServerToFailure, startSkiffServer, type SkiffServer } from '../support/skiff-process.js';

const run = promisify(execFile);
const KUBECTL = '/usr/bin/kubectl';

describe('skiff server', () => {
  let dir: string;
  let server: SkiffServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
    server = await startSkiffServer(['--data-dir', dir, '--port', '0']);
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('prints one ready line naming its URL, store and data dir', () => {
    const lines = server.output().trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, new RegExp(`ready at http://127\\.0\\.0\\.1:\\d+ \\(store: sqlite ${dir}/state\\.db`));
  });

  test('answers health checks', async () => {
    for (const path of ['/healthz', '/livez', '/readyz']) {
      const res = await fetch(server.url + path);
      assert.equal(res.status, 200, path);
      assert.equal(await res.text(), 'ok');
    }
  });

  test('the real kubectl reads its version', async () => {
    const { stdout } = await run(KUBECTL, ['--server', server.url, 'version', '-o', 'json']);
    const version = JSON.parse(stdout) as { serverVersion: { major: string; minor: string; gitVersion: string } };
    assert.equal(version.serverVersion.major, '1');
    assert.equal(version.serverVersion.minor, '32');
    assert.match(version.serverVersion.gitVersion, /^v1\.32\.\d+/);
  });

  test('an unknown path is a 404 Status', async () => {
    const res = await fetch(`${server.url}/nothing/here`);
    assert.equal(res.status, 404);
    const status = (await res.json()) as { kind: string; reason: string; code: number };
    assert.deepEqual([status.kind, status.reason, status.code], ['Status', 'NotFound', 404]);
  });
});

describe('skiff server start and stop', () => {
  test('stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
    try {
      const server = await startSkiffServer(['--data-dir', dir, '--port', '0', '--store', 'memory']);
      assert.equal(await server.stop(), 0);
      assert.match(server.output(), /skiff server stopped/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a damaged database in its data dir with a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-e2e-'));
    try {
      writeFileSync(join(dir, 'state.db'), 'definitely not sqlite'.repeat(50));
      const { code, output } = await runSkiffServerToFailure(['--data-dir', dir, '--port', '0']);
      assert.equal(code, 1);
      assert.match(output, /state\.db is not an SQLite database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses a malformed --store flag', async () => {
    const { code, output } = await runSkiffServerToFailure(['--store', 'etcd://', '--port', '0']);
    assert.equal(code, 1);
    assert.match(output, /expected etcd:\/\/host:port/);
  });
});
