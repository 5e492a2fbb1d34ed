import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/core/v1/pod.js';
import { makeNode, makeNodeInfo, makePod } from '../testing/builders.js';
import { fakeEvents, fakeFilter, fakeProfile, fakeScore, noopBinder } from '../testing/fake-plugins.js';
import { ActionType, EventResource } from './cluster-event.js';
import { CycleState } from './cycle-state.js';
import { Framework, type ProfilePlugins } from './framework.js';
import type {
  BindPlugin,
  FilterPlugin,
  PermitPlugin,
  Plugin,
  PostFilterPlugin,
  PostFilterResult,
  PreEnqueuePlugin,
  PreFilterPlugin,
  ReservePlugin,
  ScorePlugin,
} from './interfaces.js';
import type { NodeInfo } from './node-info.js';
import { newPodInfo, type PodInfo } from './pod-info.js';
import { Code, Status } from './status.js';

const pod = makePod('p', { priority: 10 });
const node = (): NodeInfo => makeNodeInfo(makeNode('n1'));
type Lists = Partial<Omit<ProfilePlugins, 'all' | 'queueSort' | 'score'>>;
/** `base` with some extension points replaced; `all` learns the new plugins. */
const withPlugins = (base: ProfilePlugins, extra: Lists): ProfilePlugins => {
  const all = new Map(base.all);
  for (const list of Object.values(extra) as (readonly Plugin[])[]) for (const p of list) all.set(p.name, p);
  return { ...base, ...extra, all };
};

describe('Framework PreEnqueue and Filter', () => {
  test('PreEnqueue answers the first plugin that holds the pod, naming it', () => {
    const pass: PreEnqueuePlugin = { name: 'Pass', preEnqueue: () => Status.SUCCESS };
    const hold: PreEnqueuePlugin = { name: 'Hold', preEnqueue: () => Status.unresolvable('wait') };
    const never: PreEnqueuePlugin = { name: 'Never', preEnqueue: () => assert.fail('not reached') };
    const fwk = new Framework('t', withPlugins(fakeProfile({}), { preEnqueue: [pass, hold, never] }));
    const status = fwk.runPreEnqueue(pod);
    assert.equal(status.plugin, 'Hold');
    assert.equal(status.message(), 'wait');
    assert.equal(
      new Framework('t', withPlugins(fakeProfile({}), { preEnqueue: [pass] })).runPreEnqueue(pod),
      Status.SUCCESS,
    );
  });

  const filterCases: { name: string; results: Status[]; want: { code: Code; plugin: string }; ran: number }[] = [
    {
      name: 'every Filter passing is success',
      results: [Status.SUCCESS, Status.SUCCESS],
      want: { code: Code.Success, plugin: '' },
      ran: 2,
    },
    {
      name: 'the first rejection wins and names its plugin; later plugins do not run',
      results: [Status.unschedulable('a'), Status.unresolvable('b')],
      want: { code: Code.Unschedulable, plugin: 'F0' },
      ran: 1,
    },
    {
      name: 'an unresolvable rejection keeps its code',
      results: [Status.SUCCESS, Status.unresolvable('b')],
      want: { code: Code.UnschedulableAndUnresolvable, plugin: 'F1' },
      ran: 2,
    },
    {
      name: 'an error is passed on with its plugin',
      results: [Status.error('boom'), Status.SUCCESS],
      want: { code: Code.Error, plugin: 'F0' },
      ran: 1,
    },
  ];
  for (const c of filterCases) {
    test(c.name, () => {
      const filters = c.results.map((r, i) => fakeFilter(`F${i}`, () => r));
      const status = new Framework('t', fakeProfile({ filter: filters })).runFilter(new CycleState(), pod, node());
      assert.deepEqual({ code: status.code, plugin: status.plugin }, c.want);
      assert.equal(filters.filter((f) => f.calls.length > 0).length, c.ran);
    });
  }

  test('a Filter whose PreFilter skipped is not run', () => {
    const skipped = fakeFilter('Skipped', () => Status.unschedulable('no'));
    const state = new CycleState();
    state.skipFilterPlugins.add('Skipped');
    assert.equal(new Framework('t', fakeProfile({ filter: [skipped] })).runFilter(state, pod, node()), Status.SUCCESS);
    assert.deepEqual(skipped.calls, []);
  });

  test('the Filter plugins to run follow the skip set when it changes after a node was filtered', () => {
    const a = fakeFilter('A', () => Status.SUCCESS);
    const b = fakeFilter('B', () => Status.SUCCESS);
    const fwk = new Framework('t', fakeProfile({ filter: [a, b] }));
    const state = new CycleState();
    fwk.runFilter(state, pod, node());
    state.skipFilterPlugins.add('A');
    fwk.runFilter(state, pod, node());
    state.skipFilterPlugins.delete('A');
    state.skipFilterPlugins.add('B');
    fwk.runFilter(state, pod, node());
    state.skipFilterPlugins.clear();
    fwk.runFilter(state, pod, node());
    assert.deepEqual(a.calls.length, 3, 'A is skipped in the second run only');
    assert.deepEqual(b.calls.length, 3, 'B is skipped in the third run only');
  });

  test('states with different skip sets, filtered in turn, each run their own Filter plugins', () => {
    const a = fakeFilter('A', () => Status.unschedulable('a says no'));
    const b = fakeFilter('B', () => Status.unschedulable('b says no'));
    const fwk = new Framework('t', fakeProfile({ filter: [a, b] }));
    const skipsA = new CycleState();
    skipsA.skipFilterPlugins.add('A');
    const skipsB = new CycleState();
    skipsB.skipFilterPlugins.add('B');
    const plugins = [skipsA, skipsB, skipsA, new CycleState(), skipsB].map((s) => fwk.runFilter(s, pod, node()).plugin);
    assert.deepEqual(plugins, ['B', 'A', 'B', 'A', 'A']);
  });
});

