import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { ClientGone } from './client-gone.js';

/**
 * Serves one POST: the handler reads the body, then answers at once (`answer`) or never, in which case the
 * client goes away. The handler asks for the signal before the exchange ends (`askFirst`) or after it.
 * Resolves with the signal once the server side is over.
 */
async function exchange(answer: boolean, askFirst: boolean): Promise<AbortSignal> {
  let handled: ((s: { gone: ClientGone; early: AbortSignal | undefined; closed: Promise<void> }) => void) | undefined;
  const result = new Promise<Parameters<NonNullable<typeof handled>>[0]>((resolve) => (handled = resolve));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const gone = new ClientGone(res);
    const closed = new Promise<void>((resolve) => res.once('close', () => setImmediate(resolve)));
    void (async () => {
      for await (const _chunk of req) {
        // read the body: node emits the request's own 'close' after it
      }
      const early = askFirst ? gone.signal : undefined;
      if (answer) res.end('{}');
      handled?.({ gone, early, closed });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const req = request({ host: '127.0.0.1', port, method: 'POST', agent: false }, (res) => res.resume());
  req.on('error', () => undefined);
  req.end('{"kind":"Pod"}');
  const { gone, early, closed } = await result;
  if (!answer) req.destroy();
  await closed;
  server.close();
  return early ?? gone.signal;
}

describe('ClientGone', () => {
  const cases = [
    { name: 'an answer that ends normally does not abort the signal', answer: true, askFirst: true, aborted: false },
    {
      name: 'a client that leaves before the answer ended aborts the signal',
      answer: false,
      askFirst: true,
      aborted: true,
    },
    {
      name: 'a signal first asked for after the client left is aborted already',
      answer: false,
      askFirst: false,
      aborted: true,
    },
    {
      name: 'a signal first asked for after a normal answer is not aborted',
      answer: true,
      askFirst: false,
      aborted: false,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const signal = await exchange(c.answer, c.askFirst);
      assert.equal(signal.aborted, c.aborted);
    });
  }
});
