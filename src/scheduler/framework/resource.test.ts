import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Quantity } from '../../machinery/quantity.js';
import { CPU, MEMORY, plainQuantityNumber, Resource, resourceFromList } from './resource.js';

/** What Quantity makes of `text` as the scheduler counts `name` (cpu in thousandths, the rest in units). */
const exact = (name: string, text: string): number => {
  const q = Quantity.parse(text);
  return Number(name === CPU ? q.milliValue() : q.value());
};

describe('plainQuantityNumber', () => {
  const plain = [
    '0',
    '1',
    '4',
    '110',
    '100m',
    '1m',
    '1500m',
    '999m',
    '1001m',
    '0100m',
    '500Mi',
    '32Gi',
    '1Ki',
    '2k',
    '3M',
    '7G',
    '1T',
    '2Ti',
    '5Pi',
    '8P',
    '123456789012345m',
    '100000000000001m',
    '999999999999999',
  ];
  for (const name of [CPU, MEMORY]) {
    for (const text of plain) {
      test(`${name} ${text} is what Quantity makes of it`, () => {
        // Amounts past 2^53 thousandths (e.g. 5Pi) are left to Quantity; whatever is answered must be exact.
        const fast = plainQuantityNumber(name, text);
        if (fast !== undefined) assert.equal(fast, exact(name, text));
      });
    }
  }

  test('the usual request and capacity forms are answered without Quantity', () => {
    for (const name of [CPU, MEMORY]) {
      for (const text of ['100m', '500Mi', '4', '32Gi', '110', '1Ki', '20G']) {
        assert.notEqual(plainQuantityNumber(name, text), undefined, `${name} ${text}`);
      }
    }
  });

  const others: { name: string; text: string }[] = [
    { name: 'a decimal point', text: '0.5' },
    { name: 'a sign', text: '+1' },
    { name: 'an exponent', text: '1e3' },
    { name: 'a nano suffix', text: '5n' },
    { name: 'a micro suffix', text: '5u' },
    { name: 'an unknown suffix', text: '5Q' },
    { name: 'no digits', text: 'Mi' },
    { name: 'an empty string', text: '' },
    { name: 'more than 15 digits', text: '1234567890123456' },
    { name: 'an amount past 2^53 thousandths', text: '9999999Ei' },
    { name: 'exa cpu (past 2^53 thousandths)', text: '1E' },
  ];
  for (const c of others) {
    test(`a quantity with ${c.name} is left to Quantity`, () =>
      assert.equal(plainQuantityNumber(CPU, c.text), undefined));
  }

  test('a memory amount in thousandths is rounded up to a whole unit, as Quantity does', () => {
    assert.deepEqual(
      ['1m', '1000m', '1001m', '100000000000001m'].map((t) => plainQuantityNumber(MEMORY, t)),
      [1, 1, 2, 100000000001],
    );
  });
});

describe('resourceFromList', () => {
  test('parses plain and other quantities alike; an unparseable one counts 0', () => {
    const r = resourceFromList({ cpu: '0.5', memory: '1Gi', 'example.com/gpu': '2', 'ephemeral-storage': 'junk' });
    assert.deepEqual(
      [r.milliCPU, r.memory, r.ephemeralStorage, r.scalar.get('example.com/gpu')],
      [500, 1024 ** 3, 0, 2],
    );
  });
});

describe('Resource scalar amounts', () => {
  test('a resource without scalar amounts shares no map with another: setting one leaves the other empty', () => {
    const a = new Resource();
    const b = new Resource();
    a.set('example.com/gpu', 1);
    assert.equal(a.scalar.get('example.com/gpu'), 1);
    assert.equal(b.scalar.size, 0);
  });

  test('add, max and clone carry scalar amounts over', () => {
    const a = new Resource();
    a.set('example.com/gpu', 2);
    const sum = new Resource();
    sum.add(a);
    sum.add(a);
    const peak = new Resource();
    peak.max(a);
    const copy = sum.clone();
    sum.add(a, -1);
    assert.deepEqual([sum.get('example.com/gpu'), peak.get('example.com/gpu'), copy.get('example.com/gpu')], [2, 2, 4]);
  });
});