describe('Framework Filter with nominated pods', () => {
  const nominee = (name: string, priority: number, uid?: string): PodInfo =>
    newPodInfo(makePod(name, { priority, ...(uid ? { uid } : {}) }));
  const byPods = (reject: (n: number) => boolean): FilterPlugin => ({
    name: 'ByPods',
    filter: (_s: CycleState, _p: Pod, info: NodeInfo) =>
      reject(info.pods.length) ? Status.unschedulable(`pods: ${info.pods.length}`) : Status.SUCCESS,
  });
  const cases: { name: string; nominated: PodInfo[]; reject: (pods: number) => boolean; want: Code }[] = [
    {
      name: 'a nominated pod of higher priority counts on the node',
      nominated: [nominee('big', 100)],
      reject: (n) => n >= 1,
      want: Code.Unschedulable,
    },
    {
      name: 'a nominated pod of equal priority counts too',
      nominated: [nominee('same', 10)],
      reject: (n) => n >= 1,
      want: Code.Unschedulable,
    },
    {
      name: 'a nominated pod of lower priority does not count',
      nominated: [nominee('small', 1)],
      reject: (n) => n >= 1,
      want: Code.Success,
    },
    {
      name: 'the pod’s own nomination does not count',
      nominated: [nominee('p', 10, 'uid-default-p')],
      reject: (n) => n >= 1,
      want: Code.Success,
    },
    {
      name: 'the pod must also fit without the nominated pods (they may land elsewhere)',
      nominated: [nominee('big', 100)],
      reject: (n) => n === 0,
      want: Code.Unschedulable,
    },
    {
      name: 'with no nominated pods the filters run once on the node as it is',
      nominated: [],
      reject: () => false,
      want: Code.Success,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const fwk = new Framework('t', fakeProfile({ filter: [byPods(c.reject)] }), (n) =>
        n === 'n1' ? c.nominated : [],
      );
      const info = node();
      assert.equal(fwk.runFilterWithNominatedPods(new CycleState(), pod, info).code, c.want);
      assert.equal(info.pods.length, 0, 'the node given is never changed');
    });
  }

  test('PreFilter extensions see the nominated pods added to a copy of the state', () => {
    const added: string[] = [];
    const tracking: PreFilterPlugin = {
      name: 'Tracking',
      preFilter: () => ({ status: Status.SUCCESS }),
      preFilterExtensions: {
        addPod: (state, _p, info) => {
          added.push(info.pod.metadata?.name ?? '');
          state.write('seen', info.pod.metadata?.name);
          return Status.SUCCESS;
        },
        removePod: () => Status.SUCCESS,
      },
    };
    const fwk = new Framework('t', withPlugins(fakeProfile({}), { preFilter: [tracking] }), () => [
      nominee('big', 100),
    ]);
    const state = new CycleState();
    fwk.runFilterWithNominatedPods(state, pod, node());
    assert.deepEqual(added, ['big']);
    assert.equal(state.read('seen'), undefined, 'the original state is untouched');
  });
});

