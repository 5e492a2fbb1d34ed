import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RestClient } from '../../../client/rest/rest-client.js';
import { FakeApiServer, type InjectedAnswer } from '../../../client/testing/index.js';
import { conflict } from '../../../machinery/status.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interfaces.js';
import { Code, Status } from '../../framework/status.js';
import { makeHandle, makePod } from '../../testing/builders.js';
import { bindingFor, type DefaultBinder, NAME, newDefaultBinder } from './default-binder.js';

const BINDING_PATH = '/api/v1/namespaces/ns/pods/foo/binding';
const NODE = 'foohost.kubernetes.mydomain.com';

/** The test handle, with a real client in place of the unavailable one. */
function handleWith(client: RestClient): Handle {
  const handle = makeHandle([]);
  Object.defineProperty(handle, 'client', { value: client });
  return handle;
}

describe('DefaultBinder', () => {
  const server = new FakeApiServer();
  let client: RestClient;
  before(async () => {
    client = new RestClient({ server: await server.start() }, { component: 'default-binder-test', maxRetries: 0 });
  });
  after(async () => {
    client.close();
    await server.stop();
  });

  const pod = makePod('foo', { namespace: 'ns', uid: 'uid-foo' });
  const alreadyBound = conflict(
    { group: '', resource: 'pods/binding' },
    'foo',
    'pod foo is already assigned to node "n1"',
  );
  const cases: { name: string; answer: InjectedAnswer; want: Status }[] = [
    {
      name: 'a binding the server accepts is a success',
      answer: { code: 201, body: { kind: 'Status', apiVersion: 'v1', status: 'Success', code: 201 } },
      want: Status.SUCCESS,
    },
    {
      name: 'an accepted binding’s answer is not read (client-go’s Bind returns only an error)',
      answer: { code: 201, body: 'not json at all' },
      want: Status.SUCCESS,
    },
    {
      name: 'a refused binding is an error carrying the server’s message',
      answer: { code: 409, body: alreadyBound.status },
      want: Status.error(
        'Operation cannot be fulfilled on pods/binding "foo": pod foo is already assigned to node "n1"',
      ),
    },
    {
      name: 'an answer that is no Status is an error with the client’s wording',
      answer: { code: 404, body: 'nope' },
      want: Status.error('the server could not find the requested resource (post pods foo)'),
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      server.requests.length = 0;
      server.inject((r) => r.method === 'POST' && r.path === BINDING_PATH, c.answer);
      const binder = newDefaultBinder(undefined, handleWith(client)) as DefaultBinder;
      const got = await binder.bind(new CycleState(), pod, NODE);
      assert.deepEqual(got, c.want);
      const posted = server.requests.filter((r) => r.path === BINDING_PATH);
      assert.equal(posted.length, 1, 'one POST to the binding subresource');
      assert.deepEqual(JSON.parse(posted[0]?.body ?? '{}'), {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: 'foo', namespace: 'ns', uid: 'uid-foo' },
        target: { kind: 'Node', name: NODE },
      });
    });
  }

  test('a server that cannot be reached is an error', async () => {
    const unreachable = new RestClient({ server: 'http://127.0.0.1:1' }, { maxRetries: 0 });
    try {
      const got = await (newDefaultBinder(undefined, handleWith(unreachable)) as DefaultBinder).bind(
        new CycleState(),
        pod,
        NODE,
      );
      assert.equal(got.code, Code.Error);
      assert.match(got.message(), /127\.0\.0\.1:1/);
    } finally {
      unreachable.close();
    }
  });

  test('the binding names the pod by namespace, name and uid, and targets the node', () => {
    assert.equal(newDefaultBinder(undefined, makeHandle([])).name, NAME);
    assert.deepEqual(bindingFor(pod, 'n1'), {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'foo', namespace: 'ns', uid: 'uid-foo' },
      target: { kind: 'Node', name: 'n1' },
    });
  });
});
