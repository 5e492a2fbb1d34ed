import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { Clock } from '../../../client/clock/clock.js';
import { SharedInformerFactory } from '../../../client/informers/shared-informer-factory.js';
import { ResourceClient } from '../../../client/rest/resource-client.js';
import type { RestClient } from '../../../client/rest/rest-client.js';
import type { RequestOptions, ResponseStream, Transport } from '../../../client/rest/transport.js';
import { forbidden, notFound } from '../../../machinery/status.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interfaces.js';
import { Code } from '../../framework/status.js';
import { makeHandle, makeNode, makeNodeInfo } from '../../testing/builders.js';
import { newDefaultPreemption } from './default-preemption.js';
import { apiPreemptionActions, disruptionCondition } from './preemption-actions.js';
import { fitFilter, preemptor, statusesOf, victim } from './preemption-fixtures.js';

const NOW = Date.parse('2026-02-03T04:05:06Z');
const clock: Clock = { now: () => NOW, setTimer: () => ({ cancel: () => undefined }) };
const CONDITION = {
  type: 'DisruptionTarget',
  status: 'True',
  reason: 'PreemptionByScheduler',
  message: 'default-scheduler: preempting to accommodate a higher priority pod',
  lastTransitionTime: '2026-02-03T04:05:06Z',
};

/** A transport that records requests and answers with `answer` (which may throw). */
class FakeTransport implements Transport {
  readonly seen: string[] = [];
  readonly bodies: unknown[] = [];
  constructor(private readonly answer: (o: RequestOptions) => unknown = () => ({})) {}
  request(o: RequestOptions): Promise<unknown> {
    this.seen.push(`${o.method} ${o.path}${o.contentType === undefined ? '' : ` ${o.contentType}`}`);
    this.bodies.push(o.body);
    try {
      return Promise.resolve(this.answer(o));
    } catch (err) {
      return Promise.reject(err);
    }
  }
  stream(): Promise<ResponseStream> {
    return Promise.reject(new Error('no watches here'));
  }
}

const clientOf = (t: Transport): RestClient =>
  ({
    resource: (d: ConstructorParameters<typeof ResourceClient>[1]) => new ResourceClient(t, d),
  }) as unknown as RestClient;

const PATCH_STATUS = 'PATCH /api/v1/namespaces/default/pods/v/status application/strategic-merge-patch+json';
const DELETE = 'DELETE /api/v1/namespaces/default/pods/v';

describe('apiPreemptionActions', () => {
  const gone = notFound({ group: '', resource: 'pods' }, 'v');
  const cases: {
    name: string;
    victim: Pod;
    answer?: (o: RequestOptions) => unknown;
    want: boolean | string;
    seen: string[];
  }[] = [
    {
      name: 'a victim is marked with DisruptionTarget, then deleted',
      victim: victim('v', { node: 'n' }),
      want: true,
      seen: [PATCH_STATUS, DELETE],
    },
    {
      name: 'a victim that already carries the condition is only deleted',
      victim: { ...victim('v', { node: 'n' }), status: { conditions: [CONDITION] } },
      want: true,
      seen: [DELETE],
    },
    {
      name: 'a victim gone before the patch is not deleted',
      victim: victim('v', { node: 'n' }),
      answer: () => {
        throw gone;
      },
      want: false,
      seen: [PATCH_STATUS],
    },
    {
      name: 'a victim gone before the delete counts as not preempted',
      victim: victim('v', { node: 'n' }),
      answer: (o) => {
        if (o.method === 'DELETE') throw gone;
        return {};
      },
      want: false,
      seen: [PATCH_STATUS, DELETE],
    },
    {
      name: 'any other failure is thrown',
      victim: victim('v', { node: 'n' }),
      answer: (o) => {
        if (o.method === 'DELETE') throw forbidden({ group: '', resource: 'pods' }, 'v', 'no');
        return {};
      },
      want: 'pods "v" is forbidden: no',
      seen: [PATCH_STATUS, DELETE],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const t = new FakeTransport(c.answer);
      const actions = apiPreemptionActions(clientOf(t), clock);
      const got = await actions.preemptPod(preemptor('p', 10), c.victim).catch((err: Error) => err.message);
      assert.equal(got, c.want);
      assert.deepEqual(t.seen, c.seen);
      if (c.seen[0] === PATCH_STATUS) assert.deepEqual(t.bodies[0], { status: { conditions: [CONDITION] } });
    });
  }

  test('clearing a nomination patches it away, and does nothing when there is none', async () => {
    const t = new FakeTransport();
    const actions = apiPreemptionActions(clientOf(t), clock);
    const pod = victim('v', { node: '' });
    await actions.clearNominatedNodeName(pod);
    await actions.clearNominatedNodeName({ ...pod, status: { nominatedNodeName: 'n1' } });
    assert.deepEqual(t.seen, [PATCH_STATUS]);
    assert.deepEqual(t.bodies, [{ status: { nominatedNodeName: null } }]);
  });

  test('the condition names the preemptor’s scheduler and keeps an earlier transition time', () => {
    const p = preemptor('p', 10, undefined, { schedulerName: 'my-scheduler' });
    const earlier = { ...CONDITION, lastTransitionTime: '2026-01-01T00:00:00Z' };
    const got = disruptionCondition(p, { ...victim('v', { node: 'n' }), status: { conditions: [earlier] } }, NOW);
    assert.equal(got?.message, 'my-scheduler: preempting to accommodate a higher priority pod');
    assert.equal(got?.lastTransitionTime, '2026-01-01T00:00:00Z');
  });
});

describe('newDefaultPreemption', () => {
  function handleWith(t: Transport): Handle {
    const nodeInfo = makeNodeInfo(makeNode('node1', { allocatable: { cpu: '1', memory: '1Gi', pods: '1' } }), [
      victim('v', { node: 'node1' }),
    ]);
    const base = makeHandle([nodeInfo], { filter: fitFilter });
    const client = clientOf(t);
    return {
      client,
      informers: new SharedInformerFactory(client),
      clock,
      events: base.events,
      nominator: base.nominator,
      snapshot: base.snapshot,
      namespaceLabels: base.namespaceLabels,
      runFilterPluginsWithNominatedPods: base.runFilterPluginsWithNominatedPods,
      runPreFilterExtensionAddPod: base.runPreFilterExtensionAddPod,
      runPreFilterExtensionRemovePod: base.runPreFilterExtensionRemovePod,
    };
  }

  test('the built plugin evicts through the API', async () => {
    const t = new FakeTransport();
    const plugin = newDefaultPreemption(undefined, handleWith(t));
    assert.equal(plugin.name, 'DefaultPreemption');
    assert.ok('postFilter' in plugin && typeof plugin.postFilter === 'function');
    const { status, result } = await plugin.postFilter(new CycleState(), preemptor('p', 10), statusesOf(['node1']));
    assert.equal(status.code, Code.Success);
    assert.equal(result?.nominatedNodeName, 'node1');
    assert.deepEqual(t.seen, [PATCH_STATUS, DELETE]);
  });

  test('bad args are refused when the plugin is built', () => {
    assert.throws(
      () => newDefaultPreemption({ minCandidateNodesPercentage: 101 }, handleWith(new FakeTransport())),
      /minCandidateNodesPercentage: Invalid value: 101: not in valid range \[0, 100\]/,
    );
  });
});
