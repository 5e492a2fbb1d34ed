import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourceExpired } from '../../machinery/status.js';
import { FakeClock } from '../clock/fake-clock.js';
import type { KubeObject, ObjectList } from '../kube-object.js';
import { ApiError, TransportError } from '../rest/api-error.js';
import { FakeWatch } from '../testing/fake-watch.js';
import { until } from '../testing/settle.js';
import type { Watch } from '../watch/watch-event.js';
import type { ReflectorStore } from './delta-fifo.js';
import type { ListerWatcher, ListPageOptions, WatchFromOptions } from './list-watch.js';
import { Reflector } from './reflector.js';

const obj = (name: string, rv: string): KubeObject => ({ metadata: { namespace: 'ns', name, resourceVersion: rv } });
const page = (rv: string, names: string[], cont?: string): ObjectList<KubeObject> => ({
  metadata: cont === undefined ? { resourceVersion: rv } : { resourceVersion: rv, continue: cont },
  items: names.map((n) => obj(n, rv)),
});
const expired = (): ApiError => new ApiError(resourceExpired('too old resource version: 1 (5)').status);

/** Answers lists and watches from scripts; an empty script answers an empty list / a watch that stays open. */
class ScriptedListerWatcher implements ListerWatcher<KubeObject> {
  readonly lists: ListPageOptions[] = [];
  readonly watches: WatchFromOptions[] = [];
  readonly opened: FakeWatch<KubeObject>[] = [];
  constructor(
    readonly pages: (ObjectList<KubeObject> | Error)[] = [],
    readonly watchScript: (FakeWatch<KubeObject> | Error)[] = [],
  ) {}
  async list(options: ListPageOptions): Promise<ObjectList<KubeObject>> {
    this.lists.push(options);
    const next = this.pages.shift() ?? page('1', []);
    if (next instanceof Error) throw next;
    return next;
  }
  async watch(options: WatchFromOptions): Promise<Watch<KubeObject>> {
    this.watches.push(options);
    const next = this.watchScript.shift() ?? new FakeWatch<KubeObject>();
    if (next instanceof Error) throw next;
    this.opened.push(next);
    return next;
  }
}

/** Records what the reflector wrote, one line per call. */
class RecordingStore implements ReflectorStore<KubeObject> {
  readonly ops: string[] = [];
  add = (o: KubeObject): number => this.ops.push(`add ${o.metadata?.name}`);
  update = (o: KubeObject): number => this.ops.push(`update ${o.metadata?.name}`);
  delete = (o: KubeObject): number => this.ops.push(`delete ${o.metadata?.name}`);
  replace = (items: readonly KubeObject[], rv: string): number =>
    this.ops.push(`replace [${items.map((i) => i.metadata?.name).join(',')}] @${rv}`);
  resync = (): number => this.ops.push('resync');
}

function start(lw: ScriptedListerWatcher, resyncPeriodMs?: number) {
  const clock = new FakeClock(0);
  const store = new RecordingStore();
  const errors: unknown[] = [];
  const reflector = new Reflector(lw, store, {
    clock,
    random: () => 0,
    onError: (e) => errors.push(e),
    ...(resyncPeriodMs === undefined ? {} : { resyncPeriodMs }),
  });
  const controller = new AbortController();
  const running = reflector.run(controller.signal);
  const stop = async (): Promise<void> => {
    controller.abort();
    await running;
  };
  return { clock, store, errors, reflector, stop };
}

