import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CycleState, CycleStateKey, PluginNameSet } from './cycle-state.js';

describe('PluginNameSet', () => {
  const cases: { name: string; change: (s: PluginNameSet) => void; moves: boolean }[] = [
    { name: 'adding a new name moves the version', change: (s) => s.add('B'), moves: true },
    { name: 'adding a name already there does not', change: (s) => s.add('A'), moves: false },
    { name: 'deleting a present name moves the version', change: (s) => s.delete('A'), moves: true },
    { name: 'deleting an absent name does not', change: (s) => s.delete('B'), moves: false },
    { name: 'clearing a non-empty set moves the version', change: (s) => s.clear(), moves: true },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const set = new PluginNameSet();
      set.add('A');
      const before = set.version;
      c.change(set);
      assert.equal(set.version !== before, c.moves);
    });
  }

  test('clearing an empty set does not move the version', () => {
    const set = new PluginNameSet();
    set.clear();
    assert.equal(set.version, 0);
  });
});

describe('CycleStateKey', () => {
  test('answers what the state holds, then what a later write or delete left there', () => {
    const key = new CycleStateKey<string>('k');
    const state = new CycleState();
    const seen = [key.read(state)];
    state.write('k', 'one');
    seen.push(key.read(state), key.read(state));
    state.write('k', 'two');
    seen.push(key.read(state));
    state.write('other', 'x');
    seen.push(key.read(state));
    state.delete('k');
    seen.push(key.read(state));
    assert.deepEqual(seen, [undefined, 'one', 'one', 'two', 'two', undefined]);
  });

  test('answers each state for itself when states are read in turn, clones included', () => {
    const key = new CycleStateKey<string>('k');
    const a = new CycleState();
    a.write('k', 'a');
    const b = new CycleState();
    b.write('k', 'b');
    const copy = a.clone();
    copy.write('k', 'copy');
    assert.deepEqual(
      [a, b, a, copy, a].map((s) => key.read(s)),
      ['a', 'b', 'a', 'copy', 'a'],
    );
  });

  test('a value changed in place is seen (it is the same object)', () => {
    const key = new CycleStateKey<{ n: number }>('k');
    const state = new CycleState();
    state.write('k', { n: 1 });
    assert.equal(key.read(state)?.n, 1);
    (state.read<{ n: number }>('k') as { n: number }).n = 2;
    assert.equal(key.read(state)?.n, 2);
  });
});

describe('CycleState clone', () => {
  test('copies the skip sets, which then change apart from the original', () => {
    const state = new CycleState();
    state.skipFilterPlugins.add('F');
    state.skipScorePlugins.add('S');
    const copy = state.clone();
    copy.skipFilterPlugins.add('G');
    assert.deepEqual([...copy.skipFilterPlugins], ['F', 'G']);
    assert.deepEqual([...copy.skipScorePlugins], ['S']);
    assert.deepEqual([...state.skipFilterPlugins], ['F']);
  });
});
