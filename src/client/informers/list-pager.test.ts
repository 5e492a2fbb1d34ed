import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourceExpired } from '../../machinery/status.js';
import type { KubeObject, ObjectList } from '../kube-object.js';
import { ApiError } from '../rest/api-error.js';
import { listAllPages } from './list-pager.js';
import type { ListerWatcher, ListPageOptions } from './list-watch.js';

const list = (rv: string, names: string[], cont?: string): ObjectList<KubeObject> => ({
  metadata: cont ? { resourceVersion: rv, continue: cont } : { resourceVersion: rv },
  items: names.map((name) => ({ metadata: { name } })),
});

function scripted(answers: (ObjectList<KubeObject> | Error)[], calls: ListPageOptions[]): ListerWatcher<KubeObject> {
  return {
    list: async (options) => {
      calls.push(options);
      const next = answers.shift();
      if (next === undefined) throw new Error('unexpected list');
      if (next instanceof Error) throw next;
      return next;
    },
    watch: () => Promise.reject(new Error('not used')),
  };
}

describe('listAllPages', () => {
  test('it follows continue tokens and keeps the snapshot resourceVersion', async () => {
    const calls: ListPageOptions[] = [];
    const lw = scripted([list('5', ['a', 'b'], 't1'), list('5', ['c'])], calls);
    const got = await listAllPages(lw, 2);
    assert.deepEqual(
      got.items.map((i) => i.metadata?.name),
      ['a', 'b', 'c'],
    );
    assert.equal(got.resourceVersion, '5');
    assert.deepEqual(calls, [{ limit: 2 }, { limit: 2, continue: 't1' }]);
  });

  test('an expired continue token falls back to one unpaginated list', async () => {
    const calls: ListPageOptions[] = [];
    const gone = new ApiError(resourceExpired('The provided continue parameter is too old').status);
    const lw = scripted([list('5', ['a'], 't1'), gone, list('9', ['a', 'b'])], calls);
    const got = await listAllPages(lw, 1);
    assert.deepEqual(
      got.items.map((i) => i.metadata?.name),
      ['a', 'b'],
    );
    assert.equal(got.resourceVersion, '9');
    assert.deepEqual(calls.at(-1), {});
  });

  test('a failure of the first page is thrown', async () => {
    const gone = new ApiError(resourceExpired('too old').status);
    await assert.rejects(listAllPages(scripted([gone], []), 1), ApiError);
  });
});
