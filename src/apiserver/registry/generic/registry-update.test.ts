import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigMapKind } from '../../../api/core/v1/config-map.js';
import { MemoryStore } from '../../../storage/memory/memory-store.js';
import { Registry } from './registry.js';
import { makeResource } from './resource.js';
import type { ApiObject } from '../strategy.js';

const cm = (data: Record<string, string>): ApiObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'a', namespace: 'default' },
  data,
});

function setup(): Registry {
  const resource = makeResource(ConfigMapKind, {});
  return new Registry(resource, {
    store: new MemoryStore(),
    now: () => new Date(),
    namespaceState: async () => 'active',
  });
}

describe('registry update', () => {
  test('a replacement that declares no parameter is written, and one equal to the stored object is a no-op', async () => {
    const registry = setup();
    const created = await registry.create('default', cm({ k: '1' }));
    const same = await registry.update('default', 'a', () => cm({ k: '1' }));
    assert.equal(same.object.metadata?.resourceVersion, created.metadata?.resourceVersion, 'nothing written');
    const changed = await registry.update('default', 'a', () => cm({ k: '2' }));
    assert.notEqual(changed.object.metadata?.resourceVersion, created.metadata?.resourceVersion);
    assert.deepEqual((await registry.get('default', 'a'))['data'], { k: '2' });
  });

  test('a copy-on-write function is handed the object the write compares with: only what it returns counts', async () => {
    const registry = setup();
    await registry.create('default', cm({ k: '1' }));
    await registry.update(
      'default',
      'a',
      (current) => {
        (current['data'] as Record<string, string>)['k'] = 'changed in place';
        return current;
      },
      { copyOnWrite: true },
    );
    assert.deepEqual((await registry.get('default', 'a'))['data'], { k: '1' }, 'a change in place is no change');
    await registry.update(
      'default',
      'a',
      (current) => ({ ...current, metadata: { ...current.metadata }, data: { k: '2' } }),
      {
        copyOnWrite: true,
      },
    );
    assert.deepEqual((await registry.get('default', 'a'))['data'], { k: '2' }, 'the returned copy is written');
  });

  test('a function of the current object gets a copy of its own: changing it in place is a change', async () => {
    const registry = setup();
    await registry.create('default', cm({ k: '1' }));
    await registry.update('default', 'a', (current) => {
      (current['data'] as Record<string, string>)['k'] = 'changed in place';
      return current;
    });
    assert.deepEqual((await registry.get('default', 'a'))['data'], { k: 'changed in place' });
  });
});