describe('Reflector', () => {
  test('it lists in pages of 500, then watches from the list resourceVersion with bookmarks', async () => {
    const lw = new ScriptedListerWatcher([page('7', ['a', 'b'], 'next'), page('7', ['c'])]);
    const r = start(lw);
    await until(() => lw.watches.length === 1, 'the watch');
    assert.deepEqual(
      lw.lists.map((l) => [l.limit, l.continue, l.resourceVersion]),
      [
        [500, undefined, undefined],
        [500, 'next', undefined],
      ],
    );
    assert.deepEqual(r.store.ops, ['replace [a,b,c] @7']);
    const w = lw.watches[0];
    assert.equal(w?.resourceVersion, '7');
    assert.equal(w?.allowWatchBookmarks, true);
    assert.ok((w?.timeoutSeconds ?? 0) >= 300 && (w?.timeoutSeconds ?? 0) < 600);
    await r.stop();
  });

  test('events reach the store, bookmarks only move the resourceVersion, and a normal end re-watches from it', async () => {
    const first = new FakeWatch<KubeObject>();
    const lw = new ScriptedListerWatcher([page('7', [])], [first]);
    const r = start(lw);
    await until(() => lw.watches.length === 1, 'the watch');
    first.push('ADDED', obj('a', '8'));
    first.push('MODIFIED', obj('a', '9'));
    first.push('DELETED', obj('a', '10'));
    first.push('BOOKMARK', { metadata: { resourceVersion: '12' } });
    first.end();
    await until(() => lw.watches.length === 2, 'the second watch');
    assert.deepEqual(r.store.ops, ['replace [] @7', 'add a', 'update a', 'delete a']);
    assert.equal(lw.watches[1]?.resourceVersion, '12');
    assert.equal(lw.lists.length, 1, 'no relist');
    assert.equal(r.reflector.lastSyncResourceVersion(), '12');
    await r.stop();
  });

  test('a 410 ERROR on the watch relists at once', async () => {
    const first = new FakeWatch<KubeObject>();
    const lw = new ScriptedListerWatcher([page('7', ['a']), page('20', ['b'])], [first]);
    const r = start(lw);
    await until(() => lw.watches.length === 1, 'the watch');
    first.fail(expired());
    await until(() => lw.watches.length === 2, 'the watch after the relist');
    assert.deepEqual(r.store.ops, ['replace [a] @7', 'replace [b] @20']);
    assert.equal(lw.watches[1]?.resourceVersion, '20');
    assert.deepEqual(r.errors, [], 'a 410 is routine, not an error');
    assert.equal(first.closed, true);
    await r.stop();
  });

  test('a 410 when opening the watch relists at once', async () => {
    const lw = new ScriptedListerWatcher([page('7', []), page('9', [])], [expired()]);
    const r = start(lw);
    await until(() => lw.watches.length === 2, 'the second watch');
    assert.equal(lw.lists.length, 2);
    await r.stop();
  });

  test('failures back off 1 s, then 2 s, on the clock', async () => {
    const down = new TransportError('connection refused');
    const lw = new ScriptedListerWatcher([down, down, page('3', ['a'])]);
    const r = start(lw);
    await until(() => r.clock.waiterCount() === 1, 'the first back-off');
    assert.equal(r.clock.nextTimerAt(), 1000);
    r.clock.step(1000);
    await until(() => lw.lists.length === 2 && r.clock.waiterCount() === 1, 'the second back-off');
    assert.equal(r.clock.nextTimerAt(), 1000 + 2000);
    r.clock.step(2000);
    await until(() => lw.watches.length === 1, 'the watch');
    assert.deepEqual(r.errors, [down, down]);
    assert.deepEqual(r.store.ops, ['replace [a] @3']);
    await r.stop();
  });

  test('a broken watch backs off, then relists', async () => {
    const first = new FakeWatch<KubeObject>();
    const lw = new ScriptedListerWatcher([page('7', []), page('8', [])], [first]);
    const r = start(lw);
    await until(() => lw.watches.length === 1, 'the watch');
    first.push('ADDED', obj('a', '8'));
    first.fail(new TransportError('reset'));
    await until(() => r.clock.waiterCount() === 1, 'the back-off');
    r.clock.step(1000);
    await until(() => lw.watches.length === 2, 'the second watch');
    assert.equal(lw.lists.length, 2);
    await r.stop();
  });

  test('a watch the server ends at once with no event counts as a failure', async () => {
    const empty = new FakeWatch<KubeObject>();
    empty.end();
    const lw = new ScriptedListerWatcher([page('7', [])], [empty]);
    const r = start(lw);
    await until(() => r.errors.length === 1, 'the error');
    assert.match(String((r.errors[0] as Error).message), /very short watch/);
    await r.stop();
  });

  test('the store is told to resync every period while watching', async () => {
    const lw = new ScriptedListerWatcher([page('7', [])]);
    const r = start(lw, 30_000);
    await until(() => lw.watches.length === 1, 'the watch');
    r.clock.step(30_000);
    r.clock.step(30_000);
    assert.deepEqual(r.store.ops, ['replace [] @7', 'resync', 'resync']);
    await r.stop();
    assert.equal(r.clock.waiterCount(), 0, 'no timer left behind');
  });

  test('aborting stops the reflector and closes its watch', async () => {
    const lw = new ScriptedListerWatcher();
    const r = start(lw);
    await until(() => lw.watches.length === 1, 'the watch');
    await r.stop();
    assert.equal(lw.opened[0]?.closed, true);
  });
});
