import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makeNode, makeNodeInfo } from '../testing/builders.js';
import { journalOf, NodeListJournal } from './node-list-journal.js';
import { Snapshot } from './snapshot.js';

describe('NodeListJournal', () => {
  test('names the positions replaced since a version, oldest first, with repeats', () => {
    const journal = new NodeListJournal();
    journal.replaced(3);
    const v1 = journal.version;
    journal.replaced(1);
    journal.replaced(3);
    assert.deepEqual(journal.replacedSince(0), [3, 1, 3]);
    assert.deepEqual(journal.replacedSince(v1), [1, 3]);
    assert.deepEqual(journal.replacedSince(journal.version), []);
  });

  test('cannot follow a version from before a change of shape, nor one it never had', () => {
    const journal = new NodeListJournal();
    journal.replaced(0);
    const before = journal.version;
    journal.reshaped();
    journal.replaced(2);
    assert.equal(journal.replacedSince(before), undefined);
    assert.deepEqual(journal.replacedSince(journal.version - 1), [2]);
    assert.equal(journal.replacedSince(journal.version + 1), undefined);
  });

  test('forgets the oldest replacements beyond its bound', () => {
    const journal = new NodeListJournal();
    for (let i = 0; i < 5000; i++) journal.replaced(i % 7);
    assert.equal(journal.replacedSince(0), undefined);
    assert.deepEqual(journal.replacedSince(journal.version - 2), [4998 % 7, 4999 % 7]);
  });

  test("a snapshot's list carries its journal; replacing a node logs its position, adding one reshapes", () => {
    const snapshot = new Snapshot([makeNodeInfo(makeNode('a')), makeNodeInfo(makeNode('b'))]);
    const journal = journalOf(snapshot.list());
    assert.ok(journal !== undefined);
    assert.equal(journalOf([...snapshot.list()]), undefined, 'another list has none');
    const start = journal.version;
    snapshot.set(makeNodeInfo(makeNode('b')));
    assert.deepEqual(journal.replacedSince(start), [1]);
    snapshot.set(makeNodeInfo(makeNode('c')));
    assert.equal(journal.replacedSince(start), undefined);
    snapshot.replace([makeNodeInfo(makeNode('x'))]);
    assert.notEqual(journalOf(snapshot.list()), journal, 'a new list, a new journal');
  });
});
