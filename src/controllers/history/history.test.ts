import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import {
  CONTROLLER_REVISION_HASH_LABEL,
  controllerRevisionName,
  fnv32,
  hashControllerRevision,
} from './controller-revision-hash.js';
import { newControllerRevision } from './controller-history.js';
import { oldRevisionsToDelete, revisionsBeyondLimit } from './history-limit.js';
import { revisionDataEqual, templateOfRevisionData, templatePatch } from './revision-data.js';
import { equalRevision, findEqualRevisions, nextRevision, sortControllerRevisions } from './revision-ordering.js';

const rev = (
  name: string,
  revision: number,
  data: unknown = {},
  created = '2024-01-01T00:00:00Z',
): ControllerRevision =>
  ({
    metadata: { name, creationTimestamp: created, labels: {} },
    data: data as Record<string, unknown>,
    revision,
  }) as ControllerRevision;

const template = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image }] },
});

describe('revision hashing', () => {
  test('FNV-1 32 matches its published test vectors', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    assert.equal(fnv32(enc('')), 0x811c9dc5);
    assert.equal(fnv32(enc('a')), 0x050c5d7e);
    assert.equal(fnv32(enc('foobar')), 0x31f0b262);
  });

  const cases: { name: string; a: [unknown, number?]; b: [unknown, number?]; same: boolean }[] = [
    {
      name: 'equal data hashes alike',
      a: [templatePatch(template('v1'))],
      b: [templatePatch(template('v1'))],
      same: true,
    },
    {
      name: 'key order and empty values do not change the hash',
      a: [{ spec: { template: { a: 1, b: [], c: {} } } }],
      b: [{ spec: { template: { a: 1 } } }],
      same: true,
    },
    {
      name: 'another template hashes differently',
      a: [templatePatch(template('v1'))],
      b: [templatePatch(template('v2'))],
      same: false,
    },
    {
      name: 'a collision count changes the hash',
      a: [templatePatch(template('v1'))],
      b: [templatePatch(template('v1')), 1],
      same: false,
    },
    {
      name: 'collision counts 1 and 2 hash differently',
      a: [templatePatch(template('v1')), 1],
      b: [templatePatch(template('v1')), 2],
      same: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const a = hashControllerRevision(...c.a);
      const b = hashControllerRevision(...c.b);
      assert.match(a, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
      assert.equal(a === b, c.same);
    });
  }

  test('a name is the prefix and the hash, the prefix cut to 223 characters', () => {
    assert.equal(controllerRevisionName('web', 'abc'), 'web-abc');
    const long = 'x'.repeat(240);
    assert.equal(controllerRevisionName(long, 'abc'), `${'x'.repeat(223)}-abc`);
  });

  test('a new revision carries the template labels, the hash label, its owner and its data', () => {
    const data = templatePatch(template('v1'));
    const ref = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true };
    const r = newControllerRevision({ namespace: 'ns', name: 'web', uid: 'u1' }, ref, { app: 'web' }, data, 3);
    const hash = hashControllerRevision(data);
    assert.equal(r.metadata?.name, `web-${hash}`);
    assert.deepEqual(r.metadata?.labels, { app: 'web', [CONTROLLER_REVISION_HASH_LABEL]: hash });
    assert.deepEqual(r.metadata?.ownerReferences, [ref]);
    assert.equal(r.revision, 3);
    assert.ok(revisionDataEqual(r.data, data));
  });
});

describe('revision data', () => {
  test('the patch replaces the template and gives it back without the directive', () => {
    const patch = templatePatch(template('v1'));
    assert.deepEqual(patch, { spec: { template: { ...template('v1'), $patch: 'replace' } } });
    assert.deepEqual(templateOfRevisionData(patch), template('v1'));
    assert.equal(templateOfRevisionData({ spec: {} }), undefined);
  });
});

describe('revision ordering', () => {
  test('revisions sort by number, then age, then name', () => {
    const sorted = sortControllerRevisions([
      rev('c', 2),
      rev('b', 1, {}, '2024-01-02T00:00:00Z'),
      rev('a', 1, {}, '2024-01-02T00:00:00Z'),
      rev('z', 1, {}, '2024-01-01T00:00:00Z'),
    ]);
    assert.deepEqual(
      sorted.map((r) => r.metadata?.name),
      ['z', 'a', 'b', 'c'],
    );
  });

  test('equal data makes equal revisions; differing numeric hash labels do not', () => {
    const a = rev('a', 1, { x: 1 });
    const b = rev('b', 2, { x: 1 });
    assert.ok(equalRevision(a, b));
    assert.ok(!equalRevision(a, rev('c', 1, { x: 2 })));
    const numbered = (name: string, hash: string) => ({
      ...rev(name, 1, { x: 1 }),
      metadata: { name, labels: { [CONTROLLER_REVISION_HASH_LABEL]: hash } },
    });
    assert.ok(!equalRevision(numbered('a', '1'), numbered('b', '2')));
    assert.ok(equalRevision(undefined, undefined));
    assert.ok(!equalRevision(a, undefined));
    assert.deepEqual(
      findEqualRevisions([a, rev('c', 1, { x: 2 }), b], a).map((r) => r.metadata?.name),
      ['a', 'b'],
    );
  });

  test('the next revision follows the last one, and starts at 1', () => {
    assert.equal(nextRevision([]), 1);
    assert.equal(nextRevision([rev('a', 1), rev('b', 4)]), 5);
  });
});

describe('history limits', () => {
  const names = (rs: readonly ControllerRevision[]) => rs.map((r) => r.metadata?.name);
  const revisions = [rev('r1', 1), rev('r2', 2), rev('r3', 3), rev('r4', 4), rev('r5', 5)];

  const statefulCases: { name: string; live: string[]; limit: number; want: string[] }[] = [
    { name: 'within the limit nothing is deleted', live: ['r5'], limit: 4, want: [] },
    { name: 'the oldest non-live revisions go first', live: ['r5'], limit: 2, want: ['r1', 'r2'] },
    { name: 'live revisions are kept and do not count', live: ['r1', 'r5'], limit: 1, want: ['r2', 'r3'] },
    { name: 'a limit of zero keeps only live revisions', live: ['r4'], limit: 0, want: ['r1', 'r2', 'r3', 'r5'] },
  ];
  for (const c of statefulCases) {
    test(`StatefulSet: ${c.name}`, () => {
      assert.deepEqual(names(revisionsBeyondLimit(revisions, new Set(c.live), c.limit)), c.want);
    });
  }

  const daemonCases: { name: string; live: string[]; limit: number; want: string[] }[] = [
    { name: 'within the limit nothing is deleted', live: [], limit: 5, want: [] },
    { name: 'the oldest old revisions go first', live: [], limit: 3, want: ['r1', 'r2'] },
    { name: 'live old revisions count but are kept', live: ['r1'], limit: 3, want: ['r2', 'r3'] },
    { name: 'when only live ones remain fewer are deleted', live: ['r2', 'r3', 'r4', 'r5'], limit: 2, want: ['r1'] },
  ];
  for (const c of daemonCases) {
    test(`DaemonSet: ${c.name}`, () => {
      const got = oldRevisionsToDelete([...revisions].reverse(), new Set(c.live), c.limit, (r) => r.metadata?.name);
      assert.deepEqual(names(got), c.want);
    });
  }
});