const invalid = (plugin: string, score: number): string =>
  `plugin "${plugin}" returns an invalid score ${score}, it should in the range of [0, 100] after normalizing`;

/** A Score plugin scoring 100 everywhere whose NormalizeScore multiplies by `factor`, then answers `status()`. */
function fakeNormalizer(name: string, status: () => Status, factor = 1): ScorePlugin {
  return {
    name,
    score: () => 100,
    normalizeScore: (_state, _pod, list) => {
      for (const s of list) s.score *= factor;
      return status();
    },
  };
}

describe('Framework Score', () => {
  test('scores are normalised per plugin, then weighted and summed per node', () => {
    const scale = fakeScore('Scale', { n1: 1, n2: 2 }, (list) => {
      for (const s of list) s.score *= 50;
    });
    const plain = fakeScore('Plain', { n1: 10, n2: 0 });
    const fwk = new Framework(
      't',
      fakeProfile({
        score: [
          { plugin: scale, weight: 2 },
          { plugin: plain, weight: 3 },
        ],
      }),
    );
    const nodes = [makeNodeInfo(makeNode('n1')), makeNodeInfo(makeNode('n2'))];
    assert.deepEqual([...(fwk.runScore(new CycleState(), pod, nodes) as Float64Array)], [130, 200]);
  });

  test('a score outside 0–100 after normalising is an error in upstream’s words', () => {
    const fwk = new Framework('t', fakeProfile({ score: [{ plugin: fakeScore('Big', { n1: 150 }), weight: 1 }] }));
    const status = fwk.runScore(new CycleState(), pod, [node()]);
    assert.ok(status instanceof Status);
    assert.equal(status.code, Code.Error);
    assert.equal(
      status.message(),
      'plugin "Big" returns an invalid score 150, it should in the range of [0, 100] after normalizing',
    );
  });

  test('a Score plugin PreScore skipped is never asked, and the others still count', () => {
    let asked = 0;
    const skipped = { name: 'Skipped', score: () => ++asked };
    const fwk = new Framework(
      't',
      fakeProfile({
        score: [
          { plugin: skipped, weight: 1 },
          { plugin: fakeScore('Kept', { n1: 7 }), weight: 2 },
        ],
      }),
    );
    const state = new CycleState();
    state.skipScorePlugins.add('Skipped');
    assert.deepEqual([...(fwk.runScore(state, pod, [node()]) as Float64Array)], [14]);
    assert.equal(asked, 0);
  });

  test('NormalizeScore gets one entry per node, named and in node order, cycle after cycle', () => {
    const seen: string[][] = [];
    const byName = fakeScore('ByName', { n1: 1, n2: 2, n3: 3 }, (list) => {
      seen.push(list.map((s) => `${s.name}=${s.score}`));
    });
    const fwk = new Framework('t', fakeProfile({ score: [{ plugin: byName, weight: 1 }] }));
    const infos = ['n1', 'n2', 'n3'].map((n) => makeNodeInfo(makeNode(n)));
    fwk.runScore(new CycleState(), pod, infos);
    fwk.runScore(new CycleState(), pod, [infos[2] as NodeInfo]);
    fwk.runScore(new CycleState(), pod, [infos[1] as NodeInfo, infos[0] as NodeInfo]);
    assert.deepEqual(seen, [['n1=1', 'n2=2', 'n3=3'], ['n3=3'], ['n2=2', 'n1=1']]);
  });

  const orderCases: { name: string; plugins: ScorePlugin[]; want: { plugin: string; message: string } }[] = [
    {
      name: 'a Score error wins over an earlier plugin’s NormalizeScore error (every node is scored first)',
      plugins: [
        fakeNormalizer('BadNormalize', () => Status.error('cannot normalise')),
        { name: 'BadScore', score: () => Status.error('cannot score') },
      ],
      want: { plugin: 'BadScore', message: 'cannot score' },
    },
    {
      name: 'a NormalizeScore error wins over an earlier plugin’s score out of range',
      plugins: [fakeScore('Big', { n1: 150 }), fakeNormalizer('BadNormalize', () => Status.error('cannot normalise'))],
      want: { plugin: 'BadNormalize', message: 'cannot normalise' },
    },
    {
      name: 'of two plugins out of range, the first is named',
      plugins: [fakeScore('Negative', { n1: -1 }), fakeScore('Big', { n1: 150 })],
      want: { plugin: '', message: invalid('Negative', -1) },
    },
    {
      name: 'a normalised score out of range is reported after the raw scores of earlier plugins are checked',
      plugins: [fakeNormalizer('Doubler', () => Status.SUCCESS, 2), fakeScore('Fine', { n1: 100 })],
      want: { plugin: '', message: invalid('Doubler', 200) },
    },
  ];
  for (const c of orderCases) {
    test(c.name, () => {
      const fwk = new Framework('t', fakeProfile({ score: c.plugins.map((plugin) => ({ plugin, weight: 1 })) }));
      const status = fwk.runScore(new CycleState(), pod, [node()]);
      assert.ok(status instanceof Status);
      assert.equal(status.code, Code.Error);
      assert.deepEqual({ plugin: status.plugin, message: status.message() }, c.want);
    });
  }

  test('a Score error names its plugin', () => {
    const broken = { name: 'Broken', score: () => Status.error('no state') };
    const fwk = new Framework('t', fakeProfile({ score: [{ plugin: broken, weight: 1 }] }));
    const status = fwk.runScore(new CycleState(), pod, [node()]);
    assert.ok(status instanceof Status);
    assert.equal(status.plugin, 'Broken');
  });
});

