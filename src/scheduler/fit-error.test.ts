import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Status } from './framework/status.js';
import { type Diagnosis, FitError, NO_NODE_AVAILABLE, reasonHistogram } from './fit-error.js';

const diagnosis = (statuses: Record<string, Status>, extra: Partial<Diagnosis> = {}): Diagnosis => ({
  nodeStatuses: new Map(Object.entries(statuses)),
  unschedulablePlugins: new Set(),
  preFilterMessage: '',
  postFilterMessage: '',
  ...extra,
});

const cpu = Status.unschedulable('Insufficient cpu');
const taint = Status.unresolvable('node(s) had untolerated taint {dedicated: infra}');

describe('FitError message', () => {
  const cases: { name: string; numAllNodes: number; diagnosis: Diagnosis; want: string }[] = [
    {
      name: 'one reason on every node is counted once with the number of nodes',
      numAllNodes: 3,
      diagnosis: diagnosis({ a: cpu, b: cpu, c: cpu }),
      want: '0/3 nodes are available: 3 Insufficient cpu.',
    },
    {
      name: 'reasons are listed as "<count> <reason>" sorted as strings',
      numAllNodes: 3,
      diagnosis: diagnosis({ a: taint, b: cpu, c: cpu }),
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: infra}, 2 Insufficient cpu.',
    },
    {
      name: 'the sort is by the whole string, so 10 comes before 9',
      numAllNodes: 19,
      diagnosis: diagnosis({
        ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`z${i}`, Status.unschedulable('zeta')])),
        ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`a${i}`, Status.unschedulable('alpha')])),
      }),
      want: '0/19 nodes are available: 10 zeta, 9 alpha.',
    },
    {
      name: 'a status with several reasons counts each',
      numAllNodes: 2,
      diagnosis: diagnosis({
        a: Status.unschedulable('Insufficient cpu', 'Insufficient memory'),
        b: Status.unschedulable('Insufficient memory'),
      }),
      want: '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.',
    },
    {
      name: 'a PreFilter rejection gives its message alone, not a per-node histogram',
      numAllNodes: 3,
      diagnosis: diagnosis({ a: cpu, b: cpu, c: cpu }, { preFilterMessage: "node(s) didn't match pod affinity rules" }),
      want: "0/3 nodes are available: node(s) didn't match pod affinity rules.",
    },
    {
      name: 'nodes not filtered (absent from the statuses) are not counted in the histogram',
      numAllNodes: 5,
      diagnosis: diagnosis({ a: cpu }),
      want: '0/5 nodes are available: 1 Insufficient cpu.',
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(new FitError(c.numAllNodes, c.diagnosis).message(), c.want));
  }

  test('the head is upstream’s NoNodeAvailableMsg', () =>
    assert.equal(NO_NODE_AVAILABLE(7), '0/7 nodes are available'));

  test(
    'the PostFilter message follows as it is: upstream appends " <msg>" without another period',
    { todo: 'fit-error.ts appends ". " after the PostFilter message, giving "..", which upstream fixed' },
    () => {
      const d = diagnosis(
        { a: cpu, b: cpu },
        { postFilterMessage: 'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.' },
      );
      assert.equal(
        new FitError(2, d).message(),
        '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
      );
    },
  );

  test('the PostFilter message follows the PreFilter message too', () => {
    const d = diagnosis({}, { preFilterMessage: 'pf', postFilterMessage: 'preemption: not eligible' });
    assert.match(new FitError(1, d).message(), /^0\/1 nodes are available: pf\. preemption: not eligible/);
  });

  test(
    'with no reasons at all the message is the bare head (upstream adds the histogram only when it is not empty)',
    { todo: 'fit-error.ts appends " ." for an empty histogram' },
    () => assert.equal(new FitError(0, diagnosis({})).message(), '0/0 nodes are available:'),
  );
});

describe('reasonHistogram', () => {
  test('counts each reason over every node and sorts the entries', () =>
    assert.deepEqual(
      reasonHistogram(
        new Map([
          ['a', cpu],
          ['b', taint],
          ['c', cpu],
        ]),
      ),
      ['1 node(s) had untolerated taint {dedicated: infra}', '2 Insufficient cpu'],
    ));
  test('no statuses, no entries', () => assert.deepEqual(reasonHistogram(new Map()), []));
});
