/**
 * A tiny API for the transport tests: `/version` for anyone, `/api` (APIVersions) for authenticated users,
 * `/boom` throws, `/hang` never answers. Each answer says over which HTTP version it went and for whom.
 */
import type { Authenticator, UserInfo } from '../authn/authenticator.js';
import { pathNotFound, type Status, StatusError, unauthorized } from '../../machinery/status.js';
import { versionInfo } from '../version.js';
import type { HttpRequest, HttpResponse, RequestHandler } from './http-types.js';
import { authenticationRequestOf } from './peer-certificate.js';

export interface SeenRequest {
  readonly path: string;
  readonly httpVersion: string;
  readonly user: string | undefined;
}

export interface TinyApi {
  readonly handler: RequestHandler;
  /** Every request served, in order. */
  readonly seen: SeenRequest[];
}

/** The APIVersions document `/api` answers, for a server reachable at `serverAddress` (host:port). */
export const apiVersions = (serverAddress: string): Record<string, unknown> => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
});

export function tinyApi(authenticator: Authenticator, serverAddress: () => string): TinyApi {
  const seen: SeenRequest[] = [];
  const handler = (req: HttpRequest, res: HttpResponse): void => {
    const path = new URL(req.url ?? '/', 'https://localhost').pathname;
    if (path === '/boom') throw new Error('boom');
    if (path === '/hang') return;
    let user: UserInfo | undefined;
    try {
      user = authenticator.authenticate(authenticationRequestOf(req));
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
      seen.push({ path, httpVersion: req.httpVersion, user: undefined });
      return send(req, res, err.code, err.status, undefined);
    }
    seen.push({ path, httpVersion: req.httpVersion, user: user?.name });
    if (path === '/version') return send(req, res, 200, versionInfo(), user);
    if (path === '/api') {
      if (user === undefined) return send(req, res, 401, unauthorized().status, user);
      return send(req, res, 200, apiVersions(serverAddress()), user);
    }
    const notFound: Status = pathNotFound().status;
    send(req, res, 404, notFound, user);
  };
  return { handler, seen };
}

function send(req: HttpRequest, res: HttpResponse, code: number, body: unknown, user: UserInfo | undefined): void {
  res.writeHead(code, {
    'content-type': 'application/json',
    'x-served-over': req.httpVersion,
    'x-user': user?.name ?? '',
  });
  res.end(JSON.stringify(body));
}