describe('Framework PostFilter', () => {
  const post = (name: string, status: Status, result?: PostFilterResult): PostFilterPlugin & { ran: boolean } => {
    const p = {
      name,
      ran: false,
      postFilter: async () => {
        p.ran = true;
        return result === undefined ? { status } : { status, result };
      },
    };
    return p;
  };
  const run = (plugins: PostFilterPlugin[]) =>
    new Framework('t', withPlugins(fakeProfile({}), { postFilter: plugins })).runPostFilter(
      new CycleState(),
      pod,
      new Map(),
    );

  test('the first success is the answer, with its result', async () => {
    const later = post('Later', Status.SUCCESS);
    const out = await run([post('First', Status.SUCCESS, { nominatedNodeName: 'n1' }), later]);
    assert.equal(out.status.isSuccess(), true);
    assert.deepEqual(out.result, { nominatedNodeName: 'n1' });
    assert.equal(later.ran, false);
  });

  test('an unresolvable answer stops the others and names its plugin', async () => {
    const later = post('Later', Status.SUCCESS);
    const out = await run([post('Stop', Status.unresolvable('never')), later]);
    assert.equal(out.status.code, Code.UnschedulableAndUnresolvable);
    assert.equal(out.status.plugin, 'Stop');
    assert.equal(later.ran, false);
  });

  test('when every plugin rejects, their reasons are merged into one Unschedulable status', async () => {
    const out = await run([post('A', Status.unschedulable('a1')), post('B', Status.unschedulable('b1', 'b2'))]);
    assert.equal(out.status.code, Code.Unschedulable);
    assert.deepEqual(out.status.reasons, ['a1', 'b1', 'b2']);
  });

  test('when every plugin rejects, the first one is named (upstream RunPostFilterPlugins)', async () => {
    const out = await run([post('A', Status.unschedulable('a1')), post('B', Status.unschedulable('b1'))]);
    assert.equal(out.status.plugin, 'A');
  });

  test('a rejecting plugin’s result (e.g. clearing the nomination) is kept (upstream keeps the last non-noop result)', async () => {
    const out = await run([post('A', Status.unschedulable('no victims'), { nominatedNodeName: '' })]);
    assert.deepEqual(out.result, { nominatedNodeName: '' });
  });
});

