/** Data survives a restart of skiff server, and kill -9 loses nothing that was acknowledged. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ApiClient } from '../support/api-client.js';
import { kubectl } from '../support/kubectl.js';
import { startSkiffServer } from '../support/skiff-process.js';

describe('persistence', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'skiff-persist-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('objects survive a clean restart, with their resourceVersions', async () => {
    let server = await startSkiffServer(['--data-dir', dir, '--port', '0']);
    const kubeconfig = join(dir, 'kubeconfig');
    assert.equal((await kubectl(kubeconfig, ['create', 'namespace', 'keep'])).code, 0);
    assert.equal(
      (await kubectl(kubeconfig, ['create', 'configmap', 'kept', '-n', 'keep', '--from-literal=a=b'])).code,
      0,
    );
    const before = (
      await kubectl(kubeconfig, [
        'get',
        'cm',
        'kept',
        '-n',
        'keep',
        '-o',
        'jsonpath={.metadata.uid} {.metadata.resourceVersion}',
      ])
    ).stdout;
    assert.equal(await server.stop(), 0);
    server = await startSkiffServer(['--data-dir', dir, '--port', '0']);
    try {
      const after = await kubectl(kubeconfig, [
        'get',
        'cm',
        'kept',
        '-n',
        'keep',
        '-o',
        'jsonpath={.metadata.uid} {.metadata.resourceVersion}',
      ]);
      assert.equal(after.code, 0, after.stderr);
      assert.equal(after.stdout, before);
    } finally {
      await server.stop();
    }
  });

  test('kill -9 loses no acknowledged write', async () => {
    const server = await startSkiffServer(['--data-dir', dir, '--port', '0']);
    const api = new ApiClient(join(dir, 'kubeconfig'));
    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        const res = await api
          .request(
            'POST',
            '/api/v1/namespaces/default/configmaps',
            JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }),
          )
          .catch(() => undefined);
        if (res?.status === 201) acknowledged.push(name);
        else return;
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    server.process.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    api.close();
    assert.ok(acknowledged.length > 20, `only ${acknowledged.length} writes`);
    const again = await startSkiffServer(['--data-dir', dir, '--port', '0']);
    try {
      const out = await kubectl(join(dir, 'kubeconfig'), ['get', 'cm', '-o', 'name']);
      const present = new Set(
        out.stdout
          .trim()
          .split('\n')
          .map((l) => l.replace('configmap/', '')),
      );
      const lost = acknowledged.filter((n) => !present.has(n));
      assert.deepEqual(lost, []);
    } finally {
      await again.stop();
    }
  });
});
