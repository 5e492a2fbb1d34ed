import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { kubectl } from '../support/kubectl.js';
import { runSkiffServerToFailure, startSkiffServer, type SkiffServer } from '../support/skiff-process.js';

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

  test('prints one ready line naming its URL, store and kubeconfig', () => {
    const lines = server.output().trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      new RegExp(
        `ready at https://127\\.0\\.0\\.1:\\d+ \\(store: sqlite ${dir}/state\\.db, kubeconfig: ${dir}/kubeconfig\\)`,
      ),
    );
    assert.match(readFileSync(join(dir, 'kubeconfig'), 'utf8'), /certificate-authority-data/);
  });

  test('answers health checks without credentials', async () => {
    const { fetchInsecure } = await import('../support/https-fetch.js');
    for (const path of ['/healthz', '/livez', '/readyz']) {
      const res = await fetchInsecure(server.url + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.body, 'ok');
    }
  });

  test('refuses API requests without credentials with a 401 Status', async () => {
    const { fetchInsecure } = await import('../support/https-fetch.js');
    const res = await fetchInsecure(`${server.url}/api/v1/namespaces`);
    assert.equal(res.status, 401);
    const status = JSON.parse(res.body) as { kind: string; reason: string; code: number };
    assert.deepEqual([status.kind, status.reason, status.code], ['Status', 'Unauthorized', 401]);
  });

  test('the real kubectl reads its version through the generated kubeconfig', async () => {
    const r = await kubectl(join(dir, 'kubeconfig'), ['version', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const version = JSON.parse(r.stdout) as { serverVersion: { major: string; minor: string; gitVersion: string } };
    assert.equal(version.serverVersion.major, '1');
    assert.equal(version.serverVersion.minor, '32');
    assert.match(version.serverVersion.gitVersion, /^v1\.32\.\d+/);
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