describe('Framework Reserve, Permit and Bind', () => {
  test('Reserve runs in order and stops at a failure; Unreserve runs in reverse order', () => {
    const log: string[] = [];
    const reserve = (name: string, status: Status): ReservePlugin => ({
      name,
      reserve: () => {
        log.push(`reserve ${name}`);
        return status;
      },
      unreserve: () => void log.push(`unreserve ${name}`),
    });
    const fwk = new Framework(
      't',
      withPlugins(fakeProfile({}), {
        reserve: [
          reserve('A', Status.SUCCESS),
          reserve('B', Status.unschedulable('full')),
          reserve('C', Status.SUCCESS),
        ],
      }),
    );
    const state = new CycleState();
    const status = fwk.runReserve(state, pod, 'n1');
    assert.equal(status.plugin, 'B');
    fwk.runUnreserve(state, pod, 'n1');
    assert.deepEqual(log, ['reserve A', 'reserve B', 'unreserve C', 'unreserve B', 'unreserve A']);
  });

  const permit = (name: string, status: Status, timeoutMs?: number): PermitPlugin => ({
    name,
    permit: () => (timeoutMs === undefined ? { status } : { status, timeoutMs }),
  });
  const permitCases: { name: string; plugins: PermitPlugin[]; want: { code: Code; waitMs: number; plugin: string } }[] =
    [
      { name: 'no Permit plugins allow at once', plugins: [], want: { code: Code.Success, waitMs: 0, plugin: '' } },
      {
        name: 'the longest Wait is how long the pod waits',
        plugins: [
          permit('A', Status.of(Code.Wait), 1000),
          permit('B', Status.of(Code.Wait), 3000),
          permit('C', Status.SUCCESS),
        ],
        want: { code: Code.Success, waitMs: 3000, plugin: '' },
      },
      {
        name: 'a Wait is capped at 15 minutes',
        plugins: [permit('A', Status.of(Code.Wait), 3_600_000)],
        want: { code: Code.Success, waitMs: 900_000, plugin: '' },
      },
      {
        name: 'a rejection wins over waits',
        plugins: [permit('A', Status.of(Code.Wait), 1000), permit('B', Status.unschedulable('denied'))],
        want: { code: Code.Unschedulable, waitMs: 0, plugin: 'B' },
      },
    ];
  for (const c of permitCases) {
    test(c.name, () => {
      const fwk = new Framework('t', withPlugins(fakeProfile({}), { permit: c.plugins }));
      const { status, waitMs } = fwk.runPermit(new CycleState(), pod, 'n1');
      assert.deepEqual({ code: status.code, waitMs, plugin: status.plugin }, c.want);
    });
  }

  const binder = (name: string, status: Status): BindPlugin & { ran: boolean } => {
    const b = {
      name,
      ran: false,
      bind: async () => {
        b.ran = true;
        return status;
      },
    };
    return b;
  };

  test('a binder answering Skip passes the pod to the next binder', async () => {
    const second = binder('Second', Status.SUCCESS);
    const fwk = new Framework('t', withPlugins(fakeProfile({}), { bind: [binder('First', Status.SKIP), second] }));
    assert.equal((await fwk.runBind(new CycleState(), pod, 'n1')).isSuccess(), true);
    assert.equal(second.ran, true);
  });

  test('a binder failing ends binding, naming the binder', async () => {
    const second = binder('Second', Status.SUCCESS);
    const fwk = new Framework(
      't',
      withPlugins(fakeProfile({}), { bind: [binder('First', Status.error('conflict')), second] }),
    );
    const status = await fwk.runBind(new CycleState(), pod, 'n1');
    assert.equal(status.plugin, 'First');
    assert.equal(second.ran, false);
  });

  test('every binder skipping is an error', async () => {
    const fwk = new Framework('t', withPlugins(fakeProfile({}), { bind: [binder('First', Status.SKIP)] }));
    assert.equal((await fwk.runBind(new CycleState(), pod, 'n1')).message(), 'no bind plugin bound the pod');
  });

  test('the fake binder used by other tests binds', async () =>
    assert.equal((await noopBinder.bind(new CycleState(), pod, 'n1')).isSuccess(), true));
});

describe('Framework events', () => {
  test('eventsOf answers what each plugin registered, nothing for the others', () => {
    const events = [{ resource: EventResource.Node, actions: ActionType.Add }];
    const fwk = new Framework('t', fakeProfile({ others: [fakeEvents('Watcher', events)] }));
    assert.deepEqual(fwk.eventsOf('Watcher'), events);
    assert.deepEqual(fwk.eventsOf('FakeSort'), []);
    assert.deepEqual(fwk.eventsOf('Unknown'), []);
  });
});
